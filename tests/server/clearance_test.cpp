// Clearance end to end (issue 18): three documents matched. A store paying through WeChat Pay's fake
// and shipping through SF Express's fake, beside the single-window simulator: the order (CEB311) and
// inventory list (CEB621) from the store, the payment record (CEB411) from the payment company, the
// waybill record (CEB511) from the carrier. Customs releases only when all four agree; each kind of
// disagreement — the waybill, the amount, the payer — is rejected, and the shopper refunded.
#include <doctest/doctest.h>

#include "server/customs/ceb_tax_bill.h"
#include "server/customs/message_signer.h"
#include "server/payments/wechat_pay_fake.h"
#include "tests/server/carrier_fixture.h"
#include "tests/server/order_fixture.h"
#include "tests/server/payment_fixture.h"

#include "core/wire/merchant_json.h"
#include "core/wire/sf_express_json.h"

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

namespace {

const std::string kToken = "receipt-token-0123456789abcdefghijklmnopqrstuvwxyz";

// Store, payment company, carrier and customs, wired to each other.
struct Clearance {
    Backend& backend;
    int port = FreePort(), sim_port = FreePort();
    std::string base = "http://127.0.0.1:" + std::to_string(port);
    std::string sim_url = "http://127.0.0.1:" + std::to_string(sim_port);
    LocalFake<WeChatPayFake, WeChatPayFakeOptions> wechat;
    LocalCarrier sf;
    ServerProcess sim;
    std::unique_ptr<OrderShop> shop;

    explicit Clearance(Backend& b)
        : backend(b), wechat(base + "/api/payments/wechat/notify", [this](WeChatPayFakeOptions& o) { o.single_window = sim_url + "/ceb"; }),
          sf(base + "/api/carriers/sf/routes")
    {
        std::string store = b.dir->path + "/store";
        std::filesystem::create_directories(store);
        std::string error;
        REQUIRE_MESSAGE(CreateSelfSignedSigningKey(store + "/signing-key.pem", store + "/signing-cert.pem", "clearance test", &error), error);
        sim = ServerProcess::StartBinary(SimulatorBinary(),
                                         {"--port", std::to_string(sim_port), "--trusted-cert", store + "/signing-cert.pem", "--payment-cert",
                                          wechat.options.customs_cert_file, "--carrier-cert", sf.CertFile(), "--require", "payment,waybill",
                                          "--ceb-xsd", CebXsdFile(), "--receipts-url", base + "/api/single-window/receipts",
                                          "--receipt-delay-ms", "20"},
                                         {"BONDSTORE_RECEIPT_TOKEN=" + kToken});
        sf.Start(sim_url + "/ceb");
        std::vector<std::string> args = {"--port", std::to_string(port), "--payment", "wechat", "--wechat-pay",
                                         wechat.dir.path + "/account/wechat-pay.json", "--single-window", sim_url + "/ceb", "--ceb-xsd",
                                         CebXsdFile(), "--relay-retry-ms", "50"};
        for (const std::string& a : sf.ServerArgs()) args.push_back(a);
        shop = std::make_unique<OrderShop>(b, args, std::vector<std::string>{"BONDSTORE_RECEIPT_TOKEN=" + kToken});
    }

    // An order of one T-00n for buyer `buyer`, paid by `payer` (the buyer's own name by default).
    std::string PaidOrder(int n, int buyer, const std::string& payer = "王小明")
    {
        char sku[16];
        std::snprintf(sku, sizeof sku, "T-%03d", n);
        return PaidOrder(sku, buyer, payer);
    }
    std::string PaidOrder(const std::string& sku, int buyer, const std::string& payer = "王小明")
    {
        std::string no = PlacedOrder(sku, buyer);
        Pay(no, buyer, payer);
        return no;
    }
    std::string PlacedOrder(const std::string& sku, int buyer)
    {
        httplib::Client c(shop->server.url);
        auto r = PlaceOrder(c, "clearance-" + sku, OrderBody({{sku, 1}}, buyer, QuotedTotal(shop->server.url, {{sku, 1}})));
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 201, r->body);
        json o = json::parse(r->body);
        std::string no = o["order_no"].get<std::string>();
        secrets[no] = o["lookup_secret"].get<std::string>();
        return no;
    }
    void Pay(const std::string& no, int buyer, const std::string& payer = "王小明")
    {
        httplib::Client c(shop->server.url);
        REQUIRE(c.Post("/api/orders/" + no + "/payment", {{"X-Order-Secret", secrets[no]}}, "", "application/json")->status == 200);
        REQUIRE(wechat.Pay(no, payer, ValidIdNumber(buyer))->status == 200);
    }
    httplib::Result Cancel(const std::string& no)
    {
        httplib::Client c(shop->server.url);
        return c.Post("/api/orders/" + no + "/cancel", {{"X-Order-Secret", secrets[no]}}, "", "application/json");
    }
    httplib::Result Customs(const std::string& path, const std::string& body)
    {
        httplib::Client c(sim.url);
        return c.Post("/control/" + path, body, "text/plain");
    }
    std::string Status(const std::string& no) { return backend.Sql("SELECT status FROM orders WHERE order_no = '" + no + "'"); }
    bool Reaches(const std::string& no, const std::string& status) { return Eventually([&] { return Status(no) == status; }, 20); }
    json Order(const std::string& no)
    {
        httplib::Client c(shop->server.url);
        auto r = c.Get("/api/orders/" + no, {{"X-Order-Secret", secrets[no]}});
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return json::parse(r->body);
    }
    json SimStats()
    {
        httplib::Client c(sim.url);
        return json::parse(c.Get("/stats")->body);
    }
    std::map<std::string, std::string> secrets;
};

} // namespace

