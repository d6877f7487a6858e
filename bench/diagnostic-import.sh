#!/usr/bin/env bash
# Whole-command time of `ctg import diagnostic` for one département's communes (the file of
# bench/departement-file.ts): the file read and checked, its values written, and the département's
# secrecy pattern computed and stored, all in one transaction, on the embedded database.
#  - first import: a data directory with the migrations and the département's territories only
#    (made again before each run, not timed);
#  - re-import: the same file again on the same directory, which replaces the same period.
# Usage: bash bench/diagnostic-import.sh [DEPARTEMENT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
DEP=${1:-78}
RUNS=${2:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
npx tsx bench/departement-file.ts "$DEP" >"$WORK/file.csv"
export CTG_DATA_DIR="$WORK/base"
node bin/ctg.js migrate >/dev/null
node bin/ctg.js import territories --departement "$DEP" >/dev/null

timed() {
  local start end
  start=$(date +%s%N)
  node bin/ctg.js import diagnostic "$WORK/file.csv" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
report() {
  local label=$1
  shift
  local sorted
  sorted=$(printf '%s\n' "$@" | sort -n)
  echo "$label, $RUNS passages (ms) : $(echo "$sorted" | tr '\n' ' ')— médiane $(echo "$sorted" | sed -n "$(((RUNS + 1) / 2))p") ms"
}

first=()
for _ in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/run" && cp -r "$WORK/base" "$WORK/run"
  first+=("$(CTG_DATA_DIR="$WORK/run" timed)")
done
report "premier import du département $DEP" "${first[@]}"

again=()
for _ in $(seq 1 "$RUNS"); do again+=("$(CTG_DATA_DIR="$WORK/run" timed)"); done
report "nouvel import du même fichier" "${again[@]}"
