// The wire format's shapes beyond catalogs, quotes and orders: errors, the store's answers about
// itself, the merchant API, payments (the store's own and Alipay's), kiosks' sealed orders, the
// stored forms of an order's personal data. Each written and read back by the same functions, and
// each parser refusing what is not one.
#include <doctest/doctest.h>

#include "core/orders/resident_id.h"
#include "core/wire/alipay_json.h"
#include "core/wire/catalog_json.h"
#include "core/wire/merchant_json.h"
#include "core/wire/order_json.h"
#include "core/wire/payment_json.h"
#include "core/wire/problem_json.h"
#include "core/wire/sealed_order_json.h"
#include "core/wire/service_json.h"
#include "core/wire/tax_json.h"
#include "tests/core/tax_fixtures.h"

using namespace bondstore;
using namespace bondstore::test;

TEST_CASE("an API error: code, message, problems and the members some codes carry")
{
    ApiError e;
    e.code = "out_of_stock";
    e.message = "Not enough left";
    e.skus = {"A", "B"};
    std::string json = ApiErrorToJson(e, nullptr);
    CHECK(json == R"({"error":{"code":"out_of_stock","message":"Not enough left"},"skus":["A","B"]})");
    std::optional<ApiError> back = ParseApiErrorJson(json);
    REQUIRE(back);
    CHECK(back->code == "out_of_stock");
    CHECK(back->skus == e.skus);
    CHECK(back->with_skus);
    CHECK_FALSE(back->with_problems);

    TaxQuote q = QuoteOn("2026-11-26", {Line("1905310000", 12000)});
    ApiError changed;
    changed.code = "total_changed";
    changed.quote_json = TaxQuoteToJson(q);
    back = ParseApiErrorJson(ApiErrorToJson(changed, nullptr));
    REQUIRE(back);
    REQUIRE(back->quoted_total);
    CHECK(*back->quoted_total == q.amount_to_pay);
    CHECK(back->quote_json == changed.quote_json);

    ApiError invalid;
    invalid.code = "invalid_order";
    Problem p;
    p.code = "order.phone_invalid";
    p.section = "order";
    p.field = "buyer.phone";
    invalid.problems = {p};
    back = ParseApiErrorJson(ApiErrorToJson(invalid, nullptr));
    REQUIRE(back);
    REQUIRE(back->problems.size() == 1);
    CHECK(back->problems[0].field == "buyer.phone");

    CHECK_FALSE(ParseApiErrorJson("{}"));
    CHECK_FALSE(ParseApiErrorJson(R"({"error":"x"})"));
    CHECK_FALSE(ParseApiErrorJson("not json"));
}

TEST_CASE("the store's answers about itself survive JSON both ways")
{
    HealthStatus h;
    h.version = "0.1.0";
    h.store = "sqlite";
    h.icu = "72.1";
    h.catalog_version = 3;
    h.products = 36;
    std::optional<HealthStatus> hb = ParseHealthStatusJson(HealthStatusToJson(h));
    REQUIRE(hb);
    CHECK(HealthStatusToJson(*hb) == HealthStatusToJson(h));

    KioskSettings k;
    k.idle_seconds = 45;
    CHECK(KioskSettingsToJson(k) == R"({"idle_seconds":45,"warning_seconds":20})");
    REQUIRE(ParseKioskSettingsJson(KioskSettingsToJson(k)));
    CHECK(ParseKioskSettingsJson(KioskSettingsToJson(k))->idle_seconds == 45);
    CHECK_FALSE(ParseKioskSettingsJson(R"({"idle_seconds":0})"));
    CHECK_FALSE(ParseKioskSettingsJson(R"({"idle_seconds":"90"})"));

    RelayStatus r;
    r.on = true;
    r.pending = 2;
    r.parked = {{"BS1", "order", "the single window answered 400", 100, 3}};
    r.parked_total = 1;
    std::optional<RelayStatus> rb = ParseRelayStatusJson(RelayStatusToJson(r));
    REQUIRE(rb);
    CHECK(RelayStatusToJson(*rb) == RelayStatusToJson(r));

    ReceiptsAck a{3, 1, 0};
    REQUIRE(ParseReceiptsAckJson(ReceiptsAckToJson(a)));
    CHECK(ParseReceiptsAckJson(ReceiptsAckToJson(a))->applied == 3);

    SingleWindowStats st;
    st.received = 10;
    st.unique = 9;
    st.duplicates = 1;
    REQUIRE(ParseSingleWindowStatsJson(SingleWindowStatsToJson(st)));
    CHECK(SingleWindowStatsToJson(*ParseSingleWindowStatsJson(SingleWindowStatsToJson(st))) == SingleWindowStatsToJson(st));
}

