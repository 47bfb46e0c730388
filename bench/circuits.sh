#!/usr/bin/env bash
# Issue 14: what an idle Blazor circuit costs. The app in Production against the national data set, with its memory
# diagnostics on (/diagnostics/memory, loopback only); headless Chromium signed in as a manager of the largest alliance
# opens a designation's page (interactive; the alliance home is a static page) in 50, then 200 tabs, each a circuit,
# and leaves them idle. Reports the live managed heap after a full collection and the working set per circuit, and the
# database transactions each circuit's opening cost.
# Options go to the bench (e.g. --scale 0.1 for a quick data set; --circuits 20,50 for other counts).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_postgres
ensure_chromium
dotnet build bench/SystemLeadership.Bench -c Release -nologo -v quiet
# Published, as a server runs it: in Production the build output does not serve the packages' static assets (Blazor's
# script among them), so no circuit would start.
dotnet publish src/SystemLeadership.Web -c Release -o .data/bench-app -nologo -v quiet
export BENCH_APP=.data/bench-app/SystemLeadership.Web.dll
exec dotnet bench/SystemLeadership.Bench/bin/Release/net10.0/SystemLeadership.Bench.dll --iterations 20 --warmup 5 --circuits 50,200 "$@"
