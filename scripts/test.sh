#!/usr/bin/env bash
# Every test tier, from set-up to the browser:
#   1. set-up (idempotent; fast when cached)      5. server integration tests (real HTTP; SQLite and
#   2. build (wasm, native)                          PostgreSQL; attacks; the TLS front); then the
#                                                    API description: Redocly lint, contract test;
#                                                    packaging: install, systemd unit
#   3. core suite, native                         6. core and server suites under ASan+UBSan (clang)
#   4. core suite as WASM under node, full ICU    7. fuzzing: every parser the network reaches,
#      data and the browser's filtered ICU data;     bounded time, ASan+UBSan; executions reported
#      same results and parity digest as native   8. server suite under ThreadSanitizer
#                                                 9. browser end-to-end (headless Chromium)
#  10. the house rules (docs/architecture.md): every include against the folders' dependency order
# The sanitizer builds come from ccache (outside the checkout) after the first run.
# Screenshots land in build/artifacts/screenshots, test logs in build/artifacts/logs.
# Exits non-zero if any tier fails; prints how long each phase took.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
export NODE_PATH=/usr/share/nodejs
logs=build/artifacts/logs
mkdir -p "$logs" build/artifacts/screenshots

declare -a summary=()
failed=0
phase() { # name command...
  local name=$1; shift
  local t0=$SECONDS
  echo "== $name"
  if "$@"; then summary+=("ok    $(printf '%-34s' "$name") $((SECONDS - t0)) s")
  else summary+=("FAIL  $(printf '%-34s' "$name") $((SECONDS - t0)) s"); failed=1; fi
}

architecture() { python3 scripts/check_architecture.py --self-test 2>&1 | tee "$logs/architecture.txt"; return "${PIPESTATUS[0]}"; }
setup() { scripts/setup.sh; }
build() { scripts/build.sh; }
core_native() {
  build/native/tests/bondstore-core-tests --no-colors=true 2>&1 | tee "$logs/core-native.txt"
  return "${PIPESTATUS[0]}"
}
core_wasm() {
  local full ok=0
  full=$(grep -E '^set\(BONDSTORE_ICU_SRC' "${BONDSTORE_CACHE:-$HOME/.cache/bondstore}/paths.cmake" | sed -E 's/^[^"]*"([^"]*)".*/\1/')/source/data/in/icudt72l.dat
  node --no-experimental-fetch build/wasm/tests/bondstore-core-tests.js --no-colors=true --icu-data="$full" 2>&1 \
    | tee "$logs/core-wasm.txt" || ok=1
  # With the browser's filtered ICU data, everything but the "server-data" suite (pinyin and
  # collation keys, computed on the server) must pass: a formatting item the filter dropped fails.
  node --no-experimental-fetch build/wasm/tests/bondstore-core-tests.js --no-colors=true -tse=server-data \
    --icu-data=build/wasm/web/dist/bondstore-icu.dat 2>&1 | tee "$logs/core-wasm-browser-data.txt" || ok=1
  # Same cases, same assertions, same digest of core results: the browser computes what the server does.
  if ! diff <(grep -E '^\[doctest\] (test cases|assertions)|^parity digest' "$logs/core-native.txt") \
            <(grep -E '^\[doctest\] (test cases|assertions)|^parity digest' "$logs/core-wasm.txt"); then
    echo "!! the WASM run differs from the native run"; ok=1
  fi
  # The browser's ICU data has a budget (issue 5): 600 KB brotli.
  local icu_br
  icu_br=$(brotli -q 11 -c build/wasm/web/dist/bondstore-icu.dat | wc -c)
  echo "browser ICU data: $(stat -c %s build/wasm/web/dist/bondstore-icu.dat) bytes, $icu_br bytes brotli (budget 600000)"
  if [ "$icu_br" -gt 600000 ]; then echo "!! the browser's ICU data is over its budget"; ok=1; fi
  if ! diff <(grep '^parity digest' "$logs/core-native.txt") <(grep '^parity digest' "$logs/core-wasm-browser-data.txt"); then
    echo "!! the WASM run with the browser's ICU data computes different results"; ok=1
  fi
  [ $ok = 0 ] && echo "native and WASM agree: $(grep '^parity digest' "$logs/core-native.txt")"
  return $ok
}
server_tests() {
  build/native/tests/server/bondstore-server-tests --no-colors=true 2>&1 | tee "$logs/server.txt"
  return "${PIPESTATUS[0]}"
}
# The same suites, built with clang under AddressSanitizer + UndefinedBehaviorSanitizer (preset
# asan; the fuzz targets are built there too) and the server suite under ThreadSanitizer (tsan).
# The servers the suites start are the instrumented ones of the same build.
asan_tests() {
  local ok=0
  { [ -f build/asan/build.ninja ] || cmake --preset asan >/dev/null; } && cmake --build --preset asan -- -j"$(nproc)" >"$logs/asan-build.txt" 2>&1 \
    || { tail -40 "$logs/asan-build.txt"; return 1; }
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  build/asan/tests/bondstore-core-tests --no-colors=true 2>&1 | tee "$logs/asan-core.txt" | tail -4; [ "${PIPESTATUS[0]}" = 0 ] || ok=1
  build/asan/tests/server/bondstore-server-tests --no-colors=true 2>&1 | tee "$logs/asan-server.txt" | tail -4; [ "${PIPESTATUS[0]}" = 0 ] || ok=1
  return $ok
}
# ThreadSanitizer looks where threads meet: checkout under concurrency, the relay, the expirer and
# the cashier's threads, kills and restarts, the HTTP layer's body limits, the payment journeys.
# (Suites that only format, parse or run one request at a time add time and no thread.)
tsan_cases='*three documents*,*declared order cancelled*,*delivered order returned*,*concurrent*,*kill -9*,*outage*,*retries after*,*PostgreSQL: servers*,*hostage*,*rate limits*,*trickles*,*never ends*,*bombs*,*large body*,*reaches the single window*,*cancelled while*,*checkout: one transaction*,*life of an order*,*sealed order*,*through WeChat Pay*,*through Alipay*,*payer who*,*on a phone*,*expired unpaid*,*announcement 179*,*SIGTERM*,*metrics: only*'
tsan_tests() {
  { [ -f build/tsan/build.ninja ] || cmake --preset tsan >/dev/null; } \
    && cmake --build --preset tsan --target bondstore-server-tests -- -j"$(nproc)" >"$logs/tsan-build.txt" 2>&1 \
    || { tail -40 "$logs/tsan-build.txt"; return 1; }
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/tsan.supp" \
    build/tsan/tests/server/bondstore-server-tests --no-colors=true --test-case="$tsan_cases" 2>&1 | tee "$logs/tsan-server.txt" | tail -4
  return "${PIPESTATUS[0]}"
}
fuzz() { scripts/fuzz.sh; }
browser_tests() {
  (cd tests/browser && node run.mjs --server "$root/build/native/server/bondstore-server" \
      --web-dir "$root/build/wasm/web/dist" --seed-catalog "$root/assets/catalog/sample.json" \
      --simulator "$root/build/native/server/bondstore-single-window" \
      --out "$root/build/artifacts/screenshots") 2>&1 | tee "$logs/browser.txt"
  return "${PIPESTATUS[0]}"
}

