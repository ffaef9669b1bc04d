# Shared shell functions for scripts/run.sh, scripts/test.sh and scripts/demo.sh. Source it; do not run it.
# Everything it starts is a child of the calling shell and is stopped by stack_stop_all (trap it on EXIT).

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
mkdir -p "$LOCAL_DIR/logs"

# Fixed loopback ports of the local platform (README "What listens where").
: "${ONEWINDOW_HOST_PORT:=7071}"
: "${ONEWINDOW_SANDBOX_PORT:=7072}"
: "${ONEWINDOW_BLOB_PORT:=10000}"
: "${ONEWINDOW_QUEUE_PORT:=10001}"
: "${ONEWINDOW_TABLE_PORT:=10002}"
: "${ONEWINDOW_COSMOS_PORT:=8081}"

# The emulators' published well-known keys; not secrets.
AZURITE_ACCOUNT="devstoreaccount1"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
COSMOS_KEY="C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="

STACK_PIDS=()

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Runs a command as root, through sudo when we are not root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages that are missing (apt is only touched when something is missing).
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Checks the tools every command needs.
ensure_tools() {
  command -v dotnet >/dev/null || { log "dotnet SDK not found on PATH"; exit 1; }
  command -v node >/dev/null || { log "node not found on PATH"; exit 1; }
  command -v npm >/dev/null || { log "npm not found on PATH"; exit 1; }
  command -v curl >/dev/null || ensure_debian_packages curl
}

# Installs the pinned emulators into ./node_modules from package-lock.json (skipped when already current).
ensure_npm_packages() {
  local stamp="$REPO_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/package-lock.json" -nt "$stamp" ] \
     || [ ! -f "$REPO_ROOT/node_modules/azurite/dist/src/azurite.js" ] \
     || [ ! -f "$REPO_ROOT/node_modules/@vercel/cosmosdb-server/lib/cli.js" ]; then
    log "npm ci (azurite, @vercel/cosmosdb-server)"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Fails early with a clear message instead of letting a second instance half-start.
require_free_port() {
  if port_in_use "$1"; then
    log "port $1 ($2) is already in use on 127.0.0.1; stop whatever holds it (another scripts/run.sh?) and retry"
    exit 1
  fi
}

# Waits until a TCP port accepts connections, or fails after $2 seconds.
wait_for_port() {
  local port="$1" seconds="$2" name="$3" pid="${4:-}"
  local deadline=$((SECONDS + seconds))
  until port_in_use "$port"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during start-up; last lines of its log:"; tail -n 30 "$LOCAL_DIR/logs/$name.log" >&2 || true
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then log "$name did not listen on $port within ${seconds}s"; exit 1; fi
    sleep 0.3
  done
}

# Waits until a URL answers 200, or fails after $2 seconds.
wait_for_http_ok() {
  local url="$1" seconds="$2" name="$3" pid="${4:-}"
  local deadline=$((SECONDS + seconds))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)" = "200" ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during start-up; last lines of its log:"; tail -n 40 "$LOCAL_DIR/logs/$name.log" >&2 || true
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "$name: $url did not answer 200 within ${seconds}s; last lines of its log:"
      tail -n 40 "$LOCAL_DIR/logs/$name.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}

# Starts a Node CLI under the watchdog so it exits with this shell even after kill -9 (no orphans).
start_node() {
  local name="$1"; shift
  node "$REPO_ROOT/scripts/lib/exit-with-parent.js" "$$" "$@" >"$LOCAL_DIR/logs/$name.log" 2>&1 &
  STACK_PIDS+=("$!")
  LAST_PID=$!
}

start_azurite() {
  require_free_port "$ONEWINDOW_BLOB_PORT" azurite-blob
  require_free_port "$ONEWINDOW_QUEUE_PORT" azurite-queue
  require_free_port "$ONEWINDOW_TABLE_PORT" azurite-table
  mkdir -p "$LOCAL_DIR/azurite"
  log "starting Azurite on 127.0.0.1:$ONEWINDOW_BLOB_PORT-$ONEWINDOW_TABLE_PORT"
  start_node azurite "$REPO_ROOT/node_modules/azurite/dist/src/azurite.js" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$ONEWINDOW_BLOB_PORT" --queuePort "$ONEWINDOW_QUEUE_PORT" --tablePort "$ONEWINDOW_TABLE_PORT" \
    --location "$LOCAL_DIR/azurite" --skipApiVersionCheck --loose --disableTelemetry --silent
  local pid=$LAST_PID
  wait_for_port "$ONEWINDOW_BLOB_PORT" 60 azurite "$pid"
  wait_for_port "$ONEWINDOW_QUEUE_PORT" 60 azurite "$pid"
  wait_for_port "$ONEWINDOW_TABLE_PORT" 60 azurite "$pid"
}

start_cosmos() {
  require_free_port "$ONEWINDOW_COSMOS_PORT" cosmosdb-server
  log "starting cosmosdb-server on 127.0.0.1:$ONEWINDOW_COSMOS_PORT (in memory)"
  start_node cosmosdb-server "$REPO_ROOT/node_modules/@vercel/cosmosdb-server/lib/cli.js" \
    --host 127.0.0.1 --port "$ONEWINDOW_COSMOS_PORT" --no-ssl
  wait_for_port "$ONEWINDOW_COSMOS_PORT" 60 cosmosdb-server "$LAST_PID"
}

storage_connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$ONEWINDOW_BLOB_PORT/$AZURITE_ACCOUNT;QueueEndpoint=http://127.0.0.1:$ONEWINDOW_QUEUE_PORT/$AZURITE_ACCOUNT;TableEndpoint=http://127.0.0.1:$ONEWINDOW_TABLE_PORT/$AZURITE_ACCOUNT;"
}

cosmos_connection_string() {
  echo "AccountEndpoint=http://127.0.0.1:$ONEWINDOW_COSMOS_PORT/;AccountKey=$COSMOS_KEY;"
}

# Starts a built .NET app (dll path) with the given environment; $1 = name for logs, $2 = dll, rest = args.
start_dotnet_app() {
  local name="$1" dll="$2"; shift 2
  [ -f "$dll" ] || { log "$dll not found; was the build skipped?"; exit 1; }
  dotnet "$dll" "$@" >"$LOCAL_DIR/logs/$name.log" 2>&1 &
  STACK_PIDS+=("$!")
  LAST_PID=$!
}

# Stops everything this shell started: SIGTERM first (graceful shutdown), SIGKILL after a grace period.
stack_stop_all() {
  local pids=("${STACK_PIDS[@]:-}")
  [ -z "${pids[*]}" ] && return 0
  log "stopping ${#pids[@]} processes"
  # Last started, first stopped, one at a time: the host releases its task-hub leases while Azurite still answers.
  local pid deadline
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    pid="${pids[$i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  STACK_PIDS=()
}
