#!/usr/bin/env bash
# The national-scale brokerage benchmark (issue 4): starts a PostgreSQL cluster of its own in a temporary folder,
# loads the data set, times the ranked match and the broker's board as the application role (RLS forced), removes the
# folder. Options are passed on: --scale 0.1 for a quick run, --explain for the plans, --http for the directory page's
# requests per second against a bare ASP.NET Core page of the same query; --help lists them.
# Exits 1 when either query's p95 is over 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_postgres
dotnet build bench/SystemLeadership.Bench -c Release -nologo -v quiet
if [[ " $* " == *" --http "* ]]; then
  # The directory page served by the real app (Production, against the bench's cluster) and by a bare page, under wrk.
  ensure_wrk
  dotnet build src/SystemLeadership.Web -c Release -nologo -v quiet
fi
exec dotnet bench/SystemLeadership.Bench/bin/Release/net10.0/SystemLeadership.Bench.dll "$@"
