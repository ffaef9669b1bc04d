#!/usr/bin/env bash
# Durable runtime soak: runs the fault tests (kill -9 at seeded moments, two hosts, Azurite frozen 20 s) again and again
# with fresh seeds, to find rare failures the CI run (one round) would miss. Each round prints its seed; replay a failing
# one with DT_FAULT_SEED=<seed>. Usage: scripts/bench/durable-soak.sh [rounds (default 10)]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack.sh"
ensure_tools
ensure_npm_packages
export ONEWINDOW_REPO_ROOT="$REPO_ROOT"
ROUNDS="${1:-10}"
dotnet build "$REPO_ROOT/Serverless.sln" -c Debug -nologo -v q -clp:ErrorsOnly
passed=0; failed=0
for round in $(seq 1 "$ROUNDS"); do
  seed=$((RANDOM * 32768 + RANDOM))
  log "round $round of $ROUNDS, seed $seed"
  if DT_FAULT_SEED="$seed" dotnet test "$REPO_ROOT/tests/OneWindow.DurableTask.Tests" -c Debug --no-build -nologo \
       --filter "FullyQualifiedName~FaultTests" --logger "console;verbosity=normal" > "$LOCAL_DIR/logs/durable-soak-$round.log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); log "round $round failed (seed $seed): $LOCAL_DIR/logs/durable-soak-$round.log"
  fi
done
echo "$passed rounds passed, $failed failed"
[ "$failed" -eq 0 ]
