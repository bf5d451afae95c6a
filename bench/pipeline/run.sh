#!/usr/bin/env bash
# Pipeline bench of issue #4: worker peak RSS for 1 and 2 GiB files, end-to-end throughput against a raw curl pipe
# (bench/pipeline/raw-pipe.sh) and dispatch latency p50/p99 over 200 jobs. Builds the reactor, runs only
# e2e-tests' PipelineBench (real Postgres and Kafka as for tests, the emulator in the bench JVM, packaged api,
# scheduler and worker processes) and appends the results to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v bc >/dev/null || apt-get install -y bc >/dev/null
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
./mvnw -B verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.test=PipelineBench -Dvidferry.bench=true "$@"
