#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan, UBSan) and runs each for a bounded
# time, seeded with the test fixtures. A crash stops with its input saved under
# build/artifacts/fuzz/. Usage: scripts/fuzz.sh [seconds per target, default 20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-${BONDSTORE_FUZZ_SECONDS:-20}}
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null

corpus=build/fuzz/corpus
artifacts=build/artifacts/fuzz
mkdir -p "$artifacts"
fixtures=tests/core/fixtures
targets="csv shopify google json i18n receipt"
for t in $targets; do mkdir -p "$corpus/$t"; done
# Seeds: the fixtures (with the leading control byte the csv and google targets read).
for f in "$fixtures"/*.csv; do
  cp "$f" "$corpus/shopify/"
  { printf '\007'; cat "$f"; } > "$corpus/csv/$(basename "$f")"
done
{ printf '\000'; cat "$fixtures/google.tsv"; } > "$corpus/google/seed.tsv"
{ printf '\001'; cat "$fixtures/google.xml"; } > "$corpus/google/seed.xml"
cp assets/catalog/sample.json assets/tax/tax-table.json "$corpus/json/"
echo '{"date":"2025-01-01","freight_fen":500,"lines":[{"price_fen":40000,"qty":1,"hs_code":"2208300000","legal_qty":"0.7","legal_unit":"L"}]}' \
  > "$corpus/json/quote.json"

# i18n: a PO file (byte 0), patterns (1), Arabic and mixed text (2), a rates file (3).
{ printf '\000'; build/native/server/bondstore-admin i18n export-po de 2>/dev/null || true; } > "$corpus/i18n/de.po"
{ printf '\001'; printf '%s' "{count, plural, one {# item} other {# items}} it''s '{'x'}' {d, date, short}"; } > "$corpus/i18n/pattern"
{ printf '\002'; printf '%s' "السعر: 298 يوان Made in اليابان"; } > "$corpus/i18n/arabic"
{ printf '\003'; cat assets/currency-rates.json; } > "$corpus/i18n/rates.json"

# receipt: customs' official sample receipts (read from the shared folder, never copied here),
# bare and in a DxpMsg envelope.
samples=../shared/customs/xsd/samples_202205_import
for f in CEB312Message.xml CEB622Message.xml; do
  if [ -f "$samples/$f" ]; then
    cp "$samples/$f" "$corpus/receipt/$f"
    { printf '<dxp:DxpMsg ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp"><dxp:TransInfo><dxp:CopMsgId>1</dxp:CopMsgId>'
      printf '<dxp:SenderId>EPORT</dxp:SenderId><dxp:ReceiverIds><dxp:ReceiverId>B</dxp:ReceiverId></dxp:ReceiverIds>'
      printf '<dxp:CreatTime>2026-01-01T00:00:00</dxp:CreatTime><dxp:MsgType>CEB622Message</dxp:MsgType></dxp:TransInfo><dxp:Data>'
      base64 -w0 "$samples/$f"; printf '</dxp:Data></dxp:DxpMsg>'; } > "$corpus/receipt/dxp-$f"
  fi
done

status=0
for t in $targets; do
  start=$SECONDS
  if build/fuzz/tests/fuzz/${t}_fuzz -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$artifacts/${t}-" "$corpus/$t" > "$artifacts/${t}.log" 2>&1; then
    runs=$(grep -Eo 'Done [0-9]+ runs' "$artifacts/${t}.log" | tail -1)
    echo "fuzz ${t}: ok ($runs in $((SECONDS - start)) s)"
  else
    echo "fuzz ${t}: FAILED — see $artifacts/${t}.log"
    tail -30 "$artifacts/${t}.log"
    status=1
  fi
done
exit $status
