#!/usr/bin/env bash
# Refreshes the README's screenshots in docs/: runs the browser test that opens the demo manager's home, dashboard and
# designations grid at 1280 and 390 px (and the phone's open menu), with SCREENSHOTS set so it saves each view.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_browser_tests
dotnet build tests/SystemLeadership.EndToEnd.Tests -c Release -nologo -v quiet
SCREENSHOTS="$PWD/docs" dotnet test tests/SystemLeadership.EndToEnd.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~The_home_a_dashboard_and_a_grid_fit_a_wide_screen_and_a_phone"
