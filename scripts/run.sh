#!/usr/bin/env bash
# The main job: set up (first time only takes long), build, and start the Bondstore server with
# the web app and the sample catalog on an embedded SQLite file. Prints the URL to open.
#
#   scripts/run.sh [bondstore-server options]     e.g. --port 9000, --bind 0.0.0.0
#
# Payment goes through WeChat Pay's protocol to bondstore-payment-fake, its local fake, started
# beside the server with a demo merchant account (every screen that takes payment says "demo
# payment": no money moves; its page plays the shopper's phone). Each paid order gets its waybill
# from SF Express's protocol spoken to bondstore-carrier-fake, its local fake, which declares the
# waybill to customs and moves the parcel along by itself (a step every 20 s once issued). Paid
# orders go to customs through the single-window relay — here to bondstore-single-window, the
# simulator, started beside the server; it releases an order within seconds once the order, the
# payment record, the waybill record and the inventory list agree (three documents matched). That needs customs' schema files beside
# the checkout (../shared/customs/xsd, or BONDSTORE_CEB_XSD); without them the server runs with the
# relay off and the sandbox provider, and says so.
#
# Data lives in build/data (override with --data-dir or BONDSTORE_DATA_DIR), with the operator
# screen's token (operator-token: open /operator and paste it). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
data_dir=${BONDSTORE_DATA_DIR:-build/data}
xsd=${BONDSTORE_CEB_XSD:-../shared/customs/xsd/v202205/ceb_import_202205.xsd}
# The operator screen's token (/operator): made once, kept in the data directory for the operator.
mkdir -p "$data_dir"
operator_token="$data_dir/operator-token"
if [ ! -s "$operator_token" ]; then
  (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$operator_token")
fi
echo "run.sh: the operator screen is /operator; its token is in $operator_token" >&2
server=(build/native/server/bondstore-server --data-dir "$data_dir" --web-dir build/wasm/web/dist
        --seed-catalog assets/catalog/sample.json --admin-token-file "$operator_token")
if [ ! -f "$xsd" ]; then
  echo "run.sh: customs' schema ($xsd) is not here: the single-window relay stays off, payment is the sandbox" >&2
  exec "${server[@]}" --payment sandbox "$@"
fi

mkdir -p "$data_dir"
# The receipt token reaches both programs through the environment, never argv (ps shows argv).
BONDSTORE_RECEIPT_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
export BONDSTORE_RECEIPT_TOKEN
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sim_port=$(free_port)
# The store's port (the fake notifies it, so it is fixed before either starts): --port N, or 8080.
store_port=${BONDSTORE_PORT:-8080}
args=("$@")
for i in "${!args[@]}"; do [ "${args[$i]}" = --port ] && store_port=${args[$((i + 1))]:-8080}; done
sim_pid=
fake_pid=
carrier_pid=
server_pid=
trap 'kill $server_pid $sim_pid $fake_pid $carrier_pid 2>/dev/null; wait 2>/dev/null' INT TERM EXIT
fake_log="$data_dir/payment-fake.out"
build/native/server/bondstore-payment-fake --account-dir "$data_dir/wechat-fake" \
  --notify-url "http://127.0.0.1:$store_port/api/payments/wechat/notify" \
  --single-window "http://127.0.0.1:$sim_port/ceb" --customs-config assets/customs/declarant.json > "$fake_log" &
fake_pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$fake_log" 2>/dev/null && break; kill -0 $fake_pid 2>/dev/null || break; sleep 0.1; done
grep -q 'http://' "$fake_log" || { echo "run.sh: the payment fake did not start" >&2; exit 1; }
carrier_log="$data_dir/carrier-fake.out"
build/native/server/bondstore-carrier-fake --account-dir "$data_dir/sf-fake" \
  --push-url "http://127.0.0.1:$store_port/api/carriers/sf/routes" --auto-routes-s 20 \
  --single-window "http://127.0.0.1:$sim_port/ceb" --customs-config assets/customs/declarant.json > "$carrier_log" &
carrier_pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$carrier_log" 2>/dev/null && break; kill -0 $carrier_pid 2>/dev/null || break; sleep 0.1; done
grep -q 'http://' "$carrier_log" || { echo "run.sh: the carrier fake did not start" >&2; exit 1; }
log="$data_dir/server.out"
"${server[@]}" --payment wechat --wechat-pay "$data_dir/wechat-fake/wechat-pay.json" \
  --carrier sf --sf-express "$data_dir/sf-fake/sf-express.json" \
  --ceb-xsd "$xsd" --single-window "http://127.0.0.1:$sim_port/ceb" "$@" > "$log" &
server_pid=$!
for _ in $(seq 1 150); do grep -q 'http://' "$log" 2>/dev/null && break; kill -0 $server_pid 2>/dev/null || break; sleep 0.1; done
cat "$log"
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
[ -n "$url" ] || { echo "run.sh: the server did not start" >&2; exit 1; }
port=${url##*:}; port=${port%%/*}
# The server made its signing key on first start; the simulator trusts it.
build/native/server/bondstore-single-window --port "$sim_port" --ceb-xsd "$xsd" --trusted-cert "$data_dir/signing-cert.pem" \
  --payment-cert "$data_dir/wechat-fake/customs-cert.pem" --carrier-cert "$data_dir/sf-fake/carrier-cert.pem" \
  --receipts-url "http://127.0.0.1:$port/api/single-window/receipts" &
sim_pid=$!
wait $server_pid
