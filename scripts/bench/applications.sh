#!/usr/bin/env bash
# Applications benchmark (issue 5): part 1 the specification's load (500 users online, 5-15 s think time: catalog reads,
# status polls, uploads, submissions; p50/p95/p99 per route), part 2 submissions per second next to a bare endpoint doing
# the same Cosmos and Blob work, in the same run. Starts its own emulators, sandbox and host on free ports.
# Usage: scripts/bench/applications.sh [--users 500] [--load-seconds 120] [--throughput-seconds 60] [--concurrency 16] [--rounds 3]
#        scripts/bench/applications.sh workload [--cases 200] [--in-flight 40]     whole flow of open-restaurant cases to approved
#        scripts/bench/applications.sh waiting [--waiting 5000] [--concurrency 16]  submissions/s with N cases waiting vs none, VmHWM
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack.sh"
ensure_tools
# Only the emulators are needed: a node_modules that has them (a worktree's symlink too) is used as it is, never
# re-installed (a worktree's fresh package-lock.json looks newer than the shared folder's stamp).
[ -f "$REPO_ROOT/node_modules/azurite/dist/src/azurite.js" ] && [ -f "$REPO_ROOT/node_modules/@vercel/cosmosdb-server/lib/cli.js" ] \
  || ensure_npm_packages
export ONEWINDOW_REPO_ROOT="$REPO_ROOT"
dotnet build "$REPO_ROOT/scripts/bench/OneWindow.ApplicationsBench/OneWindow.ApplicationsBench.csproj" -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet "$REPO_ROOT/scripts/bench/OneWindow.ApplicationsBench/bin/Release/net10.0/OneWindow.ApplicationsBench.dll" "$@"
