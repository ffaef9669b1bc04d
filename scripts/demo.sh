#!/usr/bin/env bash
# Creates the demo applications through the HTTP API of a running host (idempotent). Usage: scripts/demo.sh [baseUrl]
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/demo.mjs" "${1:-http://127.0.0.1:7071}"
