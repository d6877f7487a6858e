#!/usr/bin/env bash
# Whole-command time of `ctg import diagnostic` for one département's communes (the file of
# bench/departement-file.ts), secrecy pattern of the département computed and stored in the same
# transaction, on the embedded database (or on PostgreSQL with DATABASE_URL). The database is set up
# once (migrations, the département's territories, a first import); each timed run re-imports the
# same file, which replaces the same period: the same work every time.
# Usage: bash bench/diagnostic-import.sh [DEPARTEMENT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
DEP=${1:-78}
RUNS=${2:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export CTG_DATA_DIR="$WORK/data"
npx tsx bench/departement-file.ts "$DEP" >"$WORK/file.csv"
node bin/ctg.js migrate >/dev/null
node bin/ctg.js import territories --departement "$DEP" >/dev/null
node bin/ctg.js import diagnostic "$WORK/file.csv" >/dev/null
times=()
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  node bin/ctg.js import diagnostic "$WORK/file.csv" >/dev/null
  end=$(date +%s%N)
  times+=("$(((end - start) / 1000000))")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "import du département $DEP, $RUNS passages (ms) : $(echo "$sorted" | tr '\n' ' ')"
echo "médiane : $(echo "$sorted" | sed -n "$(((RUNS + 1) / 2))p") ms"
