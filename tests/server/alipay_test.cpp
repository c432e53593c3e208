// Alipay: the signing rules against vector V4 and an independent implementation (the openssl
// command), the adapter against the fake (which checks what Alipay checks), and the store paying,
// declaring and refunding through it on both back ends.
#include "server/base/china_time.h"
#include "server/customs/message_signer.h"
#include "server/payments/alipay.h"
#include "server/payments/alipay_fake.h"
#include "server/payments/alipay_protocol.h"
#include "server/payments/payment_crypto.h"
#include "tests/server/payment_fixture.h"

#include "core/wire/alipay_json.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <thread>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

namespace {

// The fake Alipay on a thread of this process.
struct FakeAlipay : LocalFake<AlipayFake, AlipayFakeOptions> {
    explicit FakeAlipay(const std::string& notify_url, const std::string& single_window = "")
        : LocalFake(notify_url, [&](AlipayFakeOptions& o) { o.single_window = single_window; })
    {
    }
    std::string AccountFile() const { return dir.path + "/account/alipay.json"; }
    // The adapter's account, read as the server reads it.
    AlipayConfig Config() const
    {
        std::vector<Problem> problems;
        std::optional<AlipayConfig> c = ParseAlipayConfigJson(test::ReadFile(AccountFile()), &problems);
        REQUIRE(c);
        c->app_private_key_file = dir.path + "/account/" + c->app_private_key_file;
        c->alipay_public_key_file = dir.path + "/account/" + c->alipay_public_key_file;
        return *c;
    }
    // A trade notification as Alipay would send it, signed with the fake's key.
    std::string Notification(AlipayParams n) const
    {
        std::string error;
        std::unique_ptr<RsaKey> key = RsaKey::FromPem(options.alipay_key, &error);
        n["sign"] = key->SignSha256(AlipaySignContent(n, true)).value();
        return AlipayForm(n);
    }
};

// A store paying through the fake Alipay.
struct AlipayShop {
    int port = FreePort();
    std::string notify = "http://127.0.0.1:" + std::to_string(port) + "/api/payments/alipay/notify";
    FakeAlipay alipay;
    OrderShop shop;
    httplib::Client c;

    AlipayShop(Backend& b, std::vector<std::string> extra = {}) : alipay(notify), shop(b, Args(extra)), c(shop.server.url) {}
    std::vector<std::string> Args(std::vector<std::string> extra)
    {
        // The account as a real merchant's looks (the fake writes it as a demo account).
        std::vector<Problem> problems;
        std::optional<AlipayConfig> account = ParseAlipayConfigJson(test::ReadFile(alipay.AccountFile()), &problems);
        REQUIRE(account);
        CHECK(account->demo);
        account->demo = false;
        WriteFile(alipay.AccountFile(), AlipayConfigToJson(*account));
        for (const std::string& a : {std::string("--port"), std::to_string(port), std::string("--payment"), std::string("alipay"),
                                     std::string("--alipay"), alipay.AccountFile()})
            extra.push_back(a);
        return extra;
    }
    std::string Status(const std::string& no) { return shop.backend.Sql("SELECT status FROM orders WHERE order_no = '" + no + "'"); }
    std::string Payment(const std::string& column, const std::string& no)
    {
        return shop.backend.Sql("SELECT " + column + " FROM payments WHERE order_no = '" + no + "'");
    }
    httplib::Result Notify(const std::string& form) { return c.Post("/api/payments/alipay/notify", form, "application/x-www-form-urlencoded"); }
};

} // namespace

