#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine with the .NET SDK, only when it is missing.
# Sourced by scripts/run.sh, scripts/test.sh, scripts/screenshots.sh and the bench scripts.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${PG_BINDIR:-}" ]; then
    echo "Installing the PostgreSQL server (Debian package postgresql)…"
    apt_install postgresql
  fi
  # Debian's package starts a system cluster; the project runs its own, so that one is not needed.
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium (Debian package chromium) for the browser tests…"
    apt_install chromium
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Node.js and npm (for axe-core)…"
    apt_install nodejs npm
  fi
}

ensure_tzdata() {
  # Interview and visit times are typed and shown in UK time (Europe/London).
  if [ ! -e /usr/share/zoneinfo/Europe/London ]; then
    echo "Installing time-zone data (Debian package tzdata)…"
    apt_install tzdata
  fi
}

ensure_browser_tests() {
  # What the browser tests need: PostgreSQL, Chromium, npm with the test project's packages (axe-core), UK time.
  ensure_postgres
  ensure_chromium
  ensure_node
  ensure_tzdata
  (cd tests/SystemLeadership.EndToEnd.Tests && npm ci --no-audit --no-fund --silent) || { echo "npm ci failed for the browser tests" >&2; exit 1; }
}

ensure_wrk() {
  # The benchmark's HTTP load generator (bench/run.sh --http); not needed by the app or the tests.
  if ! command -v wrk >/dev/null 2>&1; then
    echo "Installing wrk (Debian package wrk) for the HTTP benchmark…"
    apt_install wrk
  fi
}

ensure_pgbouncer() {
  # The tenancy tests run two tenants through one PgBouncer in transaction mode (LocalPgBouncer).
  if [ ! -x /usr/sbin/pgbouncer ] && ! command -v pgbouncer >/dev/null 2>&1; then
    echo "Installing PgBouncer (Debian package pgbouncer) for the connection-pooling tests…"
    apt_install pgbouncer
  fi
  # Debian's package may start a system PgBouncer; the tests start their own on a free port.
}

ensure_haproxy() {
  # The two-node browser test goes through HAProxy (LocalHaproxy); scripts/cluster.sh puts it in front of its nodes.
  if [ ! -x /usr/sbin/haproxy ] && ! command -v haproxy >/dev/null 2>&1; then
    echo "Installing HAProxy (Debian package haproxy) for the two-node tests…"
    apt_install haproxy
  fi
  # Debian's package may start a system HAProxy; the tests start their own on a free port.
}
