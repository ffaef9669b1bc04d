#!/usr/bin/env bash
# Compiles infra/main.bicep and infra/main.bicepparam with the Bicep compiler from NuGet.
# Exits non-zero on any error and on any warning (the linter runs as part of build).
# ONEWINDOW_INFRA_DIR: compile another copy of infra/ instead. ONEWINDOW_BICEP_OUT: keep main.json and
# main.parameters.json in that directory (scripts/infra-check.sh reads them); by default they are thrown away.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/bicep.sh"
bicep="$(bicep_bin)"
infra="${ONEWINDOW_INFRA_DIR:-$root/infra}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="${ONEWINDOW_BICEP_OUT:-$work}"
mkdir -p "$out"
status=0
run() {
  local log="$work/log"
  if ! "$bicep" "$@" >"$log" 2>&1; then status=1; fi
  if grep -Eq ': (Warning|Error) ' "$log"; then status=1; fi
  cat "$log" >&2
}
run build "$infra/main.bicep" --outfile "$out/main.json"
run build-params "$infra/main.bicepparam" --outfile "$out/main.parameters.json"
run lint "$infra/main.bicep"
if [[ $status -ne 0 ]]; then
  echo "bicep-build: FAILED" >&2
  exit 1
fi
shown="${infra#"$root"/}"
echo "bicep-build: $shown/main.bicep and $shown/main.bicepparam compile without errors or warnings"