TEST_CASE("Alipay's signing rules: vector V4, the openssl command, keys as Alipay writes them, forms, times")
{
    // V4 (../shared/payments/SPEC.md §6): sign left out, empty values left out, keys in byte order, values raw.
    AlipayParams v4 = {{"app_id", "1"},          {"method", "alipay.trade.close"},         {"format", "JSON"},
                       {"charset", "utf-8"},     {"sign_type", "RSA2"},                    {"timestamp", "2024-01-02 03:04:05"},
                       {"version", "1.0"},       {"notify_url", ""},                       {"biz_content", "{\"out_trade_no\":\"B1\"}"},
                       {"sign", "ignored"}};
    CHECK(AlipaySignContent(v4, false) ==
          "app_id=1&biz_content={\"out_trade_no\":\"B1\"}&charset=utf-8&format=JSON&method=alipay.trade.close&sign_type=RSA2"
          "&timestamp=2024-01-02 03:04:05&version=1.0");
    // A notification leaves sign_type out too (§3.4).
    CHECK(AlipaySignContent(v4, true).find("sign_type") == std::string::npos);

    // RSA2 is SHA256withRSA: what openssl computes over the same UTF-8 bytes.
    TempDir dir;
    std::string pem = NewRsaKeyPem();
    WriteFile(dir.path + "/k.pem", pem);
    std::string text = AlipaySignContent({{"subject", "进口奶粉 & 尿布"}, {"total_amount", "88.88"}}, false);
    WriteFile(dir.path + "/text", text);
    RunResult openssl = Run("/bin/sh", {"-c", "openssl dgst -sha256 -sign " + dir.path + "/k.pem " + dir.path + "/text | base64 -w0"});
    REQUIRE(openssl.exit_code == 0);
    std::string error;
    CHECK(RsaKey::FromPem(pem, &error)->SignSha256(text) == std::optional<std::string>(openssl.out));

    // Keys as Alipay's key tool writes them: bare base64, no PEM lines.
    std::string bare;
    for (const std::string& line : {pem})
        for (size_t at = 0, end; at < line.size(); at = end + 1) {
            end = line.find('\n', at);
            if (end == std::string::npos) end = line.size();
            std::string l = line.substr(at, end - at);
            if (l.rfind("-----", 0) != 0) bare += l;
        }
    WriteFile(dir.path + "/bare.txt", bare + "\n");
    std::unique_ptr<RsaKey> from_bare = ReadAlipayKeyFile(dir.path + "/bare.txt", true, &error);
    REQUIRE_MESSAGE(from_bare, error);
    CHECK(from_bare->SignSha256(text) == std::optional<std::string>(openssl.out));
    WriteFile(dir.path + "/public.pem", from_bare->PublicPem());
    CHECK_FALSE(ReadAlipayKeyFile(dir.path + "/public.pem", true, &error)); // a public key is not the application's private key
    CHECK(error.find("not a private key") != std::string::npos);

    // Forms: values decoded once, a field twice or a broken escape refused.
    AlipayParams f = {{"subject", "奶粉 a+b=c&d"}, {"total_amount", "1.00"}, {"empty", ""}};
    CHECK(ParseAlipayForm(AlipayForm(f)) == std::optional<AlipayParams>(f));
    CHECK(ParseAlipayForm("a=1+2&b=%E4%B8%AD") == std::optional<AlipayParams>(AlipayParams{{"a", "1 2"}, {"b", "中"}}));
    CHECK_FALSE(ParseAlipayForm("a=1&a=2"));
    CHECK_FALSE(ParseAlipayForm("a=%4"));
    CHECK_FALSE(ParseAlipayForm("a=%FF%FE"));
    CHECK_FALSE(ParseAlipayForm("=1"));

    // Beijing time, to the second and to the minute.
    CHECK(AlipayTime(1704135845) == "2024-01-02 03:04:05");
    CHECK(AlipayMinute(1704135845) == "2024-01-02 03:04");
    CHECK(ParseAlipayTime("2024-01-02 03:04:05") == 1704135845);
    CHECK(ParseAlipayTime("2024-01-02 03:04") == 1704135840);
    CHECK(ParseAlipayTime("2024-02-30 03:04:05") == -1);
    CHECK(ParseAlipayTime("2024-01-02T03:04:05") == -1);
}