TEST_CASE("three documents matched: released once order, payment record, waybill record and list agree; tracking ships and delivers")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Clearance k(b);
        std::string no = k.PaidOrder(1, 11);
        CHECK_MESSAGE(k.Reaches(no, "released"), k.shop->server.Stderr() << k.sim.Stderr());
        // The waybill SF issued is the one the list declared and the one SF's record declared.
        std::string waybill = k.sf.Waybill(no);
        CHECK(waybill.size() == 15);
        CHECK(b.Sql("SELECT waybill_no FROM shipments WHERE order_no = '" + no + "'") == waybill);
        httplib::Client customs(k.sim.url);
        CHECK(customs.Get("/waybills?order=" + no)->body == "500096005T " + waybill + "\n");
        RunResult list = Run(AdminBinary(), {"ceb", no, "--type", "621", "--data-dir", b.dir->path + "/store", "--ceb-xsd", CebXsdFile()});
        if (b.kind == "sqlite") {
            REQUIRE(list.exit_code == 0);
            CHECK(list.out.find("<ceb:logisticsNo>" + waybill + "</ceb:logisticsNo>") != std::string::npos);
        }
        json stats = k.SimStats();
        CHECK(stats["payments"] == 1);
        CHECK(stats["waybills"] == 1);
        CHECK(stats["rejected_mismatch"] == 0);
        CHECK(stats["invalid"] == 0);

        // The parcel's journey, pushed by SF: picked up → shipped; delivered → delivered.
        REQUIRE(k.sf.Route(waybill, "50")->status == 200);
        CHECK(k.Reaches(no, "shipped"));
        REQUIRE(k.sf.Route(waybill, "31")->status == 200);
        REQUIRE(k.sf.Route(waybill, "80")->status == 200);
        CHECK(k.Reaches(no, "delivered"));
        CHECK(Eventually([&] { return k.Order(no)["shipment"]["tracking"].size() == 3; }));
        json shipment = k.Order(no)["shipment"];
        CHECK(shipment["carrier"] == "sf");
        CHECK(shipment["waybill_no"] == waybill);
        CHECK(shipment["tracking"][0]["stage"] == "picked_up");
        CHECK(shipment["tracking"][1]["stage"] == "in_transit");
        CHECK(shipment["tracking"][2]["stage"] == "delivered");
        CHECK(shipment["tracking"][2]["code"] == "80");
        // A push for a waybill the store does not have is refused in SF's words (SF pushes again).
        httplib::Client store(k.shop->server.url);
        auto stranger = store.Post("/api/carriers/sf/routes",
                                   SfRoutePushToJson({{"1", "SF0000000000001", "X", "2026-12-05 10:00:00", "深圳市", "顺丰速运 已收取快件", "50"}}),
                                   "application/json");
        REQUIRE(stranger);
        CHECK(ParseSfPushReplyJson(stranger->body) == std::optional<bool>(false));
        CHECK(b.SqlInt("SELECT count(*) FROM tracking_events") == 3);
    }
}

