#!/usr/bin/env bash
# CPU per request of one page under wrk: the app's process and PostgreSQL's backends, from /proc (issue 14).
# Use with a held bench/pages.sh run (BENCH_HOLD=/tmp/hold, see bench/README.md):
#   bench/cpu-per-request.sh "$(sed -n 1p /tmp/hold)" "$(sed -n 2p /tmp/hold)" "$(sed -n 5p /tmp/hold)" [connections] [seconds]
# prints requests/s, the app's CPU ms per request and PostgreSQL's CPU ms per request. Everything else on the machine
# (wrk itself, other processes) is left out; the clock tick is read from getconf.
set -euo pipefail
pid=$1 cookie=$2 url=$3 connections=${4:-8} seconds=${5:-8}
tick=$(getconf CLK_TCK)
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
postgres_cpu() {
  local total=0
  for p in $(pgrep -f '^postgres: ' || true); do total=$((total + $(cpu_of "$p"))); done
  echo "$total"
}
app_before=$(cpu_of "$pid"); pg_before=$(postgres_cpu)
out=$(wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" "$url")
app_after=$(cpu_of "$pid"); pg_after=$(postgres_cpu)
requests=$(grep -oP '\d+(?= requests in)' <<<"$out")
awk -v r="$requests" -v s="$seconds" -v a=$((app_after - app_before)) -v p=$((pg_after - pg_before)) -v t="$tick" -v u="$url" \
  'BEGIN { printf "%s: %.0f requests/s; app %.2f ms CPU per request; PostgreSQL %.2f ms\n", u, r / s, a * 1000 / t / r, p * 1000 / t / r }'