TEST_CASE("the Alipay adapter against the fake: every call signed and verified, refusals as Alipay answers them")
{
    FakeAlipay alipay("http://127.0.0.1:9/api/payments/alipay/notify");
    std::string error;
    std::unique_ptr<Alipay> pay = Alipay::Open(alipay.Config(), &error);
    REQUIRE_MESSAGE(pay, error);
    CHECK(pay->sandbox()); // the fake's account says demo

    // A QR code (precreate); the same request again answers the same code.
    PaymentRequest q;
    q.order_no = "BS2612050000000001";
    q.amount = Money{12345};
    q.description = "Bondstore order BS2612050000000001";
    q.expires_at = UnixNow() + 900;
    std::optional<PaymentStarted> s = pay->Begin(q, &error);
    REQUIRE_MESSAGE(s, error);
    CHECK(s->qr_code.rfind("https://qr.alipay.com/", 0) == 0);
    CHECK(pay->Begin(q, &error)->qr_code == s->qr_code);
    // The same number for another amount: Alipay refuses it.
    PaymentRequest changed = q;
    changed.amount = Money{1};
    CHECK_FALSE(pay->Begin(changed, &error));
    CHECK(error.find("ACQ.CONTEXT_INCONSISTENT") != std::string::npos);

    // A phone: the signed wap.pay request as a URL to the gateway, which shows its page.
    PaymentRequest phone = q;
    phone.order_no = "BS2612050000000002";
    phone.channel = PaymentChannel::Redirect;
    phone.return_url = "/?order=BS2612050000000002";
    s = pay->Begin(phone, &error);
    REQUIRE_MESSAGE(s, error);
    CHECK(s->redirect_url.rfind(alipay.url + "/gateway.do?", 0) == 0);
    CHECK(s->redirect_url.find("method=alipay.trade.wap.pay") != std::string::npos);
    httplib::Client browser(alipay.url);
    auto page = browser.Get(s->redirect_url.substr(alipay.url.size()));
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("id=pay") != std::string::npos);
    // A tampered request (another amount, same signature) shows Alipay's refusal, not a payment page.
    std::string tampered = s->redirect_url;
    size_t at = tampered.find("123.45");
    REQUIRE(at != std::string::npos);
    tampered.replace(at, 6, "1.23");
    auto refused_page = browser.Get(tampered.substr(alipay.url.size()));
    REQUIRE(refused_page);
    CHECK(refused_page->body.find("isv.invalid-signature") != std::string::npos);
    CHECK(alipay.fake->stats().bad_signatures == 1);

    // Query: nothing yet (never scanned), then paid.
    CHECK(pay->Query("BS2612059999999999", &error)->state == PaymentState::Unpaid);
    CHECK(pay->Query("BS2612050000000001", &error)->state == PaymentState::Unpaid);
    REQUIRE(alipay.Pay("BS2612050000000001", "王小明", ValidIdNumber(1))->status == 200);
    std::optional<PaymentStatus> st = pay->Query("BS2612050000000001", &error);
    REQUIRE_MESSAGE(st, error);
    CHECK(st->state == PaymentState::Paid);
    CHECK(st->amount == Money{12345});
    CHECK(st->transaction_id.size() == 28);
    CHECK_FALSE(pay->Begin(q, &error)); // paid: no second code
    CHECK(error.find("ACQ.TRADE_HAS_SUCCESS") != std::string::npos);

    // Close: a paid trade cannot be; an unpaid one is; one never made has nothing to close.
    CHECK_FALSE(pay->Close("BS2612050000000001", &error));
    CHECK(error.find("ACQ.TRADE_STATUS_ERROR") != std::string::npos);
    CHECK(pay->Close("BS2612050000000002", &error));
    CHECK(alipay.fake->TradeStatus("BS2612050000000002") == "TRADE_CLOSED");
    CHECK(pay->Close("BS2612059999999999", &error));

    // The customs declaration: the payer is the buyer (T), or not (F); a repeat answers as the first.
    DeclarationRequest d{"BS2612050000000001", st->transaction_id, Money{12345}, {}, {}, "王小明", ValidIdNumber(1)};
    std::optional<DeclarationResult> declared = pay->Declare(d, &error);
    REQUIRE_MESSAGE(declared, error);
    CHECK(declared->accepted);
    CHECK(declared->payer == PayerCheck::Same);
    CHECK(declared->pay_transaction_id == st->transaction_id);
    d.buyer_id_number = ValidIdNumber(2);
    CHECK(pay->Declare(d, &error)->payer == PayerCheck::Same);
    // More than was paid, or an unpaid trade: refused.
    DeclarationRequest more = d;
    more.order_no = "BS2612050000000001X";
    more.amount = Money{99999};
    declared = pay->Declare(more, &error);
    REQUIRE(declared);
    CHECK_FALSE(declared->accepted);
    CHECK(declared->message.find("ACQ.AMOUNT_EXCEED") != std::string::npos);

    // Refunds: partial, then the rest; more than was paid refused; the same number refunds once.
    RefundRequest r{"BS2612050000000001", st->transaction_id, "BS2612050000000001-C", Money{5000}, Money{12345}, "cancel"};
    std::optional<RefundStatus> refunded = pay->Refund(r, &error);
    REQUIRE_MESSAGE(refunded, error);
    CHECK(refunded->state == RefundState::Done);
    refunded = pay->Refund(r, &error); // again: no money moves (fund_change N), the query says it is done
    REQUIRE(refunded);
    CHECK(refunded->state == RefundState::Pending);
    CHECK(pay->QueryRefund(r, &error)->state == RefundState::Done);
    RefundRequest rest = r;
    rest.refund_no = "BS2612050000000001-R";
    rest.refund = Money{8000};
    CHECK_FALSE(pay->Refund(rest, &error));
    CHECK(error.find("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL") != std::string::npos);
    CHECK(pay->QueryRefund(rest, &error)->state == RefundState::Pending); // never made
    rest.refund = Money{7345};
    CHECK(pay->Refund(rest, &error)->state == RefundState::Done);
    CHECK(alipay.fake->TradeStatus("BS2612050000000001") == "TRADE_CLOSED");
    CHECK(alipay.fake->stats().refunds == 2);

    // An application key Alipay does not know: isv.invalid-signature, nothing made.
    AlipayConfig wrong = alipay.Config();
    WriteFile(alipay.dir.path + "/other-key.pem", NewRsaKeyPem());
    wrong.app_private_key_file = alipay.dir.path + "/other-key.pem";
    std::unique_ptr<Alipay> impostor = Alipay::Open(wrong, &error);
    REQUIRE(impostor);
    q.order_no = "BS2612050000000003";
    CHECK_FALSE(impostor->Begin(q, &error));
    CHECK(error.find("isv.invalid-signature") != std::string::npos);
    CHECK(alipay.fake->TradeStatus("BS2612050000000003").empty());

    // An answer not signed by Alipay (a man in the middle) is not believed.
    AlipayConfig other_alipay = alipay.Config();
    WriteFile(alipay.dir.path + "/other-public.pem", RsaKey::FromPem(NewRsaKeyPem(), &error)->PublicPem());
    other_alipay.alipay_public_key_file = alipay.dir.path + "/other-public.pem";
    std::unique_ptr<Alipay> fooled = Alipay::Open(other_alipay, &error);
    REQUIRE(fooled);
    CHECK_FALSE(fooled->Query("BS2612050000000001", &error));
    CHECK(error.find("not signed by Alipay") != std::string::npos);

    // A clock far from Alipay's: isv.invalid-timestamp.
    pay->clock = [] { return UnixNow() - 3600; };
    CHECK_FALSE(pay->Query("BS2612050000000001", &error));
    CHECK(error.find("isv.invalid-timestamp") != std::string::npos);
    pay->clock = nullptr;

    // Alipay down for a moment: the system error is an error, the next call works.
    REQUIRE(alipay.Control("fail_next=isp.unknow-error"));
    CHECK_FALSE(pay->Query("BS2612050000000001", &error));
    CHECK(error.find("20000") != std::string::npos);
    CHECK(pay->Query("BS2612050000000001", &error));
    // Too slow: the call gives up after timeout_ms and says so; asked again, the same code comes back.
    AlipayConfig hasty = alipay.Config();
    hasty.timeout_ms = 300;
    std::unique_ptr<Alipay> impatient = Alipay::Open(hasty, &error);
    REQUIRE(impatient);
    REQUIRE(alipay.Control("delay_ms=1500"));
    PaymentRequest slow = q;
    slow.order_no = "BS2612050000000004";
    CHECK_FALSE(impatient->Begin(slow, &error));
    CHECK(error.find("cannot be reached") != std::string::npos);
    REQUIRE(alipay.Control("delay_ms=0"));
    std::optional<PaymentStarted> again = impatient->Begin(slow, &error);
    REQUIRE_MESSAGE(again, error);
    CHECK(again->qr_code == pay->Begin(slow, &error)->qr_code);

    // Settings that cannot work stop the start.
    AlipayConfig missing = alipay.Config();
    missing.merchant_customs_code.clear();
    CHECK_FALSE(Alipay::Open(missing, &error));
    CHECK(error.find("merchant_customs_code") != std::string::npos);
    missing = alipay.Config();
    missing.app_private_key_file = alipay.dir.path + "/nowhere.pem";
    CHECK_FALSE(Alipay::Open(missing, &error));
}

