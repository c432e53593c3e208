#!/usr/bin/env bash
# The main job: set up (first time only takes long), build, and start the Bondstore server with
# the web app and the sample catalog on an embedded SQLite file. Prints the URL to open.
#
#   scripts/run.sh [bondstore-server options]     e.g. --port 9000, --bind 0.0.0.0
#
# Paid orders go to customs through the single-window relay — here to bondstore-single-window,
# the simulator, started beside the server (its receipts release the orders within seconds). That
# needs customs' schema files beside the checkout (../shared/customs/xsd, or BONDSTORE_CEB_XSD);
# without them the server runs with the relay off and says so.
#
# Data lives in build/data (override with --data-dir or BONDSTORE_DATA_DIR). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
data_dir=${BONDSTORE_DATA_DIR:-build/data}
xsd=${BONDSTORE_CEB_XSD:-../shared/customs/xsd/v202205/ceb_import_202205.xsd}
# Payment: the sandbox, a demo provider that moves no money (the server's log, /api/health and
# every screen that takes payment say so). docs/payments.md has the real providers.
server=(build/native/server/bondstore-server --data-dir "$data_dir" --web-dir build/wasm/web/dist
        --seed-catalog assets/catalog/sample.json --payment sandbox)
if [ ! -f "$xsd" ]; then
  echo "run.sh: customs' schema ($xsd) is not here: the single-window relay stays off" >&2
  exec "${server[@]}" "$@"
fi

mkdir -p "$data_dir"
# The receipt token reaches both programs through the environment, never argv (ps shows argv).
BONDSTORE_RECEIPT_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
export BONDSTORE_RECEIPT_TOKEN
sim_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$data_dir/server.out"
"${server[@]}" --ceb-xsd "$xsd" --single-window "http://127.0.0.1:$sim_port/ceb" "$@" > "$log" &
server_pid=$!
sim_pid=
trap 'kill $server_pid $sim_pid 2>/dev/null; wait 2>/dev/null' INT TERM EXIT
for _ in $(seq 1 150); do grep -q 'http://' "$log" 2>/dev/null && break; kill -0 $server_pid 2>/dev/null || break; sleep 0.1; done
cat "$log"
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
[ -n "$url" ] || { echo "run.sh: the server did not start" >&2; exit 1; }
port=${url##*:}; port=${port%%/*}
# The server made its signing key on first start; the simulator trusts it.
build/native/server/bondstore-single-window --port "$sim_port" --ceb-xsd "$xsd" --trusted-cert "$data_dir/signing-cert.pem" \
  --receipts-url "http://127.0.0.1:$port/api/single-window/receipts" &
sim_pid=$!
wait $server_pid
