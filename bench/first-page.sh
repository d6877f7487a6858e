#!/usr/bin/env bash
# Time from `npm start` on an empty data directory to the first page served (status 200 on /).
# Run from a clean clone after `npm ci`. Prints the seconds elapsed.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(mktemp -d)
PORT=${PORT:-3999}
start=$(date +%s.%N)
CTG_DATA_DIR="$DATA" PORT="$PORT" node bin/ctg.js serve --demo >"$DATA.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$DATA" "$DATA.log"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do
  kill -0 $pid 2>/dev/null || { cat "$DATA.log"; exit 1; }
  sleep 0.1
done
end=$(date +%s.%N)
echo "première page servie en $(echo "$end - $start" | bc) s"