TEST_CASE("paying through Alipay: QR code, notification, declaration with the buyer's identity, customs messages released, refunds")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        AlipayShop w(b);
        json health = json::parse(w.c.Get("/api/health")->body);
        CHECK(health["payment"] == "alipay");
        CHECK(health["payment_sandbox"] == false);

        PayableOrder o = PlacePayableOrder(w.c, w.shop, 1);
        auto start = w.c.Post("/api/orders/" + o.no + "/payment", o.secret, "", "application/json");
        REQUIRE(start);
        REQUIRE_MESSAGE(start->status == 200, start->body);
        json s = json::parse(start->body);
        CHECK(s["provider"] == "alipay");
        CHECK(s["qr_code"].get<std::string>().rfind("https://qr.alipay.com/", 0) == 0);

        // The shopper pays with their own Alipay (real-name: the buyer).
        REQUIRE(w.alipay.Pay(o.no, "王小明", ValidIdNumber(1))->status == 200);
        CHECK(Eventually([&] { return w.Payment("declaration", o.no) == "accepted"; }));
        CHECK(w.Status(o.no) == "paid");
        CHECK(w.Payment("payer_check", o.no) == "same");
        CHECK(w.Payment("provider", o.no) == "alipay");
        CHECK(w.Payment("pay_transaction_id", o.no) == w.Payment("transaction_id", o.no));
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + o.no + "' AND kind = 'order'") == "ready");
        AlipayFake::Stats st = w.alipay.fake->stats();
        CHECK(st.bad_signatures == 0);
        CHECK(st.declarations == 1);
        CHECK(st.notifications_sent == 1); // the store answered "success"

        // Alipay sends it again: accepted, nothing changes.
        int64_t events = b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + o.no + "'");
        REQUIRE(w.alipay.Control("replay=1"));
        CHECK(Eventually([&] { return w.alipay.fake->stats().notifications_sent == 2; }));
        CHECK(b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + o.no + "'") == events);
        CHECK(w.alipay.fake->stats().declarations == 1);

        // Cancelled before customs has it: refunded through Alipay.
        REQUIRE(w.c.Post("/api/orders/" + o.no + "/cancel", o.secret, "{}", "application/json")->status == 200);
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + o.no + "'") == "done"; }));
        CHECK(w.alipay.fake->TradeStatus(o.no) == "TRADE_CLOSED");
        CHECK(w.alipay.fake->stats().refunds == 1);
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + o.no + "' AND kind = 'order'") == "withdrawn");
        // Alipay's refund notification arrives too, and changes nothing more.
        CHECK(Eventually([&] { return w.alipay.fake->stats().notifications_sent == 3; }));
        CHECK(b.SqlInt("SELECT count(*) FROM refunds WHERE order_no = '" + o.no + "'") == 1);

        // A payer who is not the buyer: stopped before customs, the money goes back.
        PayableOrder other = PlacePayableOrder(w.c, w.shop, 2);
        REQUIRE(w.c.Post("/api/orders/" + other.no + "/payment", other.secret, "{\"channel\":\"qr\"}", "application/json")->status == 200);
        REQUIRE(w.alipay.Pay(other.no, "李四", ValidIdNumber(3))->status == 200);
        CHECK(Eventually([&] { return w.Status(other.no) == "cancelled"; }));
        CHECK(w.Payment("payer_check", other.no) == "different");
        CHECK(b.Sql("SELECT detail FROM order_events WHERE order_no = '" + other.no + "' AND status = 'cancelled'") == "payer_mismatch");
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + other.no + "'") == "done"; }));
        CHECK(w.alipay.fake->TradeStatus(other.no) == "TRADE_CLOSED");
        CHECK(w.c.Get("/api/orders/" + other.no, other.secret)->body.find("payer_mismatch") != std::string::npos);
    }
}

