#!/usr/bin/env bash
# Compiles infra/main.bicep and infra/main.bicepparam with the Bicep compiler from NuGet.
# Exits non-zero on any error and on any warning (the linter runs as part of build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.49.2"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [[ ! -x "$bicep" ]]; then
  if [[ -f "$bicep" ]]; then chmod +x "$bicep"; else
    echo "Restoring Bicep $version from NuGet..." >&2
    dotnet restore "$root/infra/BicepCompiler/BicepCompiler.csproj" --nologo -v q >&2
    chmod +x "$bicep"
  fi
fi
infra="${ONEWINDOW_INFRA_DIR:-$root/infra}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
run() {
  local log="$out/log"
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
echo "bicep-build: infra/main.bicep and infra/main.bicepparam compile without errors or warnings"
