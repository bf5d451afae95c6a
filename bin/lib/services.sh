# shellcheck shell=bash
# The vidferry processes of the local stack: Google emulator, api-service, scheduler-service, workers.

EMULATOR_PORT="${VIDFERRY_EMULATOR_PORT:-$((8089 + VF_PORT_OFFSET))}"
API_PORT="${VIDFERRY_API_PORT:-$((8080 + VF_PORT_OFFSET))}"
SCHEDULER_PORT="${VIDFERRY_SCHEDULER_PORT:-$((8081 + VF_PORT_OFFSET))}"
WORKER_BASE_PORT="${VIDFERRY_WORKER_BASE_PORT:-$((8090 + VF_PORT_OFFSET))}" # worker-N listens on base+N
# JVM flags of every service: fast start by default; `bench` runs with full JIT (see bin/lib/bench.sh).
VF_JAVA_OPTS="${VIDFERRY_JAVA_OPTS:--Xms64m -Xmx384m -XX:TieredStopAtLevel=1}"
VF_DB="${VIDFERRY_DB:-vidferry}" # the database the services use
EMULATOR_URL="http://127.0.0.1:$EMULATOR_PORT"

module_of() {
  case "$1" in
    emulator) echo google-emulator ;;
    api) echo api-service ;;
    scheduler) echo scheduler-service ;;
    worker-*) echo worker-service ;;
    *) return 1 ;;
  esac
}