TEST_CASE("an Alipay notification that is forged, for another application, order or amount changes nothing")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        AlipayShop w(b);
        PayableOrder o = PlacePayableOrder(w.c, w.shop, 4);
        REQUIRE(w.c.Post("/api/orders/" + o.no + "/payment", o.secret, "", "application/json")->status == 200);
        AlipayParams n = {{"notify_time", AlipayTime(UnixNow())}, {"notify_type", "trade_status_sync"}, {"notify_id", "N-forged-1"},
                          {"app_id", w.alipay.options.app_id},    {"charset", "utf-8"},                 {"version", "1.0"},
                          {"sign_type", "RSA2"},                  {"trade_no", "2026000000000000000000000001"}, {"out_trade_no", o.no},
                          {"trade_status", "TRADE_SUCCESS"},      {"total_amount", FormatYuan(Money{w.shop.one_item_total})}};
        int64_t before = b.SqlInt("SELECT count(*) FROM payment_notifications");
        std::string genuine = w.alipay.Notification(n);

        // Signed, then changed (another amount in the same form).
        std::string changed = genuine;
        size_t at = changed.find("total_amount=");
        REQUIRE(at != std::string::npos);
        changed.replace(at, 13, "total_amount=1");
        auto r = w.Notify(changed);
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(r->body == "fail");
        // Signed by another key over the right content.
        {
            std::string error;
            std::unique_ptr<RsaKey> k = RsaKey::FromPem(NewRsaKeyPem(), &error);
            AlipayParams forged = n;
            forged["sign"] = k->SignSha256(AlipaySignContent(n, true)).value();
            CHECK(w.Notify(AlipayForm(forged))->status == 400);
        }
        // Another application's, properly signed.
        AlipayParams foreign = n;
        foreign["app_id"] = "2021000000009999";
        CHECK(w.Notify(w.alipay.Notification(foreign))->status == 400);
        // Another order: unknown here.
        AlipayParams unknown = n;
        unknown["out_trade_no"] = "BS2612059999999999";
        CHECK(w.Notify(w.alipay.Notification(unknown))->status == 400);
        // Another amount, properly signed.
        AlipayParams cheap = n;
        cheap["total_amount"] = "0.01";
        CHECK(w.Notify(w.alipay.Notification(cheap))->status == 400);
        // Not a form at all.
        CHECK(w.Notify("%%%")->status == 400);

        CHECK(w.Status(o.no) == "pending_payment");
        CHECK(b.SqlInt("SELECT count(*) FROM payment_notifications") == before);

        // The genuine one pays it (the declaration then fails: Alipay never saw this payment).
        r = w.Notify(genuine);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->body == "success");
        CHECK(w.Status(o.no) == "paid");
        CHECK(Eventually([&] { return w.Payment("declaration", o.no) != "due"; }));
        CHECK(w.Payment("declaration", o.no) == "failed");
        // And again: accepted, nothing more.
        int64_t events = b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + o.no + "'");
        CHECK(w.Notify(genuine)->body == "success");
        CHECK(b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + o.no + "'") == events);
    }
}

