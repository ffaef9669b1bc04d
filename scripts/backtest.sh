#!/usr/bin/env bash
# Backtest of the predicted completion over a running platform's data (see backtest.mjs). Usage: scripts/backtest.sh [baseUrl]
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/backtest.mjs" "$@"
