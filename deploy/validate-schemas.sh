#!/usr/bin/env bash
# Validates every overlay against the Kubernetes and KEDA JSON schemas of the npm packages kubernetes-models and
# @kubernetes-models/keda (deploy/validate/package.json; installed on first use). Not part of the normal build: it
# needs node and npm. DeployManifestsTest runs it when deploy/validate/node_modules exists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -d "$here/validate/node_modules" ]]; then
  npm ci --prefix "$here/validate" --no-audit --no-fund --silent
fi
status=0
for overlay in "$here"/kubernetes/overlays/*/; do
  name="$(basename "$overlay")"
  kubectl kustomize "$overlay" | node "$here/validate/validate.mjs" "$name" || status=1
done
exit "$status"