TEST_CASE("the merchant API's shapes: who, a stock adjustment, sales figures, an order event")
{
    CHECK(ParseMerchantMeJson(MerchantMeToJson("acme")) == std::optional<std::string>("acme"));
    CHECK_FALSE(ParseMerchantMeJson("{}"));

    StockAdjustmentRequest a{"adj-1", "SKU-1", "CQ-01", "received", 12};
    StockAdjustmentParse ap = ParseStockAdjustmentJson(StockAdjustmentToJson(a));
    REQUIRE(ap.ok());
    CHECK(ap.request.delta == 12);
    CHECK(ap.request.reason == "received");
    auto codes = [](const StockAdjustmentParse& p) {
        std::vector<std::string> out;
        for (const Problem& x : p.problems)
            if (x.severity == Severity::Error) out.push_back(x.code + "@" + x.field);
        return out;
    };
    CHECK(codes(ParseStockAdjustmentJson(R"({"id":"a","sku":"S","warehouse":"W","reason":"r","delta":0})")) ==
          std::vector<std::string>{"stock.adjustment_invalid@delta"});
    CHECK(codes(ParseStockAdjustmentJson(R"({"id":"a","sku":"S","warehouse":"W","reason":"r","delta":1000000001})")) ==
          std::vector<std::string>{"stock.adjustment_invalid@delta"});
    CHECK(codes(ParseStockAdjustmentJson(R"({"id":"a","sku":"S","warehouse":"W","reason":"r","delta":"1"})")) ==
          std::vector<std::string>{"json.expected_integer@delta"});
    CHECK(codes(ParseStockAdjustmentJson(R"({"sku":"S","warehouse":"W","reason":"r","delta":1})")) ==
          std::vector<std::string>{"json.missing_field@id"});
    CHECK_FALSE(ParseStockAdjustmentJson("[1]").ok());
    CHECK(StockAdjustmentAnswerToJson({"adj-1", "SKU-1", "CQ-01", 20, 3, true}) ==
          R"({"id":"adj-1","sku":"SKU-1","warehouse":"CQ-01","on_hand":20,"reserved":3,"available":17,"replayed":true})");

    SalesFigures f;
    f.merchant = "acme";
    f.from = "2026-11-20";
    f.to = "2026-11-26";
    f.days = {{"2026-11-26", 4, 59600, 5848, 1}};
    f.top = {{"SKU-1", 2, 59600}};
    std::optional<SalesFigures> fb = ParseSalesFiguresJson(SalesFiguresToJson(f));
    REQUIRE(fb);
    CHECK(SalesFiguresToJson(*fb) == SalesFiguresToJson(f));

    std::optional<OrderEventRequest> e = ParseOrderEventJson(R"({"event":"ship","detail":"SF123"})");
    REQUIRE(e);
    CHECK(e->event == "ship");
    CHECK(e->detail == "SF123");
    CHECK(ParseOrderEventJson(OrderEventToJson(*e))->detail == "SF123");
    CHECK_FALSE(ParseOrderEventJson(R"({"detail":"x"})"));
}

TEST_CASE("payments in the store's own API: the sandbox's signed notification and the payment start")
{
    SandboxNotification n{"BS2611260000000001", "sbx_abc", Money{12345}, 1700000000, "f00d"};
    std::optional<SandboxNotification> nb = ParseSandboxNotificationJson(SandboxNotificationToJson(n));
    REQUIRE(nb);
    CHECK(nb->amount == Money{12345});
    CHECK(SandboxNotificationToJson(*nb) == SandboxNotificationToJson(n));
    CHECK_FALSE(ParseSandboxNotificationJson(R"({"provider":"wechat","order_no":"x","payment_id":"y","amount_fen":1,"signature":"s"})"));
    CHECK_FALSE(ParseSandboxNotificationJson(R"({"provider":"sandbox","order_no":"x","payment_id":"y","amount_fen":1.5,"signature":"s"})"));

    PaymentStart s;
    s.provider = "sandbox";
    s.sandbox = true;
    s.payment_id = "sbx_abc";
    s.notify_url = "/api/payments/sandbox/notify";
    s.notification = n;
    std::optional<PaymentStart> sb = ParsePaymentStartJson(PaymentStartToJson(s));
    REQUIRE(sb);
    REQUIRE(sb->notification);
    CHECK(PaymentStartToJson(*sb) == PaymentStartToJson(s));
    CHECK(PaymentAppliedToJson("BS1", OrderStatus::Paid) == R"({"order_no":"BS1","status":"paid"})");
}

