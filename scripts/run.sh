#!/usr/bin/env bash
# The main job: set up (first time only takes long), build, and start the Bondstore server with
# the web app and the sample catalog on an embedded SQLite file. Prints the URL to open.
#
#   scripts/run.sh [bondstore-server options]     e.g. --port 9000, --bind 0.0.0.0
#
# Data lives in build/data (override with --data-dir or BONDSTORE_DATA_DIR). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
data_dir=${BONDSTORE_DATA_DIR:-build/data}
exec build/native/server/bondstore-server --data-dir "$data_dir" \
  --web-dir build/wasm/web/dist --seed-catalog assets/catalog/sample.json "$@"
