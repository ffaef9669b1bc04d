#!/usr/bin/env bash
# Sets up and runs every OneWindow test: installs what is missing (npm emulators, Debian chromium and CJK fonts),
# restores and builds the solution with warnings as errors, publishes the function app and checks it with the Bicep
# templates (scripts/infra-check.sh), then runs each test
# project. Test fixtures start their own Azurite and cosmosdb-server processes on free ports, so this works with
# or without scripts/run.sh running. Ends with one line: "N passed, N failed".
# Options: --filter <expr> (dotnet test filter), --project <name> (one test project only).
source "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"

FILTER=""; ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) FILTER="$2"; shift 2 ;;
    --project) ONLY="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) log "unknown option: $1"; exit 2 ;;
  esac
done

ensure_tools
ensure_npm_packages
ensure_debian_packages chromium fonts-noto-cjk

export ONEWINDOW_REPO_ROOT="$REPO_ROOT"
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "restoring and building Serverless.sln"
dotnet build "$REPO_ROOT/Serverless.sln" -c Debug -nologo -v q -clp:ErrorsOnly

# The package Azure Functions runs (functions.metadata, worker.config.json, extensions.json), and the Flex Consumption
# templates: they compile cleanly and name the project's .NET version (scripts/infra-check.sh).
log "publishing the function app (dotnet publish -c Release)"
PUBLISH="$LOCAL_DIR/publish/functions"; rm -rf "$PUBLISH"
dotnet publish "$REPO_ROOT/functions/OneWindow.Functions/OneWindow.Functions.csproj" -c Release -o "$PUBLISH" -nologo -v q -clp:ErrorsOnly
log "checking infra/*.bicep and the published package"
"$REPO_ROOT/scripts/infra-check.sh" "$PUBLISH"

PROJECTS=(
  tests/OneWindow.Domain.Tests
  tests/OneWindow.Hosting.Tests
  tests/OneWindow.ProviderSandbox.Tests
  tests/OneWindow.Functions.Tests
)

passed=0; failed=0; status=0
RESULTS="$LOCAL_DIR/test-results"; rm -rf "$RESULTS"; mkdir -p "$RESULTS"
for project in "${PROJECTS[@]}"; do
  name="$(basename "$project")"
  if [ -n "$ONLY" ] && [ "$ONLY" != "$name" ]; then continue; fi
  log "testing $name"
  args=(test "$REPO_ROOT/$project" -c Debug --no-build -nologo
        --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS"
        --blame-hang-timeout 5m)
  [ -n "$FILTER" ] && args+=(--filter "$FILTER")
  set +e
  dotnet "${args[@]}" 2>&1 | tee "$RESULTS/$name.log"
  rc=${PIPESTATUS[0]}
  set -e
  # The trx counters are the reliable source; the console summary line differs between SDK versions.
  trx="$RESULTS/$name.trx"
  if [ -f "$trx" ]; then
    p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*' || echo 0)
    f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*' || echo 0)
    passed=$((passed + p)); failed=$((failed + f))
  fi
  if [ "$rc" -ne 0 ]; then
    status=1
    [ -f "$trx" ] || { log "$name did not produce results (build or host failure)"; failed=$((failed + 1)); }
  fi
done

echo "$passed passed, $failed failed"
exit $status
