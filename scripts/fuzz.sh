#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "asan": clang, ASan, UBSan) and runs each for a bounded
# time, seeded with the test fixtures. A crash stops with its input saved under
# build/artifacts/fuzz/. Prints each target's executions. Usage: scripts/fuzz.sh [seconds per
# target, default 15]; BONDSTORE_FUZZ_TARGETS="payment …" runs only those targets.
#
# Targets — every parser the network or a file from outside reaches:
#   csv, shopify, google, json  catalog files (CSV, Shopify, Google feeds, native JSON), tax tables, quotes
#   i18n                        PO files, message patterns, bidi text, currency rates
#   receipt                     customs' receipts (CEB312/CEB622/CEB624/CEB626) and tax bills (CEB816), bare or in a DxpMsg envelope
#   wire                        order requests (and core's validation), order receipts, inventory, stock
#                               adjustments, order events, payment notifications, sealed envelopes, kiosk tokens
#   cart_link                   the cart hand-off link (?cart=…)
#   sealed                      kiosks' sealed orders opened with the server's key; sandbox payment signatures
#   http_body                   raw HTTP requests against the body rules (http/body_routes.h)
#   payment                     WeChat Pay's and Alipay's notifications (envelope, decrypted transaction/refund; forms), answers,
#                               Authorization items, APIv2 customs XML and its signature, the account file
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-${BONDSTORE_FUZZ_SECONDS:-15}}
[ -f build/asan/build.ninja ] || cmake --preset asan >/dev/null
cmake --build --preset asan >/dev/null

