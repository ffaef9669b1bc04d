#!/usr/bin/env bash
# Checks the Azure Functions Flex Consumption templates (and optionally a publish output) before deployment:
#  1. scripts/bicep-build.sh: infra/main.bicep and main.bicepparam compile without errors or warnings;
#  2. in the compiled main.json, every Microsoft.Web/sites has functionAppConfig.runtime {name: dotnet-isolated,
#     version: the TargetFramework of functions/OneWindow.Functions (net10.0 -> "10.0")}, and no app setting
#     FUNCTIONS_WORKER_RUNTIME or FUNCTIONS_EXTENSION_VERSION appears anywhere (Flex Consumption rejects them);
#     every department code in main.bicepparam can be part of an app setting name (Departments__<code>__Secret);
#  3. with a path argument (a `dotnet publish` output directory): it holds functions.metadata and worker.config.json,
#     without which the Flex Consumption host finds no functions.
# Usage: scripts/infra-check.sh [<publish-dir>]. ONEWINDOW_INFRA_DIR checks another copy of infra/ (as bicep-build.sh).
# Exits non-zero with one line per failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "${1:-}" in
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
esac
if [[ $# -gt 1 ]]; then
  echo "infra-check: at most one argument (a dotnet publish output directory)" >&2
  exit 2
fi
publish="${1:-}"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# 1. Compile (and lint) with the pinned compiler; keep the JSON for the checks below.
if ! ONEWINDOW_BICEP_OUT="$out" "$root/scripts/bicep-build.sh"; then
  echo "infra-check: FAILED (the Bicep templates do not compile cleanly; see above)" >&2
  exit 1
fi

# 2. The runtime version expected from the project: its own <TargetFramework>, else the nearest Directory.Build.props.
project_dir="$root/functions/OneWindow.Functions"
project="$project_dir/OneWindow.Functions.csproj"
status=0
python3 - "$out/main.json" "$out/main.parameters.json" "$project" "$root" <<'PY' || status=1
import json, re, sys, os
import xml.etree.ElementTree as ET

template_path, params_path, project, root = sys.argv[1:5]
failures = []

def target_framework(path):
    """The <TargetFramework> of an MSBuild file, or None; a <TargetFrameworks> list is an error."""
    tree = ET.parse(path)
    for element in tree.iter():
        tag = element.tag.split('}')[-1]
        if tag == 'TargetFrameworks' and (element.text or '').strip():
            failures.append(f"{os.path.relpath(path, root)} multi-targets ({element.text.strip()}); one runtime version is needed")
        if tag == 'TargetFramework' and (element.text or '').strip():
            return element.text.strip()
    return None

if not os.path.isfile(project):
    failures.append(f"function app project not found: {os.path.relpath(project, root)}")
    framework, source = None, None
else:
    framework, source = target_framework(project), project
    directory = os.path.dirname(project)
    while framework is None:
        props = os.path.join(directory, 'Directory.Build.props')
        if os.path.isfile(props):
            framework, source = target_framework(props), props
            break  # MSBuild imports only the nearest Directory.Build.props by default
        if os.path.abspath(directory) in (os.path.abspath(root), '/'):
            break
        directory = os.path.dirname(directory)

expected = None
if framework is None:
    failures.append(f"no <TargetFramework> in {os.path.relpath(project, root)} or the nearest Directory.Build.props")
else:
    m = re.fullmatch(r'net(\d+)\.(\d+)', framework)
    if not m:
        failures.append(f"TargetFramework '{framework}' ({os.path.relpath(source, root)}) is not netX.Y")
    else:
        expected = f"{m.group(1)}.{m.group(2)}"

with open(template_path) as f:
    template = json.load(f)

def walk(node, path='$'):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}[{i}]")

def is_type(node, kind):
    return isinstance(node, dict) and str(node.get('type', '')).lower() == kind

def describe(site, path):
    """The site's name, or the module (nested deployment) it is in when the name is an expression."""
    name = str(site.get('name', ''))
    if name and not name.startswith('['):
        return f"site {name}"
    modules = [d.get('name') for p, d in walk(template) if is_type(d, 'microsoft.resources/deployments')
               and any(n is site for _, n in walk(d))]
    return f"the site in module {modules[-1]}" if modules else f"the site at {path}"

sites = [(p, n) for p, n in walk(template) if is_type(n, 'microsoft.web/sites')]
if not sites:
    failures.append("no Microsoft.Web/sites resource in the compiled template")
for path, site in sites:
    name = describe(site, path)
    runtime = ((site.get('properties') or {}).get('functionAppConfig') or {}).get('runtime')
    if not isinstance(runtime, dict):
        failures.append(f"{name}: properties.functionAppConfig.runtime is missing (not a Flex Consumption app)")
        continue
    runtime_name, version = runtime.get('name'), runtime.get('version')
    if runtime_name != 'dotnet-isolated':
        failures.append(f"{name}: functionAppConfig.runtime.name is {runtime_name!r}, expected 'dotnet-isolated'")
    if isinstance(version, str) and version.startswith('['):
        failures.append(f"{name}: functionAppConfig.runtime.version is an expression ({version}); write the version literally")
    elif expected is not None and version != expected:
        failures.append(f"{name}: functionAppConfig.runtime.version is {version!r} but {os.path.relpath(source, root)} "
                        f"targets {framework} (expected '{expected}')")

# Flex Consumption rejects these app settings. Search every key and string of both compiled files, so a setting
# built by an expression (concat, variables, module parameters) is caught as well as a literal one.
forbidden = ('FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION')
params = {}
if os.path.isfile(params_path):
    with open(params_path) as f:
        params = json.load(f)
for label, document in (('main.json', template), ('main.parameters.json', params)):
    for path, node in walk(document):
        texts = list(node.keys()) if isinstance(node, dict) else [node] if isinstance(node, str) else []
        for text in texts:
            for setting in forbidden:
                if setting in text:
                    failures.append(f"{label}: app setting {setting} at {path} (Flex Consumption rejects it; "
                                    "functionAppConfig.runtime sets the worker runtime and version)")

# Department secrets become app settings Departments__<code>__Secret; App Service allows letters, digits, '.' and '_'.
codes = ((params.get('parameters') or {}).get('departmentCodes') or {}).get('value') or []
for code in codes:
    if not re.fullmatch(r'[A-Za-z0-9_.]+', str(code)):
        failures.append(f"main.bicepparam: department code {code!r} cannot be part of an app setting name "
                        "(Departments__<code>__Secret: letters, digits, '.' and '_' only)")

for failure in failures:
    print(f"infra-check: {failure}", file=sys.stderr)
if failures:
    sys.exit(1)
print(f"infra-check: {len(sites)} function app(s) run dotnet-isolated {expected} (TargetFramework {framework}), "
      "no FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION settings")
PY

# 3. A publish output for Flex Consumption (.NET isolated worker) carries the worker's function index and start-up file.
if [[ -n "$publish" ]]; then
  if [[ ! -d "$publish" ]]; then
    echo "infra-check: publish directory not found: $publish" >&2
    status=1
  else
    missing=()
    for file in functions.metadata worker.config.json; do
      [[ -f "$publish/$file" ]] || missing+=("$file")
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
      for file in "${missing[@]}"; do
        echo "infra-check: $publish has no $file (written by Microsoft.Azure.Functions.Worker.Sdk on dotnet publish; the Flex Consumption host needs it)" >&2
      done
      status=1
    else
      echo "infra-check: $publish has functions.metadata and worker.config.json"
    fi
  fi
fi

if [[ $status -ne 0 ]]; then
  echo "infra-check: FAILED" >&2
  exit 1
fi
echo "infra-check: OK"