TEST_CASE("customs rejects a list whose documents disagree — the waybill, the amount, the payer — and the shopper is refunded")
{
    Backend b = SqliteBackend();
    Clearance k(b);
    struct Case {
        const char* what;
        std::function<void()> fault;
        const char* payer;
        const char* info;
    };
    std::vector<Case> cases = {
        {"the carrier declares another waybill", [&] { k.sf.Control("ceb511_waybill=SF9999999999999"); }, "王小明", "运单号与清单不一致"},
        {"the payment company declares another amount", [&] { k.wechat.Control("declare_amount_fen=1"); }, "王小明", "支付金额与订单实付金额不一致"},
        {"someone else paid, and the provider did not check", [&] { k.wechat.Control("unchecked_identity=1"); }, "李四", "订购人与支付人不匹配"},
    };
    int n = 2;
    for (const Case& c : cases) {
        CAPTURE(c.what);
        c.fault();
        std::string no = k.PaidOrder(n, 20 + n, c.payer);
        n++;
        CHECK_MESSAGE(k.Reaches(no, "rejected"), k.shop->server.Stderr());
        CHECK(b.Sql("SELECT info FROM customs_receipts WHERE order_no = '" + no + "' AND status = '100'").find(c.info) != std::string::npos);
        // The refund is owed at once, and WeChat Pay's fake confirms it.
        CHECK(b.Sql("SELECT reason FROM refunds WHERE order_no = '" + no + "'") == "reject");
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "'") == "done"; }, 20));
    }
    CHECK(k.SimStats()["rejected_mismatch"] == 3);
    // A fourth order with no fault goes through.
    std::string fine = k.PaidOrder(9, 40);
    CHECK(k.Reaches(fine, "released"));
}

TEST_CASE("one item over the ¥5,000 order limit: quoted and charged with full tax, and released by customs by the same rules")
{
    Backend b = SqliteBackend();
    Clearance k(b);
    httplib::Client c(k.shop->server.url);
    auto quote = c.Post("/api/quote", R"({"lines":[{"sku":"T-LUXE","qty":1}]})", "application/json");
    REQUIRE(quote);
    REQUIRE(quote->status == 200);
    CHECK(json::parse(quote->body)["regime"] == "single_item_full_tax");
    std::string no = k.PaidOrder("T-LUXE", 50);
    CHECK_MESSAGE(k.Reaches(no, "released"), k.shop->server.Stderr());
    CHECK(k.SimStats()["rejected_quota"] == 0);
    // Two of it is over the limit and no single item: refused at checkout, never charged.
    auto two = PlaceOrder(c, "luxe-2", OrderBody({{"T-LUXE", 2}}, 51, 2 * QuotedTotal(k.shop->server.url, {{"T-LUXE", 1}})));
    REQUIRE(two);
    CHECK(two->status == 422);
}

TEST_CASE("a declared order cancelled before release: its list is withdrawn at customs (CEB623), and stock, quota and refund follow customs' acceptance")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Clearance k(b);
        std::string no = k.PlacedOrder("T-005", 60);
        // Customs holds this order's list for inspection, so it is declared and not released.
        REQUIRE(k.Customs("inspect", no)->status == 204);
        k.Pay(no, 60);
        CHECK(Eventually([&] {
            return b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "' AND kind = 'inventory' AND status = '500'") == 1;
        }));
        CHECK(k.Status(no) == "declared");
        std::string invt = b.Sql("SELECT invt_no FROM customs_receipts WHERE order_no = '" + no + "' AND status = '500'");
        CHECK(invt.size() == 18);
        int64_t used = b.SqlInt("SELECT used_fen FROM buyer_quota");
        CHECK(used > 0);
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-005'") == 1);
        // The shopper cancels: the order waits for customs; nothing is given back yet.
        auto cancel = k.Cancel(no);
        REQUIRE(cancel);
        CHECK(cancel->status == 200);
        CHECK(json::parse(cancel->body)["status"] == "withdrawing");
        CHECK(Eventually([&] { return k.Status(no) == "cancelled"; }));
        // Customs accepted (CEB624 399): cancelled, stock and quota back, the payment refunded.
        CHECK(b.SqlInt("SELECT count(*) FROM customs_receipts WHERE order_no = '" + no + "' AND kind = 'withdrawal' AND status = '399'") == 1);
        CHECK(b.Sql("SELECT detail FROM order_events WHERE order_no = '" + no + "' AND status = 'cancelled'") == "CEB624 399");
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-005'") == 0);
        CHECK(b.SqlInt("SELECT used_fen FROM buyer_quota") == 0);
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "'") == "done"; }, 20));
        // The withdrawal as sent: signed, valid, naming the list customs numbered.
        if (b.kind == "sqlite") {
            std::string sent = b.Sql("SELECT count(*) FROM outbox WHERE order_no = '" + no + "' AND kind = 'withdrawal' AND state = 'sent'");
            CHECK(sent == "1");
        }
        // Customs never releases a withdrawn list.
        CHECK(k.Customs("release", no)->status == 409);
        // A released order cannot be withdrawn (that is a return).
        std::string released = k.PaidOrder("T-006", 61);
        CHECK(k.Reaches(released, "released"));
        auto late = k.Cancel(released);
        REQUIRE(late);
        CHECK(late->status == 409);
        CHECK(k.SimStats()["invalid"] == 0);
    }
}

