#!/usr/bin/env bash
# Builds both presets: wasm (web app, core tests as WASM) then native (core, server, admin CLI,
# native tests). Configures on first use. Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
for preset in wasm native; do
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset" -- -j"$(nproc)"
done
