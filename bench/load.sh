#!/usr/bin/env bash
# Issue 12: LOAD_PEOPLE (200) simulated people for LOAD_SECONDS (300) on scripts/cluster.sh, through its proxy, against
# its two app nodes: real sign-ins, the pages each person's menu offers, the public directory, and now and then a
# request for support (a write), each person keeping a Blazor circuit open all along (a SignalR client that speaks
# Blazor's protocol without drawing: CircuitClient.cs). Prints p50/p95 per page, errors, the circuits still open, and
# each node's resident memory and circuits held before and after (see LoadTest.cs); --no-circuits for the HTTP load
# alone. The rate limits are raised, since all the simulated people share one address and a dozen demo accounts.
# Extra options go to the bench.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
export CLUSTER_APP_SETTINGS="RateLimiting__SensitivePermitsPerMinute=1000000 RateLimiting__SignInAttemptsPerAccount=1000000"
scripts/cluster.sh start --demo
scripts/cluster.sh restart-apps >/dev/null
dotnet build bench/SystemLeadership.Bench -c Release -nologo -v quiet >.data/cluster/bench-build.log 2>&1 \
  || { echo "Building the bench failed:" >&2; tail -20 .data/cluster/bench-build.log >&2; exit 1; }
exec dotnet bench/SystemLeadership.Bench/bin/Release/net10.0/SystemLeadership.Bench.dll --load \
  --url "http://127.0.0.1:${CLUSTER_PORT:-6080}" --people "${LOAD_PEOPLE:-200}" --seconds "${LOAD_SECONDS:-300}" \
  --node-pid "$(cat .data/cluster/app1.pid)" --node-pid "$(cat .data/cluster/app2.pid)" \
  --node-url "http://127.0.0.1:$(( ${CLUSTER_PORT:-6080} + 1 ))" --node-url "http://127.0.0.1:$(( ${CLUSTER_PORT:-6080} + 2 ))" "$@"