TEST_CASE("Alipay on a phone: the signed page, paid there, back to the order; expiry closes the trade; the provider down")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        AlipayShop w(b, {"--payment-timeout", "3", "--payment-query-after", "1"});
        PayableOrder o = PlacePayableOrder(w.c, w.shop, 5);
        auto start = w.c.Post("/api/orders/" + o.no + "/payment", o.secret, "{\"channel\":\"redirect\",\"return_url\":\"/?order=" + o.no + "\"}",
                              "application/json");
        REQUIRE(start);
        REQUIRE_MESSAGE(start->status == 200, start->body);
        std::string redirect = json::parse(start->body)["redirect_url"].get<std::string>();
        REQUIRE(redirect.rfind(w.alipay.url + "/gateway.do?", 0) == 0);
        // The phone opens Alipay's page, pays, and is sent back to the store with Alipay's signed return parameters.
        httplib::Client phone(w.alipay.url);
        auto page = phone.Get(redirect.substr(w.alipay.url.size()));
        REQUIRE(page);
        REQUIRE_MESSAGE(page->status == 200, page->body);
        std::string back = "http://127.0.0.1:" + std::to_string(w.port) + "/?order=" + o.no;
        auto paid = phone.Post("/fake/wap-pay", "out_trade_no=" + o.no + "&return_url=" + httplib::detail::encode_query_param(back) +
                                                    "&payer_name=" + httplib::detail::encode_query_param("王小明") + "&payer_id=" + ValidIdNumber(5),
                               "application/x-www-form-urlencoded");
        REQUIRE(paid);
        CHECK(paid->status == 302);
        CHECK(paid->get_header_value("Location").rfind(back + "&", 0) == 0);
        CHECK(paid->get_header_value("Location").find("method=alipay.trade.wap.pay.return") != std::string::npos);
        CHECK(Eventually([&] { return w.Payment("declaration", o.no) == "accepted"; }));
        CHECK(w.Status(o.no) == "paid");

        // Unpaid until its deadline: expired here and closed at Alipay.
        PayableOrder unpaid = PlacePayableOrder(w.c, w.shop, 7);
        REQUIRE(w.c.Post("/api/orders/" + unpaid.no + "/payment", unpaid.secret, "", "application/json")->status == 200);
        CHECK(Eventually([&] { return w.Status(unpaid.no) == "expired" && w.Payment("state", unpaid.no) == "closed"; }));
        CHECK(w.alipay.fake->TradeStatus(unpaid.no) == "TRADE_CLOSED");

        // Paid, but the notification never comes and the deadline passes: the store asks, and refunds.
        PayableOrder late = PlacePayableOrder(w.c, w.shop, 9);
        REQUIRE(w.c.Post("/api/orders/" + late.no + "/payment", late.secret, "", "application/json")->status == 200);
        REQUIRE(w.alipay.Control("hold=1"));
        REQUIRE(w.alipay.Pay(late.no, "王小明", ValidIdNumber(9))->status == 200);
        CHECK(Eventually([&] {
            std::string s = w.Status(late.no);
            return s == "paid" || b.Sql("SELECT state FROM refunds WHERE order_no = '" + late.no + "' AND reason = 'late_payment'") == "done";
        }));
        REQUIRE(w.alipay.Control("hold=0"));

        // The provider failing: 502, and the shopper may try again.
        PayableOrder down = PlacePayableOrder(w.c, w.shop, 8);
        REQUIRE(w.alipay.Control("fail_next=isp.unknow-error"));
        auto refused = w.c.Post("/api/orders/" + down.no + "/payment", down.secret, "", "application/json");
        REQUIRE(refused);
        CHECK(refused->status == 502);
        CHECK(json::parse(refused->body)["error"]["code"] == "payment_provider_unavailable");
        CHECK(w.c.Post("/api/orders/" + down.no + "/payment", down.secret, "", "application/json")->status == 200);
    }
}

