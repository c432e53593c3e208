#!/usr/bin/env bash
# The packaging tier of scripts/test.sh: installs the native build into a scratch prefix, checks
# the systemd unit installed there (`systemd-analyze verify` must say nothing; `systemd-analyze
# security` must rate its exposure 2.0 or better), then starts the installed server exactly as the
# unit's ExecStart says — only its state and configuration directories moved to scratch ones and
# its port chosen free — and asks it /api/ready, the web app and the API's description: what is
# installed is all a store needs. Usage: scripts/package/check.sh [build dir, default build/native]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build=${1:-build/native}
scratch=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
prefix="$scratch/usr"
cmake --install "$build" --prefix "$prefix" --strip >"$scratch/install.log"
unit="$prefix/lib/systemd/system/bondstore.service"
[ -f "$unit" ] || { echo "package: no unit installed"; exit 1; }
echo "package: installed into a scratch prefix ($(du -sh "$prefix" | cut -f1))"

# systemd's own checks. (verify returns 0 on unknown keys, but says so: any output fails.)
verify=$(systemd-analyze verify "$unit" 2>&1) || { echo "$verify"; exit 1; }
[ -z "$verify" ] || { echo "package: systemd-analyze verify: $verify"; exit 1; }
exposure=$(systemd-analyze security --offline=true --threshold=20 "$unit" 2>&1 | grep -o 'Overall exposure level for bondstore.service: [0-9.]*' | grep -o '[0-9.]*$')
echo "package: systemd-analyze verify: clean; security: exposure $exposure (0 = locked down, 10 = exposed)"
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 2.0) }' || { echo "package: exposure $exposure is over 2.0"; exit 1; }

# The unit's command line, as systemd would split it (continuations joined; "" an empty argument).
cmdline=$(awk '/^ExecStart=/{on=1; sub(/^ExecStart=/, "")} on{line=$0; cont=sub(/\\$/, "", line); printf "%s ", line; if (!cont) exit}' "$unit")
mkdir -p "$scratch/etc" "$scratch/state"
(umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$scratch/etc/data-key" && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$scratch/etc/operator-token")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cmdline=${cmdline//\/var\/lib\/bondstore/$scratch\/state}
cmdline=${cmdline//\/etc\/bondstore/$scratch\/etc}
cmdline=${cmdline/--port 8080/--port $port}
eval "set -- $cmdline"
[ "$1" = "$prefix/bin/bondstore-server" ] || { echo "package: ExecStart runs $1, not the installed server"; exit 1; }
"$@" >"$scratch/stdout" 2>"$scratch/stderr" &
server_pid=$!
for _ in $(seq 100); do grep -q "serving http" "$scratch/stdout" 2>/dev/null && break; sleep 0.1; done
grep -q "serving http" "$scratch/stdout" || { echo "package: the installed server did not start:"; cat "$scratch/stderr"; exit 1; }
base="http://127.0.0.1:$port"
ready=$(curl -sf "$base/api/ready")
[ "$ready" = '{"ready":true,"database":"ok","relay":"off","stopping":false}' ] || { echo "package: /api/ready: $ready"; exit 1; }
curl -sf "$base/" | grep -q '<canvas' || { echo "package: the installed web app is not served"; exit 1; }
curl -sf -o /dev/null "$base/bondstore.wasm" || { echo "package: no bondstore.wasm"; exit 1; }
cmp -s <(curl -sf "$base/api/openapi.json") docs/openapi.json || { echo "package: the installed server's API description is not docs/openapi.json"; exit 1; }
curl -sf -H "Authorization: Bearer $(cat "$scratch/etc/operator-token")" "$base/metrics" | grep -q '^bondstore_store_up 1$' \
  || { echo "package: /metrics with the operator token"; exit 1; }
kill -TERM "$server_pid"
wait "$server_pid"; code=$?
server_pid=
[ "$code" = 0 ] || { echo "package: the server exited $code on SIGTERM"; cat "$scratch/stderr"; exit 1; }
echo "package: the installed server, started as the unit starts it, is ready, serves the app, its description and metrics, and stops cleanly"