corpus=build/asan/corpus
artifacts=build/artifacts/fuzz
mkdir -p "$artifacts"
fixtures=tests/core/fixtures
all_targets="csv shopify google json i18n receipt wire cart_link sealed http_body payment"
targets=${BONDSTORE_FUZZ_TARGETS:-$all_targets}
for t in $all_targets; do mkdir -p "$corpus/$t"; done # (seeds are written for every target)
# Seeds: the fixtures (with the leading control byte the csv and google targets read).
for f in "$fixtures"/*.csv; do
  cp "$f" "$corpus/shopify/"
  { printf '\007'; cat "$f"; } > "$corpus/csv/$(basename "$f")"
done
{ printf '\000'; cat "$fixtures/google.tsv"; } > "$corpus/google/seed.tsv"
{ printf '\001'; cat "$fixtures/google.xml"; } > "$corpus/google/seed.xml"
# Plain feeds, as merchants export them (no customs attributes): the fix-up file is made.
{ printf '\000'; printf 'id\ttitle\tprice\tbrand\tproduct_type\n\ttrue manuka honey 500g\t89.00 CNY\tComvita\tFood > Honey\n'; } > "$corpus/google/plain.tsv"
{ printf '\001'; printf '%s' '<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0" version="2.0"><channel><item><g:id></g:id><title>Manuka Honey 500 g</title><g:price>89.00 CNY</g:price><g:brand>Comvita (New Zealand)</g:brand></item><item/></channel></rss>'; } > "$corpus/google/plain.xml"
cp assets/catalog/sample.json assets/tax/tax-table.json "$fixtures/catalog-page.json" assets/brand/bondstore/brand.json "$corpus/json/"
cp tests/brands/harbour/brand.json "$corpus/json/harbour-brand.json"
echo '{"date":"2025-01-01","freight_fen":500,"lines":[{"price_fen":40000,"qty":1,"hs_code":"2208300000","legal_qty":"0.7","legal_unit":"L"}]}' \
  > "$corpus/json/quote.json"
printf '%s' '{"source":"brand","skus":["IF-APT-PF3-800","SK-LAM-CR-60"]}' > "$corpus/json/featured.json"

# i18n: a PO file (byte 0), patterns (1), Arabic and mixed text (2), a rates file (3).
{ printf '\000'; build/native/server/bondstore-admin i18n export-po de 2>/dev/null || true; } > "$corpus/i18n/de.po"
{ printf '\001'; printf '%s' "{count, plural, one {# item} other {# items}} it''s '{'x'}' {d, date, short}"; } > "$corpus/i18n/pattern"
{ printf '\002'; printf '%s' "السعر: 298 يوان Made in اليابان"; } > "$corpus/i18n/arabic"
{ printf '\003'; cat assets/currency-rates.json; } > "$corpus/i18n/rates.json"

# receipt: a receipt as integrators publish them (declared gb2312, GB bytes), and customs'
# official sample receipts (read from the shared folder, never copied here), bare and in a
# DxpMsg envelope.
/usr/bin/python3 -c 'import sys; sys.stdout.buffer.write(("<?xml version=\"1.0\" encoding=\"gb2312\"?>\n<ceb:CEB312Message guid=\"4cd3b5f4-2b4f-4b55-9a52-6c35a8a0a001\" version=\"1.0\" xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\"><ceb:OrderReturn><ceb:guid>4cd3b5f4-2b4f-4b55-9a52-6c35a8a0a001</ceb:guid><ceb:orderNo>BS1</ceb:orderNo><ceb:returnStatus>2</ceb:returnStatus><ceb:returnTime>20261205120000000</ceb:returnTime><ceb:returnInfo>订单新增申报成功</ceb:returnInfo></ceb:OrderReturn></ceb:CEB312Message>").encode("gb2312"))' \
  > "$corpus/receipt/gb2312.xml"
# A withdrawal's receipt (CEB624, InvtCancelReturn), as the simulator writes it.
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB624Message guid="4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A002" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:InvtCancelReturn><ceb:guid>4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A002</ceb:guid><ceb:copNo>BS1</ceb:copNo><ceb:preNo>PBS100000000000000</ceb:preNo><ceb:invtNo>80122026I100000001</ceb:invtNo><ceb:returnStatus>399</ceb:returnStatus><ceb:returnTime>20261205120000000</ceb:returnTime><ceb:returnInfo>[Code:2300;Desc:审核通过],撤单申请审核通过,清单已成功撤单</ceb:returnInfo></ceb:InvtCancelReturn></ceb:CEB624Message>' \
  > "$corpus/receipt/ceb624.xml"
# A return's receipt (CEB626, InvtRefundReturn; its preNo starts with T), as the simulator writes it.
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB626Message guid="4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A003" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:InvtRefundReturn><ceb:guid>4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A003</ceb:guid><ceb:copNo>BS1</ceb:copNo><ceb:preNo>TBS100000000000000</ceb:preNo><ceb:invtNo>80122026I100000001</ceb:invtNo><ceb:returnStatus>399</ceb:returnStatus><ceb:returnTime>20261205120000000</ceb:returnTime><ceb:returnInfo>[Code:2300;Desc:审核通过]</ceb:returnInfo></ceb:InvtRefundReturn></ceb:CEB626Message>' \
  > "$corpus/receipt/ceb626.xml"
# A tax bill (CEB816), as integrators' bills come (orderNo in the head, five decimals).
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB816Message guid="4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A004" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:Tax><ceb:TaxHeadRd><ceb:guid>4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A004</ceb:guid><ceb:returnTime>20261205120000000</ceb:returnTime><ceb:invtNo>80122026I100000001</ceb:invtNo><ceb:taxNo>500010000000001T</ceb:taxNo><ceb:customsTax>0.00000</ceb:customsTax><ceb:valueAddedTax>27.12000</ceb:valueAddedTax><ceb:consumptionTax>0</ceb:consumptionTax><ceb:status>1</ceb:status><ceb:orderNo>BS1</ceb:orderNo></ceb:TaxHeadRd><ceb:TaxListRd><ceb:gnum>1</ceb:gnum><ceb:gcode>1901101000</ceb:gcode><ceb:taxPrice>298.00</ceb:taxPrice><ceb:customsTax>0</ceb:customsTax><ceb:valueAddedTax>27.12</ceb:valueAddedTax><ceb:consumptionTax>0</ceb:consumptionTax></ceb:TaxListRd></ceb:Tax></ceb:CEB816Message>' \
  > "$corpus/receipt/ceb816.xml"
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

# wire: an order request (byte 0), an order receipt (1), inventory (2), an adjustment (3), a
# payment notification (4), a sealed envelope (5) and its content (6), a kiosk's code (7), an
# experience store and the store directory (8).
order='{"lines":[{"sku":"IF-APT-PF3-800","qty":2}],"buyer":{"name":"王小明","id_number":"11010119900101001X","phone":"13800138000"},"consignee":{"name":"王小明","phone":"13900139000","address":"重庆市渝北区 1 号","district":"500112"},"expected_total_fen":59600}'
{ printf '\000'; printf '%s' "$order"; } > "$corpus/wire/order"
{ printf '\001'; printf '%s' '{"order_no":"BS1","status":"pending_payment","lines":[{"sku":"A","qty":1,"price_fen":100}],"customs":[]}'; } > "$corpus/wire/receipt"
{ printf '\002'; printf '%s' '{"version":3,"stock":[{"sku":"A","available":5,"level":"in_stock","orderable":true}]}'; } > "$corpus/wire/inventory"
{ printf '\003'; printf '%s' '{"id":"recv-1","sku":"A","warehouse":"CQ-LL","delta":8,"reason":"received"}'; } > "$corpus/wire/adjustment"
{ printf '\004'; printf '%s' '{"order_no":"BS1","payment_id":"p1","amount_fen":100,"signature":"00"}'; } > "$corpus/wire/notification"
{ printf '\005'; printf '%s' '{"sealed":{"v":1,"key_id":"05f2f522655bf0bd","epk":"BEnW","iv":"9EAU","data":"9LRa"}}'; } > "$corpus/wire/sealed"
{ printf '\006'; printf '%s' "{\"order\":$order,\"follow\":\"ffffffffffffffffffffffffffffff\"}"; } > "$corpus/wire/content"
{ printf '\007'; printf '%s' '{"code":"QZTQ-39DB-38VT-VWGG"}'; } > "$corpus/wire/enroll"
{ printf '\010'; printf '%s' '{"stores":[{"id":"jfb","name":{"zh-Hans":"解放碑体验店","en":"Jiefangbei"},"address":"民族路 188 号","district":"500103","hours":"10:00-22:00","samples":[{"sku":"IF-APT-PF3-800","count":2}]}]}'; } > "$corpus/wire/stores"
{ printf '\010'; printf '%s' '{"id":"jfb","name":{"zh-Hans":"解放碑体验店","en":"Jiefangbei"},"address":"民族路 188 号","district":"500103","hours":"10:00-22:00"}'; } > "$corpus/wire/store"
printf '%s' 'IF-APT-PF3-800*2,SK-LAM-CR-60*1,%E5%A5%B6*3' > "$corpus/cart_link/link"
printf '%s' '/zh-Hans/p/IF-APT-PF3-800' > "$corpus/cart_link/address"
printf '%s' '/en/c/infant_formula?q=milk+powder%20800g' > "$corpus/cart_link/search"
{ printf '\001'; printf '%s' "{\"order\":$order,\"follow\":\"ffffffffffffffffffffffffffffff\"}"; } > "$corpus/sealed/seal"
{ printf '\000'; printf '%s' '{"sealed":{"v":1,"key_id":"05f2f522655bf0bd","epk":"BEnWnuXe7dO0ybxdmnrrneDA5ZZ6f+OI7xZ+ShpPWd6EjmEpqrnmwY93Yw3Zku4wzVJRvCC1dhIMKbodBaMej8k=","iv":"9EAUjvu83PTWJ50y","data":"9LRa4jqcdxjsBKhODvt+fY+oDm5k8evydo1PFMkHR9SCtlRe1g=="}}'; } > "$corpus/sealed/open"
{ printf '\002'; printf '%s' '{"order_no":"BS1","payment_id":"p1","amount_fen":100,"signature":"00"}'; } > "$corpus/sealed/notification"
# payment: WeChat Pay's messages as it documents them.
tx='{"appid":"wx0000000000000001","mchid":"1900000001","out_trade_no":"BS2612050000000001","transaction_id":"4200000000000000000000000001","trade_type":"NATIVE","trade_state":"SUCCESS","trade_state_desc":"ok","success_time":"2026-12-05T12:00:00+08:00","payer":{"openid":"o1"},"amount":{"total":12345,"payer_total":12345,"currency":"CNY","payer_currency":"CNY"}}'
{ printf '\000'; printf '%s' '{"id":"EV-1","create_time":"2026-12-05T12:00:00+08:00","resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS","summary":"ok","resource":{"original_type":"transaction","algorithm":"AEAD_AES_256_GCM","ciphertext":"ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=","associated_data":"associatedData","nonce":"uluk4a9R25RW"}}'; } > "$corpus/payment/notification"
{ printf '\001'; printf '%s' "$tx"; } > "$corpus/payment/transaction"
{ printf '\002'; printf '%s' "$tx"; } > "$corpus/payment/sealed"
{ printf '\003'; printf '%s' '{"refund_id":"50300","out_refund_no":"BS2612050000000001-C","transaction_id":"42","out_trade_no":"BS2612050000000001","status":"SUCCESS","amount":{"refund":100,"total":12345,"currency":"CNY"}}'; } > "$corpus/payment/refund"
{ printf '\004'; printf '%s' '{"appid":"wx1","mchid":"19","description":"d","out_trade_no":"BS1234","notify_url":"https://x/n","amount":{"total":1,"currency":"CNY"},"scene_info":{"payer_client_ip":"1.2.3.4","h5_info":{"type":"Wap"}}}'; } > "$corpus/payment/create"
{ printf '\005'; printf '%s' '<xml><return_code><![CDATA[SUCCESS]]></return_code><appid>wx1</appid><state>SUBMITTED</state><sign>ABC</sign></xml>'; } > "$corpus/payment/v2"
{ printf '\006'; printf '%s' 'WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="n",timestamp="1700000000",serial_no="S",signature="c2ln"'; } > "$corpus/payment/authorization"
{ printf '\010'; printf '%s' 'notify_time=2026-12-05+12%3A00%3A00&notify_type=trade_status_sync&notify_id=N1&app_id=2021000000000001&charset=utf-8&version=1.0&sign_type=RSA2&sign=c2ln&trade_no=2026&out_trade_no=BS1&trade_status=TRADE_SUCCESS&total_amount=88.88'; } > "$corpus/payment/alipay_notification"
{ printf '\011'; printf '%s' '{"alipay_trade_query_response":{"code":"10000","msg":"Success","out_trade_no":"BS1","trade_no":"2026","trade_status":"TRADE_SUCCESS","total_amount":"88.88"},"sign":"c2ln"}'; } > "$corpus/payment/alipay_answer"
{ printf '\012'; printf '%s' '{"out_request_no":"BS123456","trade_no":"2026","merchant_customs_code":"500096000T","merchant_customs_name":"n","amount":"88.88","customs_place":"ZONGSHU","buyer_info":{"buyer_name":"王小明","buyer_cert_no":"110101199003070011"}}'; } > "$corpus/payment/alipay_declare"
{ printf '\013'; printf '%s' '2026-12-05 12:00:00'; } > "$corpus/payment/alipay_time"
{ printf '\007'; printf '%s' '{"appid":"wx1","mchid":"19","merchant_serial":"S","merchant_key_file":"k.pem","platform_key_file":"p.pem","platform_serial":"P","notify_url":"https://x/n","mch_customs_no":"1"}'; } > "$corpus/payment/account"
# http_body: requests as clients send them.
printf 'POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{"a":"b"}  ' > "$corpus/http_body/small"
printf 'POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' > "$corpus/http_body/chunked"
{ printf 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: %s\r\n\r\n' "$(printf 'hello hello hello' | gzip -c | wc -c)"
  printf 'hello hello hello' | gzip -c; } > "$corpus/http_body/gzip"
printf 'POST /auth HTTP/1.1\r\nHost: x\r\nX-Token: yes\r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.1\r\nHost: x\r\n\r\n' > "$corpus/http_body/auth"
printf 'POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n' > "$corpus/http_body/large"

status=0
for t in $targets; do
  start=$SECONDS
  if build/asan/tests/fuzz/${t}_fuzz -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
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