port_of() {
  case "$1" in
    emulator) echo "$EMULATOR_PORT" ;;
    api) echo "$API_PORT" ;;
    scheduler) echo "$SCHEDULER_PORT" ;;
    worker-*) echo $((WORKER_BASE_PORT + ${1#worker-})) ;;
    kafka) echo "$KAFKA_PORT" ;;
  esac
}

jar_of() { echo "$VF_ROOT/$(module_of "$1")/target/quarkus-app/quarkus-run.jar"; }

# True when a module's runnable jar is missing or older than its sources or those of the modules it uses.
jars_stale() {
  local module jar
  for module in api-service worker-service scheduler-service google-emulator; do
    [[ -d "$VF_ROOT/$module/src" ]] || continue
    jar="$VF_ROOT/$module/target/quarkus-app/quarkus-run.jar"
    [[ -f "$jar" ]] || return 0
    if [[ -n "$(find "$VF_ROOT/$module/src/main" "$VF_ROOT/$module/pom.xml" "$VF_ROOT/common-model/src/main" \
      "$VF_ROOT/platform/src/main" "$VF_ROOT/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
      return 0
    fi
  done
  return 1
}

build_if_needed() {
  jars_stale || return 0
  info "building (./mvnw -B -q install -DskipTests)"
  if ! (cd "$VF_ROOT" && "$(mvn_cmd)" -B -q install -DskipTests); then
    warn "the build failed; starting whatever jars exist"
  fi
}

crypto_key() {
  local file="$VF_STACK/crypto.key"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$VF_STACK"
    (umask 077 && head -c 32 /dev/urandom | base64 >"$file")
  fi
  cat "$file"
}

# The environment every service gets: real Postgres and Kafka, the emulator as Google and as OIDC issuer.
service_env() {
  local name="$1" port="$2"
  if [[ "$name" == emulator ]]; then
    cat <<ENV
VIDFERRY_EMULATOR_PORT=$port
VIDFERRY_EMULATOR_DEMO_SEED=true
ENV
    return 0
  fi
  cat <<ENV
QUARKUS_HTTP_PORT=$port
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PG_HOST:$PG_PORT/$VF_DB
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$VF_DB
QUARKUS_DATASOURCE_USERNAME=$PG_USER
QUARKUS_DATASOURCE_PASSWORD=$PGPASSWORD
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
QUARKUS_OIDC_AUTH_SERVER_URL=$EMULATOR_URL
VIDFERRY_GOOGLE_DRIVE_ROOT_URL=$EMULATOR_URL/
VIDFERRY_GOOGLE_YOUTUBE_ROOT_URL=$EMULATOR_URL/
VIDFERRY_GOOGLE_OAUTH2_ROOT_URL=$EMULATOR_URL/
VIDFERRY_GOOGLE_TOKEN_URI=$EMULATOR_URL/token
VIDFERRY_GOOGLE_CLIENT_ID=vidferry
VIDFERRY_GOOGLE_CLIENT_SECRET=vidferry-secret
VIDFERRY_CRYPTO_ACTIVE_KEY_ID=local
VIDFERRY_CRYPTO_KEYS_LOCAL=$(crypto_key)
ENV
}

http_ok() { curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null; }

wait_ready() { # wait_ready NAME SECONDS
  local name="$1" timeout="$2" port i
  port="$(port_of "$name")"
  for ((i = 0; i < timeout * 2; i++)); do
    http_ok "http://127.0.0.1:$port/q/health/ready" && return 0
    pid_of "$name" >/dev/null || return 1 # it died
    sleep 0.5
  done
  return 1
}

# start_service NAME [extra java args...]
start_service() {
  local name="$1" module jar port
  shift
  module="$(module_of "$name")"
  jar="$(jar_of "$name")"
  port="$(port_of "$name")"
  if pid_of "$name" >/dev/null; then
    info "$name already running (pid $(pid_of "$name"), port $port)"
    return 0
  fi
  if [[ ! -f "$jar" ]]; then
    warn "skipping $name: $module/target/quarkus-app/quarkus-run.jar does not exist yet"
    return 0
  fi
  if port_open "$port"; then
    warn "skipping $name: port $port is taken by another process"
    return 0
  fi
  local -a env_args
  mapfile -t env_args < <(service_env "$name" "$port")
  local -a jvm_args=()
  # api-service answers malformed URIs itself (problem+json); Vert.x would answer a bare 400 first
  [[ "$module" == api-service ]] && jvm_args+=(-Dvertx.disableURIValidation=true)
  # extra flags (word-split on purpose): VIDFERRY_SERVICE_OPTS for every Quarkus service, VIDFERRY_WORKER_OPTS for
  # workers; VIDFERRY_NAMED_WORKERS=1 makes a worker's lease owner its name (worker-N)
  local -a extra_opts=()
  if [[ "$name" != emulator ]]; then
    read -r -a extra_opts <<<"${VIDFERRY_SERVICE_OPTS:-}"
    jvm_args+=("${extra_opts[@]}")
  fi
  if [[ "$module" == worker-service ]]; then
    read -r -a extra_opts <<<"${VIDFERRY_WORKER_OPTS:-}"
    jvm_args+=("${extra_opts[@]}")
    [[ "${VIDFERRY_NAMED_WORKERS:-0}" == 1 ]] && jvm_args+=("-Dvidferry.worker.id=$name")
  fi
  local -a java_opts
  read -r -a java_opts <<<"$VF_JAVA_OPTS"
  info "starting $name on port $port"
  (
    cd "$VF_ROOT/$module" || exit 1
    export "${env_args[@]}"
    start_java "$name" "$VF_LOGS/$name.log" "${java_opts[@]}" "${jvm_args[@]}" "$@" -jar "$jar"
  )
  [[ "${VF_START_NOWAIT:-0}" == 1 ]] && return 0 # the caller waits (await_started)
  if wait_ready "$name" 120; then
    info "$name ready: http://127.0.0.1:$port"
  else
    warn "$name did not become ready; last lines of $VF_LOGS/$name.log:"
    tail -n 25 "$VF_LOGS/$name.log" >&2 || true
    # shellcheck disable=SC2034 # read by bin/vidferry
    STACK_FAILED=1
  fi
}

running_workers() {
  local file
  for file in "$VF_PIDS"/worker-*.pid; do
    [[ -e "$file" ]] || continue
    basename "$file" .pid
  done | sort -t- -k2 -n
}

# await_started NAME...: waits until each service started with VF_START_NOWAIT=1 is ready; STACK_FAILED=1 otherwise.
await_started() {
  local name
  for name in "$@"; do
    if pid_of "$name" >/dev/null && wait_ready "$name" 180; then
      info "$name ready: http://127.0.0.1:$(port_of "$name")"
    else
      warn "$name is not ready; last lines of $VF_LOGS/$name.log:"
      tail -n 25 "$VF_LOGS/$name.log" >&2 2>/dev/null || true
      # shellcheck disable=SC2034 # read by bin/vidferry
      STACK_FAILED=1
    fi
  done
}
