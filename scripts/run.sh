#!/usr/bin/env bash
# Sets up and runs the whole OneWindow platform locally with demo data:
# Azurite (10000-10002), cosmosdb-server (8081), the provider sandbox (7072) and the functions host (7071).
# Ctrl+C (or SIGTERM) stops every process it started. Options: --no-demo (skip the demo applications),
# --no-build (reuse the last build), --no-host (emulators and sandbox only: for `func start` where Core Tools exist).
source "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"

DEMO=1; BUILD=1; HOST=1
for arg in "$@"; do
  case "$arg" in
    --no-demo) DEMO=0 ;;
    --no-build) BUILD=0 ;;
    --no-host) HOST=0; DEMO=0 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) log "unknown option: $arg"; exit 2 ;;
  esac
done

trap stack_stop_all EXIT
trap 'exit 130' INT TERM

ensure_tools
ensure_npm_packages
# The licence PDFs are rendered with the Noto CJK fonts.
ensure_debian_packages fonts-noto-cjk
require_free_port "$ONEWINDOW_HOST_PORT" host
require_free_port "$ONEWINDOW_SANDBOX_PORT" sandbox

CONFIG=Release
if [ "$BUILD" = 1 ]; then
  log "building (dotnet build -c $CONFIG)"
  dotnet build "$REPO_ROOT/functions/OneWindow.LocalHost/OneWindow.LocalHost.csproj" -c "$CONFIG" -nologo -v q -clp:ErrorsOnly
  dotnet build "$REPO_ROOT/sandbox/OneWindow.ProviderSandbox/OneWindow.ProviderSandbox.csproj" -c "$CONFIG" -nologo -v q -clp:ErrorsOnly
fi

start_azurite
start_cosmos

DEMO_ENV=(
  "ASPNETCORE_ENVIRONMENT=Development"
  "DOTNET_ENVIRONMENT=Development"
  "ConnectionStrings__Storage=$(storage_connection_string)"
  "ConnectionStrings__Cosmos=$(cosmos_connection_string)"
  "Cosmos__Database=onewindow"
  "Providers__BaseUrl=http://127.0.0.1:$ONEWINDOW_SANDBOX_PORT"
  "Host__BaseUrl=http://127.0.0.1:$ONEWINDOW_HOST_PORT"
)

log "starting the provider sandbox on http://127.0.0.1:$ONEWINDOW_SANDBOX_PORT"
start_dotnet_env() { local name="$1"; shift; env "${DEMO_ENV[@]}" "$@" >"$LOCAL_DIR/logs/$name.log" 2>&1 & STACK_PIDS+=("$!"); LAST_PID=$!; }
start_dotnet_env sandbox dotnet "$REPO_ROOT/sandbox/OneWindow.ProviderSandbox/bin/$CONFIG/net10.0/OneWindow.ProviderSandbox.dll" \
  --urls "http://127.0.0.1:$ONEWINDOW_SANDBOX_PORT"
SANDBOX_PID=$LAST_PID
wait_for_port "$ONEWINDOW_SANDBOX_PORT" 60 sandbox "$SANDBOX_PID"

if [ "$HOST" = 0 ]; then
  log "emulators and sandbox up; start the app with func start (functions/OneWindow.Functions, local.settings.json). Ctrl+C stops them."
  wait -n "$SANDBOX_PID" || true
  exit 0
fi

log "starting the functions host on http://127.0.0.1:$ONEWINDOW_HOST_PORT"
start_dotnet_env host dotnet "$REPO_ROOT/functions/OneWindow.LocalHost/bin/$CONFIG/net10.0/OneWindow.LocalHost.dll" \
  --urls "http://127.0.0.1:$ONEWINDOW_HOST_PORT"
HOST_PID=$LAST_PID
wait_for_http_ok "http://127.0.0.1:$ONEWINDOW_HOST_PORT/health" 120 host "$HOST_PID"
log "healthy: http://127.0.0.1:$ONEWINDOW_HOST_PORT/health"

if [ "$DEMO" = 1 ]; then
  "$REPO_ROOT/scripts/demo.sh" "http://127.0.0.1:$ONEWINDOW_HOST_PORT" data --sandbox "http://127.0.0.1:$ONEWINDOW_SANDBOX_PORT" || log "demo data failed (see above); the platform keeps running"
fi

cat >&2 <<INFO

OneWindow is running (logs in .local/logs/):
  functions host     http://127.0.0.1:$ONEWINDOW_HOST_PORT   (API reference: /api/docs, OpenAPI: /api/openapi.json, health: /health)
  provider sandbox   http://127.0.0.1:$ONEWINDOW_SANDBOX_PORT   (GET /sandbox/sms, /sandbox/shipments)
  Azurite            http://127.0.0.1:$ONEWINDOW_BLOB_PORT-$ONEWINDOW_TABLE_PORT
  Cosmos DB server   http://127.0.0.1:$ONEWINDOW_COSMOS_PORT
Press Ctrl+C to stop everything.
INFO

# Exit (and stop the rest) when the host or sandbox dies; otherwise run until interrupted.
wait -n "$HOST_PID" "$SANDBOX_PID" || true
log "a platform process exited; stopping the rest"
