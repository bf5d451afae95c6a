#!/usr/bin/env bash
# Emulator throughput bench: starts the packaged emulator with a 256 MiB heap on a free port, runs EmulatorBench.
# Usage: bench/emulator/run.sh [sizeMiB]   (build first: mvn -pl google-emulator install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=google-emulator/target/quarkus-app/quarkus-run.jar
PORT=${PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}
java -Xmx${HEAP:-256m} -Dvidferry.emulator.port="$PORT" -Dvidferry.emulator.host=127.0.0.1 -jar "$JAR" >/tmp/emulator-bench.log 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/q/health" >/dev/null && break; sleep 0.1; done
java -Xmx512m bench/emulator/EmulatorBench.java "http://127.0.0.1:$PORT" "${1:-1024}"
