#!/usr/bin/env bash
# Runs the benchmarks and writes their output under build/artifacts/bench/.
#   bench/run.sh            all benchmarks
#   bench/run.sh web-load   one of them
# Assumes scripts/setup.sh and scripts/build.sh have run (scripts/test.sh does both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=build/artifacts/bench
mkdir -p "$out"
which=${1:-all}

if [ "$which" = all ] || [ "$which" = web-load ]; then
  node bench/web-load.mjs --server build/native/server/bondstore-server --web-dir build/wasm/web/dist \
    --seed-catalog assets/catalog/sample.json --runs 5 --json "$out/web-load.json" | tee "$out/web-load.txt"
fi