TEST_CASE("a kiosk's sealed order: the key, the envelope and what it holds")
{
    SealKey k;
    k.key_id = "0123456789abcdef";
    k.public_key = "BAAA";
    CHECK(SealKeyToJson(k) == R"({"alg":"ECDH-P256+HKDF-SHA256+A256GCM","key_id":"0123456789abcdef","public_key":"BAAA"})");
    REQUIRE(ParseSealKeyJson(SealKeyToJson(k)));
    CHECK_FALSE(ParseSealKeyJson(R"({"key_id":"x"})"));

    SealedEnvelope e{1, "0123456789abcdef", "ZXBr", "aXY=", "ZGF0YQ=="};
    std::string body = SealedEnvelopeToJson(e);
    CHECK(IsSealedOrderJson(body));
    CHECK_FALSE(IsSealedOrderJson(R"({"lines":[]})"));
    std::optional<SealedEnvelope> eb = ParseSealedEnvelopeJson(body);
    REQUIRE(eb);
    CHECK(eb->data == "ZGF0YQ==");
    CHECK_FALSE(ParseSealedEnvelopeJson(R"({"sealed":{"v":1,"key_id":"x","epk":"a","iv":"b"}})"));

    const std::string follow(26, 'F');
    std::optional<SealedOrderContent> c = ParseSealedOrderContentJson(SealedOrderContentToJson({R"({"lines":[]})", follow}));
    REQUIRE(c);
    CHECK(c->order_json == R"({"lines":[]})");
    CHECK(c->follow == follow);
    CHECK_FALSE(ParseSealedOrderContentJson(SealedOrderContentToJson({R"({"lines":[]})", std::string(25, 'F')})));
    CHECK_FALSE(ParseSealedOrderContentJson(R"({"order":[],"follow":"FFFFFFFFFFFFFFFFFFFFFFFFFFFF"})"));
}

TEST_CASE("an order's personal data: in the clear only to be sealed, masked for answers")
{
    OrderContact c{{"张三", "11010519491231002X", "13800138000"}, {"李四", "13900139000", "重庆市渝北区金开大道 1 号", "500112"}};
    std::optional<OrderContact> back = ParseOrderContactJson(OrderContactToJson(c));
    REQUIRE(back);
    CHECK(back->buyer.id_number == "11010519491231002X");
    CHECK(back->consignee.district == "500112");
    CHECK(OrderContactToJson(*back) == OrderContactToJson(c));
    CHECK_FALSE(ParseOrderContactJson(R"({"buyer":{}})"));

    OrderReceipt r;
    r.buyer_name = MaskName("张三");
    r.buyer_id_number = MaskResidentId("11010519491231002X");
    r.consignee_address = MaskAddress("重庆市渝北区金开大道 1 号");
    CHECK(r.consignee_address == "重庆市渝北区****");
    OrderReceipt read;
    REQUIRE(ParseMaskedContactJson(MaskedContactToJson(r), &read));
    CHECK(read.buyer_id_number == "110105********002X");
    CHECK(MaskedContactToJson(read) == MaskedContactToJson(r));
    CHECK(MaskAddress("短地址") == "短地址");
}

