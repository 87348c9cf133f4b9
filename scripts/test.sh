#!/usr/bin/env bash
# The whole check, as CI runs it: typecheck, lint, schema freshness, then the
# jest suite (unit + e2e on embedded PostgreSQL 18), then the e2e suite again
# on this machine's PostgreSQL 15 when it is installed. The last line is the
# plain total "N passed, N failed" over every jest run.
set -uo pipefail
cd "$(dirname "$0")/.."

results=.test-results
rm -rf "$results" && mkdir -p "$results"
failed_steps=()

step() {
  local name=$1; shift
  echo "── $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

step typecheck npx --no-install tsc --noEmit
step lint npx --no-install eslint . --max-warnings 0
step schema:check npm run --silent schema:check

# two workers on two cores: an e2e file mostly waits on PostgreSQL, so two overlap well
# (measured: the e2e suite 5 min 25 s with jest's default of one worker here, 3 min 28 s with two)
JEST_WORKERS=${JEST_WORKERS:-2}

step "jest (PostgreSQL 18, embedded)" \
  npx --no-install jest --maxWorkers="$JEST_WORKERS" --json --outputFile="$results/jest.json" "$@"

PG15_BIN=${PG15_BIN:-/usr/lib/postgresql/15/bin}
if [[ -x "$PG15_BIN/postgres" && "${SKIP_PG15:-}" != "1" ]]; then
  step "e2e (PostgreSQL 15)" bash scripts/with-postgres-bin.sh "$PG15_BIN" \
    npx --no-install jest --maxWorkers="$JEST_WORKERS" --selectProjects e2e --json --outputFile="$results/jest-pg15.json" "$@"
else
  echo "── e2e (PostgreSQL 15): skipped, no server at $PG15_BIN"
fi

if ((${#failed_steps[@]})); then
  echo "FAILED: ${failed_steps[*]}"
fi
node scripts/jest-totals.js "$results"/jest*.json
((${#failed_steps[@]} == 0))
