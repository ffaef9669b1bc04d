#!/usr/bin/env bash
# The demo over the HTTP API of a running host (scripts/run.sh): see demo.mjs for its stories.
# Usage: scripts/demo.sh [baseUrl] [data|restaurant|fast|history|disclosure|mailbox|all ...] [--real-time] [--sandbox url]
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/demo.mjs" "$@"
