#!/usr/bin/env bash
# Issue 14: a signed-in manager's main pages (the app in Production, against the national data set) beside a bare
# ASP.NET Core page of the same rows, under wrk at 2, 8 and 16 connections, with each page's database round trips.
# Options are passed on to the bench (e.g. --scale 0.1 for a quick run); takes about 5 minutes past the data load.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_postgres
ensure_wrk
dotnet build bench/SystemLeadership.Bench -c Release -nologo -v quiet
dotnet build src/SystemLeadership.Web -c Release -nologo -v quiet
exec dotnet bench/SystemLeadership.Bench/bin/Release/net10.0/SystemLeadership.Bench.dll --pages --iterations 20 --warmup 5 "$@"