TEST_CASE("a delivered order returned within 30 days of release: declared to customs (CEB625); the quota comes back on its acceptance, stock and refund with the goods; customs' tax bills checked against the tax charged")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Clearance k(b);
        auto deliver = [&](const std::string& no) {
            REQUIRE(k.Reaches(no, "released"));
            std::string waybill = k.sf.Waybill(no);
            REQUIRE(k.sf.Route(waybill, "50")->status == 200);
            REQUIRE(k.sf.Route(waybill, "80")->status == 200);
            REQUIRE(k.Reaches(no, "delivered"));
        };
        auto ask = [&](const std::string& no) {
            httplib::Client c(k.shop->server.url);
            return c.Post("/api/orders/" + no + "/return", {{"X-Order-Secret", k.secrets[no]}}, "", "application/json");
        };
        httplib::Client store(k.shop->server.url);
        httplib::Headers merchant = {{"Authorization", "Bearer " + MerchantToken(b, "demo")}};
        auto goods_back = [&](const std::string& no) { return store.Post("/api/merchant/orders/" + no + "/goods-back", merchant, "", "application/json"); };

        std::string no = k.PaidOrder(7, 70);
        // Not yet delivered: nothing to return.
        REQUIRE(k.Reaches(no, "released"));
        CHECK(ask(no)->status == 409);
        deliver(no);
        int64_t used = b.SqlInt("SELECT used_fen FROM buyer_quota");
        CHECK(used > 0);
        // Customs' tax bill of the released list (CEB816) agrees with the tax charged.
        CHECK(Eventually([&] { return b.SqlInt("SELECT count(*) FROM tax_bills WHERE order_no = '" + no + "'") == 1; }));
        CHECK(b.Sql("SELECT status || ':' || differences FROM tax_bills WHERE order_no = '" + no + "'") == "1:");
        CHECK(b.SqlInt("SELECT charged_fen FROM tax_bills WHERE order_no = '" + no + "'") ==
              b.SqlInt("SELECT tax_total_fen FROM orders WHERE order_no = '" + no + "'"));
        int64_t on_hand = b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-007'");
        int64_t released_at = b.SqlInt("SELECT released_at FROM orders WHERE order_no = '" + no + "'");

        // Asked: returning, the goods due back 45 days after release; nothing given back yet.
        auto asked = ask(no);
        REQUIRE(asked);
        REQUIRE_MESSAGE(asked->status == 200, asked->body);
        json o = json::parse(asked->body);
        CHECK(o["status"] == "returning");
        CHECK(o["return"]["due_back_at"] == released_at + 45 * 86400);
        CHECK(ask(no)->status == 409); // once
        // Customs accepts (CEB626 399): returned, the buyer's year given back; no stock, no refund yet.
        CHECK(k.Reaches(no, "returned"));
        CHECK(b.Sql("SELECT detail FROM order_events WHERE order_no = '" + no + "' AND status = 'returned'") == "CEB626 399");
        CHECK(b.SqlInt("SELECT used_fen FROM buyer_quota") == 0);
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-007'") == on_hand);
        CHECK(b.SqlInt("SELECT count(*) FROM refunds WHERE order_no = '" + no + "'") == 0);
        json stats = k.SimStats();
        CHECK(stats["returns"] == 1);
        CHECK(stats["invalid"] == 0);
        // The return as sent: every line of the list, signed and valid (the simulator checked).
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + no + "' AND kind = 'return'") == "sent");

        // Not levied: customs voids the bill, which agrees with the quota (and tax) given back.
        CHECK(Eventually([&] { return b.Sql("SELECT status || ':' || differences FROM tax_bills WHERE order_no = '" + no + "'") == "3:"; }));

        // The merchant sees the clock, then the goods are back: restocked and refunded, once.
        auto listed = store.Get("/api/merchant/returns", merchant);
        REQUIRE(listed);
        REQUIRE(listed->status == 200);
        std::optional<ReturnList> returns = ParseReturnListJson(listed->body);
        REQUIRE(returns);
        REQUIRE(returns->returns.size() == 1);
        CHECK(returns->returns[0].order_no == no);
        CHECK(returns->returns[0].status == OrderStatus::Returned);
        CHECK(returns->returns[0].info.goods_back_at == 0);
        auto back = goods_back(no);
        REQUIRE(back);
        CHECK_MESSAGE(back->status == 200, back->body);
        CHECK(json::parse(back->body)["return"]["goods_back_at"].get<int64_t>() > 0);
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-007'") == on_hand + 1);
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "' AND reason = 'return'") == "done"; }, 20));
        CHECK(goods_back(no)->status == 409);
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-007'") == on_hand + 1);

        // 31 days after release: too late to ask; nothing changes. (Its tax bill states a fen more
        // VAT than charged: a difference the operator and the merchant see.)
        REQUIRE(k.Customs("tax-bill-offset", "1")->status == 204);
        std::string late = k.PaidOrder(8, 71);
        deliver(late);
        b.SqlWrite("UPDATE orders SET released_at = released_at - 31 * 86400 WHERE order_no = '" + late + "'");
        auto closed = ask(late);
        REQUIRE(closed);
        CHECK(closed->status == 409);
        CHECK(json::parse(closed->body)["error"]["code"] == "return_window_closed");
        CHECK(k.Status(late) == "delivered");
        CHECK(b.SqlInt("SELECT count(*) FROM outbox WHERE order_no = '" + late + "' AND kind = 'return'") == 0);
        // Goods back for an order customs never accepted a return of: refused.
        CHECK(goods_back(late)->status == 409);
        CHECK(Eventually([&] { return b.Sql("SELECT differences FROM tax_bills WHERE order_no = '" + late + "'") == "value_added_tax"; }));
        std::vector<std::string> report_args = {"tax-bills"};
        for (const std::string& a : AdminStoreArgs(b)) report_args.push_back(a);
        RunResult report = Run(AdminBinary(), report_args);
        CHECK_MESSAGE(report.exit_code == 3, report.err); // some differ
        CHECK(report.out.find(late) != std::string::npos);
        CHECK(report.out.find("value_added_tax") != std::string::npos);
        CHECK(report.out.find(no) == std::string::npos); // only the differing ones
        auto bills = store.Get("/api/merchant/tax-bills", merchant);
        REQUIRE(bills);
        REQUIRE(bills->status == 200);
        std::optional<TaxBillList> list = ParseTaxBillListJson(bills->body);
        REQUIRE(list);
        CHECK(list->bills.size() == 2);
        int differing = 0;
        for (const TaxBillList::Bill& bill : list->bills)
            if (!bill.differences.empty()) {
                differing++;
                CHECK(bill.order_no == late);
                CHECK(bill.differences == std::vector<std::string>{"value_added_tax"});
            }
        CHECK(differing == 1);
        CHECK(k.SimStats()["tax_bills"] == 3);
        // A tax bill that is not one — six decimals, a DOCTYPE, no token — is refused (400, 401)
        // and changes nothing.
        TaxBill bad;
        bad.tax_no = "X1";
        bad.invt_no = "80122026I100000001";
        bad.order_no = late;
        bad.return_time = "20991231235959999";
        bad.vat = {1, 6};
        std::string six = CebTaxBillsXml({bad}, "4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A009");
        auto refused = store.Post("/api/single-window/receipts", {{"Authorization", "Bearer " + kToken}}, six, "application/xml");
        REQUIRE(refused);
        CHECK(refused->status == 400);
        std::string doctype = six;
        doctype.insert(doctype.find("<ceb:CEB816Message"), "<!DOCTYPE x [<!ENTITY e \"1\">]>");
        CHECK(store.Post("/api/single-window/receipts", {{"Authorization", "Bearer " + kToken}}, doctype, "application/xml")->status == 400);
        bad.vat = {1, 2};
        CHECK(store.Post("/api/single-window/receipts", CebTaxBillsXml({bad}, "4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A009"), "application/xml")->status == 401);
        CHECK(b.SqlInt("SELECT count(*) FROM tax_bills") == 2);
        CHECK(k.SimStats()["invalid"] == 0);
    }
}