TEST_CASE("a receipt kept for replays reads back to the same bytes, with the quote as charged")
{
    OrderReceipt r;
    r.order_no = "BS2611260000000001";
    r.created_at = 1764115200;
    r.pay_before = 1764116100;
    r.lines = {{"SKU-1", 2}};
    r.warehouse = "CQ-01";
    TaxQuote q = QuoteOn("2026-11-26", {Line("1905310000", 29800, 2)}, 1000);
    r.quote_json = TaxQuoteToJson(q);
    r.amount_to_pay = q.amount_to_pay;
    r.tax_total = q.tax_total;
    r.timeline = {{OrderStatus::PendingPayment, r.created_at, ""}};
    OrderReceiptParse back = ParseOrderReceiptJson(OrderReceiptToJson(r));
    REQUIRE(back.ok());
    CHECK(OrderReceiptToJson(back.receipt) == OrderReceiptToJson(r));
    back.receipt.lookup_secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    CHECK(OrderReceiptToJson(back.receipt).find("\"lookup_secret\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"") != std::string::npos);
}

TEST_CASE("one stored product reads back as it was written")
{
    Product p;
    p.sku = "SKU-1";
    p.handle = "sku-1";
    p.merchant = "demo";
    p.title.Set("zh-Hans", "饼干");
    p.price = Money{1200};
    p.hs_code = "1905310000";
    p.origin_country = "116";
    p.origin_iso = "JP";
    p.unit_code = "035";
    p.legal_qty = D("0.5");
    p.legal_unit = "kg";
    ProductParse back = ParseProductJson(ProductToJson(p));
    REQUIRE(back.ok());
    CHECK(ProductToJson(back.product) == ProductToJson(p));
    CHECK_FALSE(ParseProductJson("[]").ok());
    CHECK_FALSE(ParseProductJson(R"({"sku":"x"})").ok());
    REQUIRE(ParseLocalizedTextJson(R"({"zh-Hans":"保税仓","en":"Bonded"})"));
    CHECK_FALSE(ParseLocalizedTextJson(R"({"en":1})"));
}

TEST_CASE("a page of a large catalog: listing products, their availability and the filter counts, read back as written")
{
    Catalog c;
    c.version = 7;
    c.warehouses.push_back({"CQ-LL", {}});
    for (int i = 0; i < 3; i++) {
        Product p;
        p.sku = "SKU-" + std::to_string(i);
        p.handle = p.sku;
        p.merchant = "demo";
        p.title.Set("zh-Hans", "饼干");
        p.description.Set("en", "Biscuits, baked in small batches.");
        p.barcode = "4008976021100";
        p.tags = {"snack"};
        p.images = {"/images/a.png", "/images/b.png"};
        p.category = "snacks";
        p.price = Money{1200 * (i + 1)};
        p.hs_code = "1905310000";
        p.origin_country = "116";
        p.origin_iso = "JP";
        p.unit_code = "035";
        p.legal_qty = D("0.5");
        p.legal_unit = "kg";
        p.weight_g = 600;
        c.products.push_back(p);
    }
    SearchIndex index;
    index.Build(c.products);
    SearchQuery q;
    q.order = SearchOrder::PriceDescending;
    q.limit = 3;
    SearchResult r = index.Search(q);
    std::vector<SkuAvailability> availability = {{"SKU-1", 4, {{"CQ-LL", 4}}}, {"SKU-0", 0, {}}};
    CatalogPageParse page = ParseCatalogPageJson(CatalogPageToJson(c, r, 1, availability));
    REQUIRE(page.ok());
    CHECK_FALSE(page.page.complete);
    CHECK(page.page.version == 7);
    CHECK(page.page.product_count == 3);
    CHECK(page.page.total == 3);
    CHECK(page.page.offset == 1);
    REQUIRE(page.page.products.size() == 2); // rows 1 and 2 of the dearest first
    CHECK(page.page.products[0].sku == "SKU-1");
    CHECK(page.page.products[1].sku == "SKU-0");
    const Product& listed = page.page.products[0];
    CHECK(listed.description.empty()); // a list draws no description, barcode, tags or merchant
    CHECK(listed.barcode.empty());
    CHECK(listed.tags.empty());
    CHECK(listed.merchant.empty());
    CHECK(listed.images == std::vector<std::string>{"/images/a.png"});
    CHECK(listed.weight_g == 600); // what the tax quote needs stays
    REQUIRE(page.page.availability.size() == 2);
    CHECK(page.page.availability[0].available == 4);
    REQUIRE(page.page.categories.size() == 1);
    CHECK(page.page.categories[0].value == "snacks");
    CHECK(page.page.categories[0].count == 3);
    CHECK(page.page.warehouses.size() == 1);

    CatalogPageParse whole = ParseCatalogPageJson(CompleteCatalogPageToJson(c));
    REQUIRE(whole.ok());
    CHECK(whole.page.complete);
    REQUIRE(whole.page.products.size() == 3);
    CHECK(ProductToJson(whole.page.products[2]) == ProductToJson(c.products[2]));

    CHECK_FALSE(ParseCatalogPageJson(R"({"version":1,"complete":"yes","product_count":0,"products":[]})").ok());
    CHECK_FALSE(ParseCatalogPageJson(R"({"version":1,"complete":false,"product_count":0,"products":[]})").ok()); // no total
    CHECK_FALSE(ParseCatalogPageJson("[]").ok());
}

TEST_CASE("Alipay's messages: amounts as yuan strings (fen in the customs answer), the signed answer cut out as sent, the account")
{
    AlipayTradeContent t;
    t.out_trade_no = "BS2612050000000001";
    t.total_amount = Money{12345};
    t.subject = "进口奶粉";
    t.product_code = "FACE_TO_FACE_PAYMENT";
    CHECK(AlipayTradeContentToJson(t) ==
          R"({"out_trade_no":"BS2612050000000001","total_amount":"123.45","subject":"进口奶粉","product_code":"FACE_TO_FACE_PAYMENT"})");
    CHECK(ParseAlipayTradeContentJson(AlipayTradeContentToJson(t))->total_amount == Money{12345});
    CHECK_FALSE(ParseAlipayTradeContentJson(R"({"subject":"no trade named"})"));
    AlipayDeclareContent d;
    d.out_request_no = "BS2612050000000001";
    d.trade_no = "2026";
    d.merchant_customs_code = "500096000T";
    d.merchant_customs_name = "平台";
    d.customs_place = "ZONGSHU";
    d.amount = Money{5};
    d.buyer_name = "王小明";
    d.buyer_cert_no = "110101199003070011";
    std::string declare = AlipayDeclareContentToJson(d);
    CHECK(declare.find(R"("amount":"0.05")") != std::string::npos);
    CHECK(declare.find(R"("buyer_info":{"buyer_name":"王小明","buyer_cert_no":"110101199003070011"})") != std::string::npos);
    std::optional<AlipayDeclareContent> back = ParseAlipayDeclareContentJson(declare);
    REQUIRE(back);
    CHECK(back->buyer_cert_no == d.buyer_cert_no);
    CHECK(back->amount == Money{5});

    // The signed object is cut from the text as sent: spacing, order and escapes kept.
    std::string body = "{ \"alipay_trade_query_response\" : {\"code\":\"10000\", \"msg\":\"Success\",\"x\":\"}{\\\"\",\"n\":{\"a\":[1,{}]}},"
                       "\"sign\":\"c2ln\"}";
    std::optional<AlipaySignedAnswer> a = SplitAlipayAnswer(body, "alipay.trade.query");
    REQUIRE(a);
    CHECK(a->content == "{\"code\":\"10000\", \"msg\":\"Success\",\"x\":\"}{\\\"\",\"n\":{\"a\":[1,{}]}}");
    CHECK(a->sign == "c2ln");
    CHECK_FALSE(a->error_response);
    a = SplitAlipayAnswer("{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\"},\"sign\":\"s\"}", "alipay.trade.query");
    REQUIRE(a);
    CHECK(a->error_response);
    CHECK_FALSE(SplitAlipayAnswer("{\"alipay_trade_close_response\":{}}", "alipay.trade.query"));
    CHECK_FALSE(SplitAlipayAnswer("{\"alipay_trade_query_response\":\"text\"}", "alipay.trade.query"));
    CHECK_FALSE(SplitAlipayAnswer("not json", "alipay.trade.query"));
    // A nested key of that name is not the answer.
    CHECK_FALSE(SplitAlipayAnswer("{\"other\":{\"alipay_trade_query_response\":{}}}", "alipay.trade.query"));

    // Amounts: yuan strings, exact; the customs answer's total_amount is fen.
    std::optional<AlipayAnswer> q = ParseAlipayAnswerJson("{\"code\":\"10000\",\"total_amount\":\"88.88\"}", "alipay.trade.query");
    REQUIRE(q);
    CHECK(q->total_amount == Money{8888});
    CHECK_FALSE(ParseAlipayAnswerJson("{\"code\":\"10000\",\"total_amount\":\"88.888\"}", "alipay.trade.query"));
    CHECK_FALSE(ParseAlipayAnswerJson("{\"code\":\"10000\",\"total_amount\":88.88}", "alipay.trade.query"));
    q = ParseAlipayAnswerJson("{\"code\":\"10000\",\"total_amount\":\"8888\"}", "alipay.trade.customs.declare");
    REQUIRE(q);
    CHECK(q->total_amount == Money{8888});

    // The account: what is missing or unknown is named.
    std::vector<Problem> problems;
    CHECK_FALSE(ParseAlipayConfigJson(R"({"app_id":"2021","surprise":1})", &problems));
    CHECK(HasErrors(problems));
    problems.clear();
    AlipayConfig c;
    c.app_id = "2021000000000001";
    c.app_private_key_file = "k.pem";
    c.alipay_public_key_file = "p.pem";
    c.notify_url = "https://shop.example.com/api/payments/alipay/notify";
    c.merchant_customs_code = "500096000T";
    c.merchant_customs_name = "平台";
    std::optional<AlipayConfig> read = ParseAlipayConfigJson(AlipayConfigToJson(c), &problems);
    REQUIRE(read);
    CHECK(read->customs_place == "ZONGSHU");
    CHECK(read->gateway == "https://openapi.alipay.com/gateway.do");
    CHECK_FALSE(read->demo);
}