TEST_CASE("Alipay's payment voucher (CEB411) reaches the single window and matches the store's order (CEB311)")
{
    Backend b = SqliteBackend();
    const std::string token = "receipt-token-0123456789abcdefghijklmnopqrstuvwxyz";
    std::string store = b.dir->path + "/store";
    std::filesystem::create_directories(store);
    std::string error;
    REQUIRE_MESSAGE(CreateSelfSignedSigningKey(store + "/signing-key.pem", store + "/signing-cert.pem", "payment test", &error), error);
    int port = FreePort(), sim_port = FreePort();
    FakeAlipay alipay("http://127.0.0.1:" + std::to_string(port) + "/api/payments/alipay/notify", "http://127.0.0.1:" + std::to_string(sim_port) + "/ceb");
    ServerProcess sim = ServerProcess::StartBinary(
        SimulatorBinary(), {"--port", std::to_string(sim_port), "--trusted-cert", store + "/signing-cert.pem", "--payment-cert",
                            alipay.options.customs_cert_file, "--require", "payment", "--ceb-xsd", CebXsdFile(), "--receipts-url",
                            "http://127.0.0.1:" + std::to_string(port) + "/api/single-window/receipts", "--receipt-delay-ms", "20"},
        {"BONDSTORE_RECEIPT_TOKEN=" + token});
    OrderShop shop(b, {"--port", std::to_string(port), "--payment", "alipay", "--alipay", alipay.AccountFile(), "--single-window",
                       sim.url + "/ceb", "--ceb-xsd", CebXsdFile(), "--relay-retry-ms", "50"},
                   {"BONDSTORE_RECEIPT_TOKEN=" + token});
    httplib::Client c(shop.server.url);
    PayableOrder o = PlacePayableOrder(c, shop, 11);
    REQUIRE(c.Post("/api/orders/" + o.no + "/payment", o.secret, "", "application/json")->status == 200);
    REQUIRE(alipay.Pay(o.no, "王小明", ValidIdNumber(11))->status == 200);

    httplib::Client s(sim.url);
    std::string voucher;
    CHECK(Eventually([&] {
        auto v = s.Get("/payments?order=" + o.no);
        if (v && v->status == 200) voucher = v->body;
        return !voucher.empty();
    }));
    std::string transaction = b.Sql("SELECT transaction_id FROM payments WHERE order_no = '" + o.no + "'");
    CHECK(voucher == "31222699S7 " + transaction + " " + std::to_string(shop.one_item_total) + "\n");
    CHECK(Eventually([&] { return b.Sql("SELECT status FROM orders WHERE order_no = '" + o.no + "'") == "released"; }));
    RunResult sent = Run(AdminBinary(), {"ceb", o.no, "--data-dir", store});
    REQUIRE(sent.exit_code == 0);
    CHECK(sent.out.find("<ceb:payCode>31222699S7</ceb:payCode>") != std::string::npos);
    CHECK(sent.out.find("<ceb:payName>支付宝(中国)网络技术有限公司</ceb:payName>") != std::string::npos);
    CHECK(sent.out.find("<ceb:payTransactionId>" + transaction + "</ceb:payTransactionId>") != std::string::npos);
    json stats = json::parse(s.Get("/stats")->body);
    CHECK(stats["payments"] == 1);
    CHECK(stats["invalid"] == 0);
}

TEST_CASE("Alipay configuration: --payment alipay needs its account; a bad account stops the start")
{
    TempDir dir;
    RunResult r = Run(ServerBinary(), {"--data-dir", dir.path, "--payment", "alipay"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--alipay FILE") != std::string::npos);
    WriteFile(dir.path + "/alipay.json", "{\"app_id\":\"2021\"}");
    r = Run(ServerBinary(), {"--data-dir", dir.path, "--port", "0", "--payment", "alipay", "--alipay", dir.path + "/alipay.json"});
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("app_private_key_file") != std::string::npos);
}
