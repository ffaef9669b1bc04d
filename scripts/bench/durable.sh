#!/usr/bin/env bash
# Durable runtime benchmark (issue 7): for each scenario of Durable Functions' published per-instance targets, the
# storage bound measured on Azurite in the same run (docs/benchmarks.md). Usage: scripts/bench/durable.sh [--scale <factor>] [--repeat <rounds>]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack.sh"
ensure_tools
ensure_npm_packages
export ONEWINDOW_REPO_ROOT="$REPO_ROOT"
dotnet build "$REPO_ROOT/scripts/bench/OneWindow.Bench/OneWindow.Bench.csproj" -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet "$REPO_ROOT/scripts/bench/OneWindow.Bench/bin/Release/net10.0/OneWindow.Bench.dll" "$@"
