# shellcheck shell=bash
# `bin/vidferry bench`: a stack of its own (stack dir .stack/bench, database vidferry_bench recreated, services with
# full JIT), the bench module's harness (bench/src/main/java/dev/vidferry/bench) against it, then everything it
# started stopped again. Sourced by bin/vidferry, which points VF_STACK at .stack/bench for this command.

# Service JVM flags for benchmarks: like `up` but with the full JIT (no -XX:TieredStopAtLevel=1); recorded in the report.
BENCH_JAVA_OPTS_DEFAULT="-Xms64m -Xmx384m"
BENCH_HARNESS_OPTS="${VIDFERRY_BENCH_HARNESS_OPTS:--Xms256m -Xmx1g}"

bench_usage() {
  cat <<USAGE
usage: bin/vidferry bench [name...] [--quick]

  names: p1|transfer p2|dispatch p3|api p4|folders p5|scale p6|progress p7|recovery (default: all)
  --quick   small sizes, a sanity check of the harness (CI); writes .stack/bench/bench-quick.md, no docs change
  Full runs append results and charts to docs/benchmarks.md. Ports move with VIDFERRY_PORT_OFFSET (see README).
USAGE
}

bench_classpath() {
  local cp="$VF_ROOT/bench/target/classpath.txt"
  if [[ ! -f "$cp" || ! -d "$VF_ROOT/bench/target/classes" ||
    -n "$(find "$VF_ROOT/bench/src" "$VF_ROOT/bench/pom.xml" -newer "$cp" -type f -print -quit 2>/dev/null)" ]]; then
    info "building the bench harness (./mvnw -B -q package -pl bench -DskipTests)"
    (cd "$VF_ROOT" && "$(mvn_cmd)" -B -q package -pl bench -DskipTests) || die "the bench module does not build"
  fi
  printf '%s:%s\n' "$VF_ROOT/bench/target/classes" "$(cat "$cp")"
}

# Stops every process of the bench stack (never another stack's: PID files live in .stack/bench).
bench_down() {
  local name
  for name in $(running_workers) scheduler api emulator; do
    stop_pid "$name" 2>/dev/null
  done
  kafka_down 2>/dev/null
  pg_down
}

cmd_bench() {
  local quick=0 arg
  local -a names=()
  for arg in "$@"; do
    case "$arg" in
      --quick) quick=1 ;;
      -h | --help) bench_usage; return 0 ;;
      -*) die "unknown option for bench: $arg" ;;
      *) names+=("$arg") ;;
    esac
  done
  command -v wrk >/dev/null || {
    [[ "$(id -u)" == 0 ]] || die "wrk is needed (apt-get install wrk)"
    apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null; } ||
      die "could not install wrk"
  }
  local t0
  t0=$(date +%s)
  # everything below is exported: the harness scales workers by calling `bin/vidferry up` with the same settings
  export VF_STACK VIDFERRY_DB="${VIDFERRY_BENCH_DB:-vidferry_bench}" VIDFERRY_NAMED_WORKERS=1
  export VIDFERRY_JAVA_OPTS="${VIDFERRY_BENCH_JAVA_OPTS:-$BENCH_JAVA_OPTS_DEFAULT}"
  VF_DB="$VIDFERRY_DB"
  VF_JAVA_OPTS="$VIDFERRY_JAVA_OPTS"
  # YouTube quota far above what the runs use; a consumer group of the bench's own on a shared broker
  local worker_opts='-Dvidferry.quota.limits."videos.insert"=100000000 -Dvidferry.quota.limits."default"=1000000000'
  worker_opts+=" -Dmp.messaging.incoming.job-requests.group.id=vidferry-bench-workers"
  # quick: shorter leases so the crash check (P7) takes seconds, not a lease of 10 s
  [[ "$quick" == 1 ]] && worker_opts+=" -Dvidferry.worker.lease-duration=4s -Dvidferry.worker.heartbeat-interval=1s"
  export VIDFERRY_WORKER_OPTS="${VIDFERRY_WORKER_OPTS:-} $worker_opts"
  mkdir -p "$VF_PIDS" "$VF_LOGS"
  local port
  for port in "$API_PORT" "$SCHEDULER_PORT" "$EMULATOR_PORT" $((WORKER_BASE_PORT + 1)) $((WORKER_BASE_PORT + 2)); do
    if port_open "$port" && ! grep -qs . "$VF_PIDS"/*.pid; then
      die "port $port is taken; run the bench beside that stack with VIDFERRY_PORT_OFFSET=10000 (say)"
    fi
  done
  bench_down # leftovers of an interrupted run
  trap bench_down EXIT
  local classpath
  build_if_needed
  classpath="$(bench_classpath)"
  pg_up
  pg_sql postgres "DROP DATABASE IF EXISTS $VF_DB WITH (FORCE)" && pg_sql postgres "CREATE DATABASE $VF_DB" ||
    die "could not recreate database $VF_DB"
  kafka_up
  STACK_FAILED=0
  VF_START_NOWAIT=1 start_service emulator
  VF_START_NOWAIT=1 start_service api # migrates the database: the others validate it at start
  await_started emulator api
  VF_START_NOWAIT=1 start_service scheduler
  VF_START_NOWAIT=1 start_service worker-1
  VF_START_NOWAIT=1 start_service worker-2
  await_started scheduler worker-1 worker-2
  [[ "$STACK_FAILED" == 0 ]] || die "the bench stack did not start (logs: $VF_LOGS)"
  info "bench stack up in $(($(date +%s) - t0)) s; services: $VF_JAVA_OPTS"
  local commit java_version status=0
  commit="$(git -C "$VF_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  [[ -n "$(git -C "$VF_ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit+=" (with local changes)"
  java_version="$(java -version 2>&1 | head -n 1 | sed 's/"//g')"
  local -a harness_opts
  read -r -a harness_opts <<<"$BENCH_HARNESS_OPTS"
  local -a args=("${names[@]}")
  [[ "$quick" == 1 ]] && args+=(--quick)
  java "${harness_opts[@]}" -cp "$classpath" \
    -Dbench.api="http://127.0.0.1:$API_PORT" -Dbench.emulator="$EMULATOR_URL" \
    -Dbench.jdbc="jdbc:postgresql://$PG_HOST:$PG_PORT/$VF_DB" -Dbench.kafka="127.0.0.1:$KAFKA_PORT" \
    -Dbench.pids="$VF_PIDS" -Dbench.root="$VF_ROOT" -Dbench.workers=2 -Dbench.commit="$commit" \
    -Dbench.java="$java_version" -Dbench.serviceFlags="$VF_JAVA_OPTS" \
    dev.vidferry.bench.BenchMain "${args[@]}" || status=$?
  info "bench finished with status $status in $(($(date +%s) - t0)) s"
  return "$status"
}
