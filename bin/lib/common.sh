# shellcheck shell=bash
# Shared helpers for bin/vidferry. Sourced, never run.

VF_ROOT="${VF_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
VF_STACK="${VF_STACK:-$VF_ROOT/.stack}"
VF_PIDS="$VF_STACK/pids"
VF_LOGS="$VF_STACK/logs"
# Every local port moves by VIDFERRY_PORT_OFFSET (default 0: api 8080, scheduler 8081, emulator 8089, workers 8090+N,
# Kafka 9092/9093), so a second stack (a benchmark, a parallel checkout) can run beside the first; each port also has
# its own override (VIDFERRY_API_PORT, VIDFERRY_SCHEDULER_PORT, VIDFERRY_EMULATOR_PORT, VIDFERRY_WORKER_BASE_PORT,
# VIDFERRY_KAFKA_PORT, VIDFERRY_KAFKA_CONTROLLER_PORT).
VF_PORT_OFFSET="${VIDFERRY_PORT_OFFSET:-0}"
[[ "$VF_PORT_OFFSET" =~ ^[0-9]+$ ]] || {
  printf 'error: VIDFERRY_PORT_OFFSET must be a number, got %s\n' "$VF_PORT_OFFSET" >&2
  exit 1
}

info() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarn:\033[0m %s\n' "$*" >&2; }
die() {
  printf '\033[1;31merror:\033[0m %s\n' "$*" >&2
  exit 1
}

# port_open PORT [HOST]: true when something accepts TCP connections there.
port_open() {
  local port="$1" host="${2:-127.0.0.1}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# wait_port PORT SECONDS: wait until the port answers.
wait_port() {
  local port="$1" timeout="$2" i
  for ((i = 0; i < timeout * 5; i++)); do
    port_open "$port" && return 0
    sleep 0.2
  done
  return 1
}

# Every process we start carries -Dvidferry.stack=<name>@<root> so that `down` never kills a foreign process that
# happens to reuse a PID.
stack_marker() { printf -- '-Dvidferry.stack=%s@%s' "$1" "$VF_ROOT"; }

# pid_of NAME: prints the PID of our running process NAME, or fails.
pid_of() {
  local name="$1" file="$VF_PIDS/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(stack_marker "$name")"; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$file" # stale: the process is gone or the PID now belongs to someone else
  return 1
}

# start_java NAME LOGFILE ARGS...: starts java in its own session, records the PID.
start_java() {
  local name="$1" log="$2"
  shift 2
  mkdir -p "$VF_PIDS" "$VF_LOGS"
  : >"$log"
  setsid nohup java "$(stack_marker "$name")" "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$VF_PIDS/$name.pid"
}

# stop_pid NAME: TERM, wait up to 20 s, then KILL. Only touches a process that pid_of recognises as ours.
stop_pid() {
  local name="$1" pid i
  pid="$(pid_of "$name")" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) ignored TERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$VF_PIDS/$name.pid"
  info "stopped $name (pid $pid)"
}

# root_pom_property NAME: value of <NAME> in the root pom.xml.
root_pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$VF_ROOT/pom.xml" | head -n1
}

# mvn_cmd: the Maven wrapper when present, else mvn from PATH.
mvn_cmd() {
  if [[ -x "$VF_ROOT/mvnw" ]]; then
    printf '%s\n' "$VF_ROOT/mvnw"
  else
    command -v mvn || die "neither ./mvnw nor mvn found"
  fi
}
