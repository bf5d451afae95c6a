#!/usr/bin/env bash
# Pipeline bench of issue #4 (worker RSS for 1/2 GiB, throughput vs a raw curl pipe, dispatch p50/p99).
# Needs Postgres and Kafka as for tests (bin/vidferry test starts them; or KAFKA_BOOTSTRAP_SERVERS).
# Appends its results to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v bc >/dev/null || apt-get install -y bc >/dev/null
./mvnw -B -q install -DskipTests
./mvnw -B -pl e2e-tests verify -Dvidferry.bench=true -Dit.test=PipelineBench -Dfailsafe.includes='**/*Bench.java' \
  -Dsurefire.failIfNoSpecifiedTests=false