TEST_CASE("customs asks for an order's raw payment data (announcement 179): answered at once, uploaded signed, matching the payment company's record")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Clearance k(b);
        std::string no = k.PaidOrder(1, 11);
        REQUIRE_MESSAGE(k.Reaches(no, "released"), k.shop->server.Stderr() << k.sim.Stderr());
        // The request to WeChat Pay and its word that it was paid: sealed, kept three years.
        std::string raw = b.Sql("SELECT raw_request || ' ' || raw_response FROM payments WHERE order_no = '" + no + "'");
        CHECK(raw.rfind("v1.", 0) == 0);
        CHECK(raw.find(" v1.") != std::string::npos);
        CHECK(raw.find(no) == std::string::npos); // nothing readable: the order number is inside both
        CHECK(b.SqlInt("SELECT raw_kept_until - paid_at FROM payments WHERE order_no = '" + no + "'") == (3 * 365 + 1) * 86400);

        // Customs asks; the platform answers 10000 at once and uploads; customs checks the upload
        // against the CEB411 WeChat Pay sent it: verified.
        auto asked = k.Customs("ask-payment-data", no);
        REQUIRE(asked);
        REQUIRE_MESSAGE(asked->status == 200, asked->body);
        json a = json::parse(asked->body);
        CHECK(a["reply"]["code"] == "10000");
        std::string session = a["session"].get<std::string>();
        httplib::Client customs(k.sim.url);
        CHECK_MESSAGE(Eventually([&] { return customs.Get("/payment-data?session=" + session)->body == "verified\n"; }, 20),
                      customs.Get("/payment-data?session=" + session)->body << k.shop->server.Stderr());
        CHECK(b.Sql("SELECT state || ' ' || order_no || ' ' || attempts FROM payment_data_asks WHERE session_id = '" + session + "'") ==
              "uploaded " + no + " 1");
        CHECK(b.Sql("SELECT answer FROM payment_data_asks WHERE session_id = '" + session + "'").rfind("10000 ", 0) == 0);

        // An empty body asks about a random released order: this one.
        auto random = k.Customs("ask-payment-data", "");
        REQUIRE(random);
        CHECK(json::parse(random->body)["order"] == no);
        std::string second = json::parse(random->body)["session"].get<std::string>();
        CHECK(Eventually([&] { return customs.Get("/payment-data?session=" + second)->body == "verified\n"; }, 20));
        CHECK(customs.Get("/payment-data")->body == R"({"asked":2,"verified":2,"refused":0})");

        // The platform's own answers: the same session again is one ask; an order without a paid
        // payment, a malformed ask, or no openReq: 20000, nothing kept.
        httplib::Client store(k.shop->server.url);
        auto ask = [&](const std::string& open_req) {
            auto r = store.Post("/api/single-window/platDataOpen", httplib::Params{{"openReq", open_req}});
            REQUIRE(r);
            REQUIRE(r->status == 200);
            return json::parse(r->body);
        };
        CHECK(ask(R"({"orderNo":")" + no + R"(","sessionID":")" + session + R"(","serviceTime":1})")["code"] == "10000");
        std::string unpaid = k.PlacedOrder("T-002", 12);
        json refused = ask(R"({"orderNo":")" + unpaid + R"(","sessionID":"S-unpaid","serviceTime":1764900900000})");
        CHECK(refused["code"] == "20000");
        CHECK(refused["message"].get<std::string>().find(unpaid) != std::string::npos);
        CHECK(ask(R"({"orderNo":"NOPE","sessionID":"S-nope","serviceTime":1})")["code"] == "20000");
        CHECK(ask(R"({"orderNo":")" + no + R"(","serviceTime":1})")["code"] == "20000");
        CHECK(ask("not json")["code"] == "20000");
        auto bare = store.Post("/api/single-window/platDataOpen", "", "application/x-www-form-urlencoded");
        REQUIRE(bare);
        CHECK(json::parse(bare->body)["code"] == "20000");
        CHECK(b.SqlInt("SELECT count(*) FROM payment_data_asks") == 2);
        // Only customs' addresses may ask: a client the trusted front forwards for is not one.
        auto stranger = store.Post("/api/single-window/platDataOpen", {{"X-Forwarded-For", "203.0.113.9"}},
                                   "openReq=" + httplib::detail::encode_query_param(R"({"orderNo":"X","sessionID":"S-x","serviceTime":1})"),
                                   "application/x-www-form-urlencoded");
        REQUIRE(stranger);
        CHECK(stranger->status == 403);
        CHECK(b.SqlInt("SELECT count(*) FROM payment_data_asks") == 2);
    }
}
