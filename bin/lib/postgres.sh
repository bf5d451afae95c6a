# shellcheck shell=bash
# PostgreSQL for the local stack and the tests: the server on 127.0.0.1:5432, started or installed when needed.

PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_USER="${PGUSER:-postgres}"
export PGPASSWORD="${PGPASSWORD:-postgres}"

pg_sql() { # pg_sql DB SQL: run SQL over TCP as $PG_USER
  psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" -tAc "$2"
}

pg_cluster_version() {
  command -v pg_lsclusters >/dev/null || return 1
  pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1; exit }'
}

pg_install() {
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is not installed; install it (apt-get install postgresql) or run as root"
  info "installing PostgreSQL (apt-get install -y postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >/dev/null 2>&1 || {
    apt-get update -q >/dev/null 2>&1
    apt-get install -y -q postgresql >/dev/null || die "apt-get install postgresql failed"
  }
}

# Lets $PG_USER in over TCP from 127.0.0.1 without a password (local development only).
pg_trust_localhost() {
  local version="$1" hba
  hba="$(find /etc/postgresql/"$version" -name pg_hba.conf 2>/dev/null | head -n1)"
  [[ -n "$hba" && -w "$hba" ]] || return 1
  if ! grep -q '^host[[:space:]]\+all[[:space:]]\+all[[:space:]]\+127.0.0.1/32[[:space:]]\+trust' "$hba"; then
    info "allowing trust auth for 127.0.0.1 in $hba"
    sed -i '1i host    all             all             127.0.0.1/32            trust # added by bin/vidferry' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload >/dev/null 2>&1 || true
}

pg_up() {
  command -v psql >/dev/null || pg_install
  local version
  if ! port_open "$PG_PORT" "$PG_HOST"; then
    version="$(pg_cluster_version)"
    if [[ -z "$version" ]]; then
      command -v pg_lsclusters >/dev/null || pg_install
      version="$(pg_cluster_version)"
      [[ -n "$version" ]] || die "no PostgreSQL cluster on port $PG_PORT (see pg_lsclusters)"
    fi
    info "starting PostgreSQL $version (pg_ctlcluster)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || die "could not start PostgreSQL $version"
    mkdir -p "$VF_PIDS"
    echo "$version" >"$VF_PIDS/postgres.started"
    wait_port "$PG_PORT" 30 || die "PostgreSQL did not open port $PG_PORT"
  fi
  if ! pg_sql postgres 'SELECT 1' >/dev/null 2>&1; then
    version="$(pg_cluster_version)"
    [[ -n "$version" ]] && pg_trust_localhost "$version"
    local i
    for ((i = 0; i < 20; i++)); do
      pg_sql postgres 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
    pg_sql postgres 'SELECT 1' >/dev/null || die "cannot log in to PostgreSQL at $PG_HOST:$PG_PORT as $PG_USER"
  fi
  local db
  for db in vidferry vidferry_test; do
    if [[ "$(pg_sql postgres "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
      pg_sql postgres "CREATE DATABASE $db" && info "created database $db"
    fi
  done
  info "PostgreSQL ready on $PG_HOST:$PG_PORT (databases vidferry, vidferry_test)"
}

# Stops PostgreSQL only if bin/vidferry started it.
pg_down() {
  local file="$VF_PIDS/postgres.started" version
  [[ -f "$file" ]] || return 0
  version="$(cat "$file")"
  pg_ctlcluster --skip-systemctl-redirect "$version" main stop >/dev/null 2>&1 || true
  rm -f "$file"
  info "stopped PostgreSQL $version"
}
