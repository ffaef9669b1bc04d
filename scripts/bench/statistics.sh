#!/usr/bin/env bash
# Statistics benchmark (issue 14): GET /api/supervision/stats answers as fast with 100,000 cases counted as with 100
# (counter documents, no query): the two medians, measured interleaved in one run, and their ratio (limit 1.2).
# Starts its own emulators and host on free ports.
# Usage: scripts/bench/statistics.sh [--small 100] [--large 100000] [--requests 300] [--max-ratio 1.2]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack.sh"
ensure_tools
[ -f "$REPO_ROOT/node_modules/azurite/dist/src/azurite.js" ] && [ -f "$REPO_ROOT/node_modules/@vercel/cosmosdb-server/lib/cli.js" ] \
  || ensure_npm_packages
export ONEWINDOW_REPO_ROOT="$REPO_ROOT"
dotnet build "$REPO_ROOT/scripts/bench/OneWindow.StatisticsBench/OneWindow.StatisticsBench.csproj" -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet "$REPO_ROOT/scripts/bench/OneWindow.StatisticsBench/bin/Release/net10.0/OneWindow.StatisticsBench.dll" "$@"
