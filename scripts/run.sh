#!/usr/bin/env bash
# Runs SystemLeadership on http://localhost:5080 with demo data, on a local PostgreSQL it starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_postgres
ensure_tzdata
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
exec dotnet run --project src/SystemLeadership.Web --launch-profile http "$@"
