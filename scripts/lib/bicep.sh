# The pinned Bicep compiler for scripts/bicep-build.sh and scripts/infra-check.sh. Source it; do not run it.
# bicep_bin prints the path of the compiler, restoring it from NuGet (infra/BicepCompiler) the first time.
BICEP_VERSION="0.49.2"

bicep_bin() {
  local root packages bicep
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  bicep="$packages/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
  if [[ ! -x "$bicep" ]]; then
    if [[ ! -f "$bicep" ]]; then
      echo "Restoring Bicep $BICEP_VERSION from NuGet..." >&2
      dotnet restore "$root/infra/BicepCompiler/BicepCompiler.csproj" --nologo -v q >&2
    fi
    chmod +x "$bicep"
  fi
  printf '%s\n' "$bicep"
}
