#!/usr/bin/env bash
# Builds and runs every test suite (domain, integration, bunit, browser), installing PostgreSQL, PgBouncer, HAProxy, Chromium and
# axe-core first if they are missing. Ends with one line "N passed, N failed[, N skipped]"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_browser_tests
ensure_pgbouncer
ensure_haproxy

set -e
dotnet build SystemLeadership.sln -c Release -nologo -v quiet
set +e

results=$(mktemp -d)
passed=0; failed=0; skipped=0; crashed=0
for project in Domain Integration Web EndToEnd; do
  name="SystemLeadership.$project.Tests"
  echo "── $name"
  touch "$results/$name.start"
  dotnet test "tests/$name" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log" | grep -E '^\s*(Failed|Passed!|Failed!|Skipped)|error' 
  status=${PIPESTATUS[0]}
  # Each failed test's message and the top of its stack, so a CI log says why and not only which.
  awk '/^  Failed [^ ]/ { n = 30 } n > 0 { print; n-- }' "$results/$name.log" | grep -vE '^\s*$' | head -n 200
  # A failed browser test: what the app and the browser warned of meanwhile (each app's log is kept beside the tests).
  if [ "$project" = EndToEnd ] && [ "$status" -ne 0 ]; then
    find "tests/$name/bin/Release" -name 'app-*.log' -newer "$results/$name.start" -exec grep -HE '^\[browser\]|"LogLevel":"(Warning|Error|Critical)"' {} + \
      | grep -v -e 'No XML encryptor' -e 'status of 404' | cut -c1-400 | tail -n 60
  fi
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
    f=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
    t=$(echo "$counters" | sed -E 's/.* total="([0-9]+)".*/\1/')
    e=$(echo "$counters" | sed -E 's/.* executed="([0-9]+)".*/\1/')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
  fi
  if [ "$status" -ne 0 ] && { [ ! -f "$trx" ] || [ "${f:-0}" -eq 0 ]; }; then
    echo "$name did not run to completion (exit $status); see $results/$name.log"
    crashed=$((crashed + 1))
  fi
done

failed=$((failed + crashed))
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo
echo "$summary"
[ "$failed" -eq 0 ]
