#!/usr/bin/env bash
# Creates vidferry's Kafka topics on any cluster, for those without Strimzi (which uses
# deploy/kubernetes/components/strimzi-topics instead). Idempotent: creates what is missing, grows partitions,
# sets the configs. Then run the services with VIDFERRY_KAFKA_CREATE_TOPICS=false.
#
#   deploy/kafka/create-topics.sh --bootstrap-server broker:9092 [--command-config client.properties]
#   deploy/kafka/create-topics.sh --print           # the topic table only (DeployManifestsTest reads it)
#
# Tools: $KAFKA_HOME/bin/kafka-topics.sh and kafka-configs.sh of a broker distribution when KAFKA_HOME is set or they
# are on PATH; otherwise the same commands from Maven Central jars (org.apache.kafka:kafka-tools of the root pom's
# kafka-broker.version), copied once into .stack/kafka-tools/libs.
set -euo pipefail

# name partitions replicas configs   (keep equal to components/strimzi-topics and common-model Topics.ALL)
TOPICS="
upload-job.requested     12 3 retention.ms=86400000,min.insync.replicas=2
upload-job.progress       6 3 retention.ms=604800000,min.insync.replicas=2
upload-job.control        1 3 retention.ms=86400000,min.insync.replicas=2
upload-job.requested.dlq  1 3 retention.ms=2592000000,min.insync.replicas=2
"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
replicas_override=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --print) printf '%s' "$TOPICS" | sed '/^$/d'; exit 0 ;;
    --replicas) replicas_override="$2"; shift 2 ;; # e.g. 1 on a single-broker cluster
    *) args+=("$1"); shift ;;
  esac
done
[[ " ${args[*]:-} " == *" --bootstrap-server "* ]] || { echo "usage: $0 --bootstrap-server HOST:PORT [...]" >&2; exit 2; }

tool() { # tool kafka-topics|kafka-configs ARGS...
  local name="$1"; shift
  if [[ -n "${KAFKA_HOME:-}" && -x "$KAFKA_HOME/bin/$name.sh" ]]; then
    "$KAFKA_HOME/bin/$name.sh" "$@"
  elif command -v "$name.sh" >/dev/null; then
    "$name.sh" "$@"
  else
    local class=org.apache.kafka.tools.TopicCommand
    [[ "$name" == kafka-configs ]] && class=kafka.admin.ConfigCommand
    java -cp "$(kafka_jars)/*" "$class" "$@"
  fi
}

kafka_jars() {
  local libs="$root/.stack/kafka-tools/libs" version
  version="$(sed -n 's:.*<kafka-broker.version>\(.*\)</kafka-broker.version>.*:\1:p' "$root/pom.xml")"
  if [[ ! -f "$libs/kafka-tools-$version.jar" ]]; then
    mkdir -p "$root/.stack/kafka-tools"
    cat >"$root/.stack/kafka-tools/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>dev.vidferry.tools</groupId><artifactId>kafka-tools-libs</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
    "$root/mvnw" -B -q -f "$root/.stack/kafka-tools/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  fi
  printf '%s\n' "$libs"
}

while read -r name partitions replicas configs; do
  [[ -z "$name" ]] && continue
  replicas="${replicas_override:-$replicas}"
  if [[ -n "$replicas_override" && "$replicas_override" -lt 2 ]]; then
    configs="${configs/min.insync.replicas=2/min.insync.replicas=1}" # a single-broker cluster
  fi
  config_args=()
  IFS=',' read -ra pairs <<<"$configs"
  for pair in "${pairs[@]}"; do config_args+=(--config "$pair"); done
  echo "topic $name: $partitions partitions, replication $replicas, $configs"
  tool kafka-topics "${args[@]}" --create --if-not-exists --topic "$name" --partitions "$partitions" \
    --replication-factor "$replicas" "${config_args[@]}"
  current="$(tool kafka-topics "${args[@]}" --describe --topic "$name" | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)"
  if [[ -n "$current" && "$current" -lt "$partitions" ]]; then
    tool kafka-topics "${args[@]}" --alter --topic "$name" --partitions "$partitions"
  fi
  tool kafka-configs "${args[@]}" --alter --entity-type topics --entity-name "$name" --add-config "$configs"
done <<<"$TOPICS"