# The API's description (docs/openapi.json): linted by Redocly's CLI (its strict rules, docs/redocly.yaml),
# then held against the live server, every exchange through a recording proxy (api_contract.mjs).
api_contract() {
  local ok=0
  (cd tests/browser && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
      node node_modules/@redocly/cli/bin/cli.js lint "$root/docs/openapi.json" --config "$root/docs/redocly.yaml" --format stylish) \
    > "$logs/openapi-lint.txt" 2>&1 || { grep -E "error|warning" "$logs/openapi-lint.txt" | grep -v "║" | head -40; ok=1; }
  grep -E "validated|valid" "$logs/openapi-lint.txt" | tail -2
  (cd tests/browser && node api_contract.mjs --server "$root/build/native/server/bondstore-server" \
      --web-dir "$root/build/wasm/web/dist" --seed-catalog "$root/assets/catalog/sample.json" \
      --simulator "$root/build/native/server/bondstore-single-window" --out "$root/build/artifacts/contract") 2>&1 | tee "$logs/contract.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || ok=1
  return $ok
}

# The install layout and the systemd unit (scripts/package/check.sh): installed to a scratch prefix,
# the unit verified by systemd-analyze, the installed server started as the unit starts it.
packaging() { scripts/package/check.sh build/native 2>&1 | tee "$logs/packaging.txt"; return "${PIPESTATUS[0]}"; }

phase "set-up" setup || true
if [ $failed = 0 ]; then phase "build (wasm + native)" build; fi
if [ $failed = 0 ]; then
  phase "core tests, native" core_native
  phase "core tests, WASM (node)" core_wasm
  phase "server integration tests" server_tests
  phase "API description (Redocly lint, contract test)" api_contract
  phase "packaging (install, systemd unit)" packaging
  phase "core + server under ASan+UBSan" asan_tests
  phase "fuzzing (libFuzzer, ASan+UBSan)" fuzz
  phase "server under ThreadSanitizer" tsan_tests
  phase "browser end-to-end tests" browser_tests
fi
phase "architecture (house rules)" architecture

echo
# What failed, where the end of a long run's output shows it: each failing test case with its
# first errors, from every log.
if [ "$failed" -ne 0 ]; then
  echo "== failures (whole logs in build/artifacts/logs)"
  for f in "$logs"/*.txt; do
    grep -q -E '^TEST CASE:|^FAIL  ' "$f" 2>/dev/null || continue
    echo "-- $(basename "$f")"
    grep -E -A6 '^TEST CASE:' "$f" | grep -E 'TEST CASE:|ERROR|values|what\(\)' | head -40
    grep -E -A2 '^FAIL  ' "$f" | head -20
  done
fi
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "screenshots: build/artifacts/screenshots   logs: build/artifacts/logs"
exit $failed
