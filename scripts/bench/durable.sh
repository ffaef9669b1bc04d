#!/usr/bin/env bash
# Durable engine benchmark (docs/benchmarks.md, "DTFx engine"): Durable Functions' four per-instance scenarios on
# (a) bare DTFx and (b) OneWindow's DurableEngine side by side, alternating rounds, on one Azurite that the benchmark
# starts itself (in memory, free ports, node_modules/azurite; stopped when it exits, also on kill).
# Usage: scripts/bench/durable.sh [--repeat N] [--scale F]      the four scenarios, medians of N rounds (default 3)
#        scripts/bench/durable.sh --waiting N [--starts M]      start rate with N instances on long timers vs none, VmHWM
#        scripts/bench/durable.sh --tune [--repeat N]           host.json durableTask settings one at a time on (b)
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack.sh"
ensure_tools
# Only Azurite is needed: a node_modules that has it (a worktree's symlink too) is used as it is, never re-installed.
[ -f "$REPO_ROOT/node_modules/azurite/dist/src/azurite.js" ] || ensure_npm_packages
export ONEWINDOW_REPO_ROOT="$REPO_ROOT"
dotnet build "$REPO_ROOT/scripts/bench/OneWindow.Bench/OneWindow.Bench.csproj" -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet "$REPO_ROOT/scripts/bench/OneWindow.Bench/bin/Release/net10.0/OneWindow.Bench.dll" "$@"
