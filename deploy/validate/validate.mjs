// Validates Kubernetes documents (YAML on stdin, e.g. `kubectl kustomize ...`) against the JSON schemas that ship in
// the npm packages kubernetes-models (built-in kinds) and @kubernetes-models/keda (ScaledObject,
// TriggerAuthentication). Kinds without a schema there (Strimzi's KafkaTopic) are listed, not validated.
// Exit 0 when every validated document is valid. Run through deploy/validate-schemas.sh.
import { parseAllDocuments } from "yaml";

const modules = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
};

let input = "";
for await (const chunk of process.stdin) input += chunk;
const label = process.argv[2] ?? "stdin";
let failures = 0, validated = 0;
const skipped = new Set();
for (const doc of parseAllDocuments(input)) {
  const object = doc.toJS();
  if (!object) continue;
  const where = `${label}: ${object.kind} ${object.metadata?.name}`;
  const path = modules[object.apiVersion];
  const model = path ? (await import(path))[object.kind] : undefined;
  if (!model) {
    skipped.add(`${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new model(object).validate();
    validated++;
  } catch (e) {
    failures++;
    console.error(`INVALID ${where}: ${e.message}`);
  }
}
console.log(`${label}: ${validated} documents valid, ${failures} invalid` +
  (skipped.size ? `; no schema for: ${[...skipped].join(", ")}` : ""));
process.exit(failures === 0 ? 0 : 1);
