// WeChat Pay: the published test vectors, the signing rules against an independent implementation
// (the openssl command), the adapter against the fake (which checks what WeChat Pay checks), and
// the store paying, declaring and refunding through it on both back ends.
#include "server/base/china_time.h"
#include "server/customs/message_signer.h"
#include "server/payments/payment_crypto.h"
#include "server/payments/wechat_pay.h"
#include "server/payments/wechat_pay_fake.h"
#include "server/payments/wechat_pay_protocol.h"
#include "tests/server/payment_fixture.h"

#include "core/wire/merchant_json.h"
#include "core/wire/wechat_pay_json.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <functional>
#include <thread>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

namespace {

void Spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// The fake WeChat Pay on a thread of this process.
struct FakeWeChat : LocalFake<WeChatPayFake, WeChatPayFakeOptions> {
    explicit FakeWeChat(const std::string& notify_url, int refund_delay_ms = 200, const std::string& single_window = "")
        : LocalFake(notify_url, [&](WeChatPayFakeOptions& o) {
              o.refund_delay_ms = refund_delay_ms;
              o.single_window = single_window;
          })
    {
    }
    std::string AccountFile() const { return dir.path + "/account/wechat-pay.json"; }
    // The adapter's settings for this account, read as the server reads them.
    WeChatPaySettings Settings() const
    {
        std::vector<Problem> problems;
        std::optional<WeChatPayConfig> c = ParseWeChatPayConfigJson(test::ReadFile(AccountFile()), &problems);
        REQUIRE(c);
        WeChatPaySettings s;
        static_cast<WeChatPayConfig&>(s) = *c;
        s.merchant_key_file = dir.path + "/account/merchant-key.pem";
        s.platform_key_file = dir.path + "/account/platform-public.pem";
        s.apiv3_key = options.apiv3_key;
        s.apiv2_key = options.apiv2_key;
        return s;
    }
    // A notification as WeChat Pay would send it, signed with the fake's platform key.
    httplib::Headers SignedHeaders(const std::string& body, int64_t at = 0) const
    {
        std::string error;
        std::unique_ptr<RsaKey> key = RsaKey::FromPem(options.platform_key, &error);
        std::string ts = std::to_string(at ? at : UnixNow()), nonce = "n0nce" + ts;
        return {{"Wechatpay-Timestamp", ts},
                {"Wechatpay-Nonce", nonce},
                {"Wechatpay-Serial", options.platform_serial},
                {"Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"},
                {"Wechatpay-Signature", key->SignSha256(WeChatAnswerMessage(ts, nonce, body)).value()}};
    }
    std::string Notification(const std::string& id, const WeChatTransaction& t) const
    {
        WeChatNotification n;
        n.id = id;
        n.create_time = WeChatTime(UnixNow());
        n.event_type = "TRANSACTION.SUCCESS";
        n.original_type = "transaction";
        n.associated_data = "transaction";
        n.nonce = "abcdef123456";
        n.ciphertext = AeadAes256GcmSeal(options.apiv3_key, n.nonce, n.associated_data, WeChatTransactionToJson(t)).value();
        return WeChatNotificationToJson(n);
    }
};

// A store paying through the fake WeChat Pay.
struct WeChatShop {
    int port = FreePort();
    std::string notify = "http://127.0.0.1:" + std::to_string(port) + "/api/payments/wechat/notify";
    FakeWeChat wechat;
    OrderShop shop;
    httplib::Client c;

    WeChatShop(Backend& b, std::vector<std::string> extra = {}, int refund_delay_ms = 200)
        : wechat(notify, refund_delay_ms), shop(b, Args(extra)), c(shop.server.url) {}
    std::vector<std::string> Args(std::vector<std::string> extra)
    {
        // The account as a real merchant's looks (the fake writes it as a demo account).
        std::vector<Problem> problems;
        std::optional<WeChatPayConfig> account = ParseWeChatPayConfigJson(test::ReadFile(wechat.AccountFile()), &problems);
        REQUIRE(account);
        CHECK(account->demo);
        account->demo = false;
        WriteFile(wechat.AccountFile(), WeChatPayConfigToJson(*account));
        for (const std::string& a : {std::string("--port"), std::to_string(port), std::string("--payment"), std::string("wechat"),
                                     std::string("--wechat-pay"), wechat.AccountFile()})
            extra.push_back(a);
        return extra;
    }
    // A new order of one item for buyer `n`: its number and secret header.
    std::pair<std::string, httplib::Headers> Order(int n)
    {
        PayableOrder o = PlacePayableOrder(c, shop, n);
        return {o.no, o.secret};
    }
    std::string Status(const std::string& no) { return shop.backend.Sql("SELECT status FROM orders WHERE order_no = '" + no + "'"); }
    std::string Payment(const std::string& column, const std::string& no)
    {
        return shop.backend.Sql("SELECT " + column + " FROM payments WHERE order_no = '" + no + "'");
    }
};

} // namespace

TEST_CASE("WeChat Pay's published vectors: APIv2 signature, AEAD_AES_256_GCM, the APIv3 message")
{
    // V1 [I5]: the official example of the APIv2 signature.
    WeChatV2Fields v1 = {{"appid", "wxd930ea5d5a258f4f"}, {"mch_id", "10000100"}, {"device_info", "1000"}, {"body", "test"},
                         {"nonce_str", "ibuaiVcKdpRxkhJA"}};
    CHECK(WeChatV2SignString(v1) == "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA");
    CHECK(WeChatV2Sign(v1, "192006250b4c09247ec02edce69f6a2d", "MD5") == "9A0A8659F005D6984697E2CA0A9CF3B7");
    CHECK(WeChatV2Sign(v1, "192006250b4c09247ec02edce69f6a2d", "HMAC-SHA256") ==
          "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6");
    // Empty values and `sign` itself are left out; a changed field no longer verifies.
    v1["sign"] = "9A0A8659F005D6984697E2CA0A9CF3B7";
    v1["attach"] = "";
    CHECK(WeChatV2Verify(v1, "192006250b4c09247ec02edce69f6a2d"));
    v1["body"] = "test2";
    CHECK_FALSE(WeChatV2Verify(v1, "192006250b4c09247ec02edce69f6a2d"));

    // V2 [J7]: decrypting a notification's resource.
    CHECK(AeadAes256GcmOpen("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", "uluk4a9R25RW", "associatedData", "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=") ==
          std::optional<std::string>("message"));
    CHECK_FALSE(AeadAes256GcmOpen("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", "uluk4a9R25RW", "associatedDatA", "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI="));
    CHECK_FALSE(AeadAes256GcmOpen("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", "uluk4a9R25RW", "associatedData", "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwA="));
    CHECK_FALSE(AeadAes256GcmOpen("short", "uluk4a9R25RW", "associatedData", "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI="));
    CHECK(AeadAes256GcmOpen("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", "uluk4a9R25RW", "x",
                            AeadAes256GcmSeal("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", "uluk4a9R25RW", "x", "{\"a\":1}").value()) ==
          std::optional<std::string>("{\"a\":1}"));

    // V3 [P1]: the string an APIv3 GET signs (an empty body is an empty last line).
    CHECK(WeChatRequestMessage("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242", "") ==
          "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n");
    CHECK(WeChatAnswerMessage("1554208460", "n", "{}") == "1554208460\nn\n{}\n");
}

TEST_CASE("SHA256withRSA is what the openssl command computes; the Authorization header; timestamps; APIv2 XML")
{
    TempDir dir;
    std::string pem = NewRsaKeyPem();
    Spit(dir.path + "/k.pem", pem);
    std::string text = "POST\n/v3/pay/transactions/native\n1700000000\nabc\n{\"appid\":\"wx\",\"描述\":\"中文\"}\n";
    Spit(dir.path + "/text", text);
    RunResult openssl = Run("/bin/sh", {"-c", "openssl dgst -sha256 -sign " + dir.path + "/k.pem " + dir.path + "/text | base64 -w0"});
    REQUIRE(openssl.exit_code == 0);
    std::string error;
    std::unique_ptr<RsaKey> key = RsaKey::FromPem(pem, &error);
    REQUIRE(key);
    CHECK(key->SignSha256(text) == std::optional<std::string>(openssl.out)); // PKCS#1 v1.5 is deterministic
    std::unique_ptr<RsaKey> pub = RsaKey::FromPem(key->PublicPem(), &error);
    REQUIRE(pub);
    CHECK_FALSE(pub->has_private());
    CHECK(pub->VerifySha256(text, openssl.out));
    CHECK_FALSE(pub->VerifySha256(text + " ", openssl.out));
    CHECK_FALSE(pub->VerifySha256(text, "not base64!"));
    CHECK_FALSE(pub->SignSha256(text));
    CHECK(key->DecryptPkcs1(pub->EncryptPkcs1("110101199003070011").value()) == std::optional<std::string>("110101199003070011"));
    CHECK_FALSE(RsaKey::FromPem("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n", &error));

    WeChatAuthorization a{"1900000001", "593BEC0C930BF1AFEB40B4A08C8FB242", "1554208460", "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB", "c2ln"};
    std::string header = WeChatAuthorizationHeader(a);
    CHECK(header.rfind("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",", 0) == 0);
    std::optional<WeChatAuthorization> back = ParseWeChatAuthorization(header);
    REQUIRE(back);
    CHECK(back->serial_no == a.serial_no);
    CHECK(back->signature == "c2ln");
    // Item order is free; each item once; all five; the scheme exact.
    CHECK(ParseWeChatAuthorization("WECHATPAY2-SHA256-RSA2048 signature=\"s\",serial_no=\"x\",timestamp=\"1\",nonce_str=\"n\",mchid=\"m\""));
    CHECK_FALSE(ParseWeChatAuthorization("WECHATPAY2-SHA256-RSA2048 mchid=\"m\",nonce_str=\"n\",timestamp=\"1\",serial_no=\"x\""));
    CHECK_FALSE(ParseWeChatAuthorization("WECHATPAY2-SHA256-RSA2048 mchid=\"m\",mchid=\"m\",nonce_str=\"n\",timestamp=\"1\",serial_no=\"x\",signature=\"s\""));
    CHECK_FALSE(ParseWeChatAuthorization("Bearer mchid=\"m\",nonce_str=\"n\",timestamp=\"1\",serial_no=\"x\",signature=\"s\""));

    CHECK(WeChatTimestampFresh("1000", 1299));
    CHECK_FALSE(WeChatTimestampFresh("1000", 1300));
    CHECK_FALSE(WeChatTimestampFresh("1301", 1000));
    CHECK_FALSE(WeChatTimestampFresh("1000x", 1000));
    CHECK_FALSE(WeChatTimestampFresh("", 1000));

    WeChatV2Fields f = {{"return_code", "SUCCESS"}, {"name", "王小明 <&> ]]> end"}};
    CHECK(ParseWeChatV2Xml(WeChatV2Xml(f)) == std::optional<WeChatV2Fields>(f));
    CHECK_FALSE(ParseWeChatV2Xml("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><a>&x;</a></xml>"));
    CHECK_FALSE(ParseWeChatV2Xml("<xml><a><b>1</b></a></xml>"));
    CHECK_FALSE(ParseWeChatV2Xml("<xml><a>1</a><a>2</a></xml>"));
    CHECK_FALSE(ParseWeChatV2Xml("<other><a>1</a></other>"));
    CHECK_FALSE(ParseWeChatV2Xml("<xml><a>1</a>"));
}

TEST_CASE("the WeChat Pay adapter against the fake: every call signed and verified, refusals as WeChat Pay answers them")
{
    FakeWeChat wechat("http://127.0.0.1:9/api/payments/wechat/notify"); // nobody listens: notifications fail and are retried
    std::string error;
    std::unique_ptr<WeChatPay> pay = WeChatPay::Open(wechat.Settings(), &error);
    REQUIRE_MESSAGE(pay, error);

    PaymentRequest q;
    q.order_no = "BS2612050000000001";
    q.amount = Money{12345};
    q.description = "Bondstore BS2612050000000001";
    q.expires_at = UnixNow() + 900;
    std::optional<PaymentStarted> started = pay->Begin(q, &error);
    REQUIRE_MESSAGE(started, error);
    CHECK(started->qr_code.rfind("weixin://wxpay/bizpayurl?pr=", 0) == 0);
    // The same order again gets a code; the same number with another amount is refused.
    CHECK(pay->Begin(q, &error));
    q.amount = Money{1};
    CHECK_FALSE(pay->Begin(q, &error));
    CHECK(error.find("INVALID_REQUEST") != std::string::npos);
    q.amount = Money{12345};

    q.channel = PaymentChannel::Redirect;
    q.order_no = "BS2612050000000002";
    q.client_ip = "203.0.113.7";
    q.return_url = "/#/order/BS2612050000000002";
    started = pay->Begin(q, &error);
    REQUIRE_MESSAGE(started, error);
    CHECK(started->redirect_url.rfind("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=", 0) == 0);
    CHECK(started->redirect_url.find("&redirect_url=http%3A%2F%2F127.0.0.1%3A9%2F%23%2Forder%2FBS2612050000000002") != std::string::npos);

    std::optional<PaymentStatus> st = pay->Query("BS2612050000000001", &error);
    REQUIRE_MESSAGE(st, error);
    CHECK(st->state == PaymentState::Unpaid);
    st = pay->Query("BS2612059999999999", &error); // never started: nothing to pay
    REQUIRE_MESSAGE(st, error);
    CHECK(st->state == PaymentState::Unpaid);

    // Paid by the shopper: the query says so; it cannot be closed any more.
    REQUIRE(wechat.Pay("BS2612050000000001", "王小明", ValidIdNumber(1))->status == 200);
    st = pay->Query("BS2612050000000001", &error);
    REQUIRE(st);
    CHECK(st->state == PaymentState::Paid);
    CHECK(st->amount == Money{12345});
    CHECK(st->transaction_id.size() == 28);
    CHECK_FALSE(pay->Close("BS2612050000000001", &error));
    CHECK(error.find("ORDERPAID") != std::string::npos);
    CHECK(pay->Close("BS2612050000000002", &error));
    CHECK(wechat.fake->TradeState("BS2612050000000002") == "CLOSED");
    CHECK(pay->Close("BS2612059999999999", &error)); // nothing there to close

    // The customs declaration: the payer is the buyer (SAME), or not (DIFFERENT).
    DeclarationRequest d{"BS2612050000000001", st->transaction_id, Money{12345}, {}, {}, "王小明", ValidIdNumber(1)};
    std::optional<DeclarationResult> declared = pay->Declare(d, &error);
    REQUIRE_MESSAGE(declared, error);
    CHECK(declared->accepted);
    CHECK(declared->payer == PayerCheck::Same);
    CHECK(declared->pay_transaction_id == st->transaction_id);
    d.buyer_id_number = ValidIdNumber(2);
    declared = pay->Declare(d, &error); // a repeat answers as the first did
    REQUIRE(declared);
    CHECK(declared->payer == PayerCheck::Same);

    // Refunds: partial, then the rest; more than was paid is refused; the same number refunds once.
    RefundRequest r{"BS2612050000000001", st->transaction_id, "BS2612050000000001-C", Money{5000}, Money{12345}, "cancel"};
    std::optional<RefundStatus> refunded = pay->Refund(r, &error);
    REQUIRE_MESSAGE(refunded, error);
    CHECK(refunded->state == RefundState::Pending);
    std::string refund_id = refunded->provider_refund_id;
    refunded = pay->Refund(r, &error);
    REQUIRE(refunded);
    CHECK(refunded->provider_refund_id == refund_id);
    r.refund_no = "BS2612050000000001-R";
    r.refund = Money{8000};
    CHECK_FALSE(pay->Refund(r, &error));
    CHECK(error.find("NOT_ENOUGH") != std::string::npos);
    r.refund = Money{7345};
    CHECK(pay->Refund(r, &error));
    CHECK(Eventually([&] {
        RefundRequest first = r;
        first.refund_no = "BS2612050000000001-C";
        std::optional<RefundStatus> s = pay->QueryRefund(first, &error);
        return s && s->state == RefundState::Done;
    }));
    CHECK(wechat.fake->TradeState("BS2612050000000001") == "REFUND");

    // A merchant key WeChat Pay does not know: 401, nothing created.
    WeChatPaySettings wrong = wechat.Settings();
    Spit(wechat.dir.path + "/other-key.pem", NewRsaKeyPem());
    wrong.merchant_key_file = wechat.dir.path + "/other-key.pem";
    std::unique_ptr<WeChatPay> impostor = WeChatPay::Open(wrong, &error);
    REQUIRE(impostor);
    q.order_no = "BS2612050000000003";
    q.channel = PaymentChannel::Qr;
    CHECK_FALSE(impostor->Begin(q, &error));
    CHECK(error.find("SIGN_ERROR") != std::string::npos);
    CHECK(wechat.fake->TradeState("BS2612050000000003").empty());
    // Answers not signed with the platform key WeChat Pay's serial names: not believed.
    WeChatPaySettings unsure = wechat.Settings();
    unsure.platform_key_file = wechat.dir.path + "/other-key.pem";
    std::unique_ptr<WeChatPay> doubter = WeChatPay::Open(unsure, &error);
    REQUIRE(doubter);
    CHECK_FALSE(doubter->Query("BS2612050000000001", &error));
    CHECK(error.find("not signed by WeChat Pay") != std::string::npos);
    // A declaration signed with another APIv2 key: refused by the provider.
    WeChatPaySettings v2 = wechat.Settings();
    v2.apiv2_key = std::string(32, 'x');
    std::unique_ptr<WeChatPay> stranger = WeChatPay::Open(v2, &error);
    REQUIRE(stranger);
    CHECK_FALSE(stranger->Declare(d, &error));
    CHECK(error.find("签名错误") != std::string::npos);
    // The provider failing: the call fails, nothing is assumed.
    REQUIRE(wechat.Control("fail_next=SYSTEM_ERROR"));
    CHECK_FALSE(pay->Query("BS2612050000000001", &error));
    CHECK(error.find("SYSTEM_ERROR") != std::string::npos);
    CHECK(wechat.fake->stats().bad_signatures == 2);
    // The provider too slow: the call gives up after timeout_ms and says so; nothing is assumed.
    WeChatPaySettings hasty = wechat.Settings();
    hasty.timeout_ms = 300;
    std::unique_ptr<WeChatPay> impatient = WeChatPay::Open(hasty, &error);
    REQUIRE(impatient);
    REQUIRE(wechat.Control("delay_ms=1500"));
    CHECK_FALSE(impatient->Query("BS2612050000000001", &error));
    CHECK(error.find("cannot be reached") != std::string::npos);
    REQUIRE(wechat.Control("delay_ms=0"));
    CHECK(impatient->Query("BS2612050000000001", &error));
}

TEST_CASE("paying through WeChat Pay: QR code, notification, declaration with the buyer's identity, customs messages released")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WeChatShop w(b);
        auto health = w.c.Get("/api/health");
        REQUIRE(health);
        CHECK(json::parse(health->body)["payment"] == "wechat");
        CHECK(json::parse(health->body)["payment_sandbox"] == false);

        const auto no_order = w.Order(1);
        const std::string no = no_order.first;
        const httplib::Headers secret = no_order.second;
        auto start = w.c.Post("/api/orders/" + no + "/payment", secret, "", "application/json");
        REQUIRE(start);
        REQUIRE_MESSAGE(start->status == 200, start->body);
        json s = json::parse(start->body);
        CHECK(s["provider"] == "wechat");
        CHECK(s["sandbox"] == false);
        CHECK(s["qr_code"].get<std::string>().rfind("weixin://wxpay/bizpayurl?pr=", 0) == 0);
        CHECK_FALSE(s.contains("notification"));
        CHECK(w.Payment("state", no) == "started");

        // The shopper pays with their own WeChat (real-name: the buyer).
        REQUIRE(w.wechat.Pay(no, "王小明", ValidIdNumber(1))->status == 200);
        CHECK(Eventually([&] { return w.Payment("declaration", no) == "accepted"; }));
        CHECK(w.Status(no) == "paid");
        CHECK(w.Payment("payer_check", no) == "same");
        CHECK(w.Payment("length(transaction_id)", no) == "28");
        CHECK(w.Payment("pay_transaction_id", no) == w.Payment("transaction_id", no));
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + no + "' AND kind = 'order'") == "ready");
        CHECK(b.Sql("SELECT detail FROM order_events WHERE order_no = '" + no + "' AND status = 'paid'") ==
              "wechat " + w.Payment("transaction_id", no));
        WeChatPayFake::Stats st = w.wechat.fake->stats();
        CHECK(st.bad_signatures == 0);
        CHECK(st.declarations == 1);
        CHECK(st.notifications_sent == 1);

        // WeChat Pay sends it again (a lost answer): accepted, nothing changes.
        int64_t events = b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + no + "'");
        REQUIRE(w.wechat.Control("replay=1"));
        CHECK(Eventually([&] { return w.wechat.fake->stats().notifications_sent == 2; }));
        CHECK(b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + no + "'") == events);
        CHECK(w.wechat.fake->stats().declarations == 1);

        // Cancelled before customs has it: refunded through WeChat Pay, due until it confirms.
        auto cancel = w.c.Post("/api/orders/" + no + "/cancel", secret, "{}", "application/json");
        REQUIRE(cancel);
        CHECK(cancel->status == 200);
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "'") == "done"; }));
        CHECK(b.Sql("SELECT refund_no FROM refunds WHERE order_no = '" + no + "'") == no + "-C");
        CHECK(w.wechat.fake->TradeState(no) == "REFUND");
        CHECK(w.wechat.fake->stats().refunds == 1);
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + no + "' AND kind = 'order'") == "withdrawn");
    }
}

TEST_CASE("a payer who is not the buyer: the order stops before customs and the money goes back")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WeChatShop w(b);
        const auto no_order = w.Order(2);
        const std::string no = no_order.first;
        const httplib::Headers secret = no_order.second;
        REQUIRE(w.c.Post("/api/orders/" + no + "/payment", secret, "{\"channel\":\"qr\"}", "application/json")->status == 200);
        REQUIRE(w.wechat.Pay(no, "李四", ValidIdNumber(3))->status == 200);
        CHECK(Eventually([&] { return w.Status(no) == "cancelled"; }));
        CHECK(w.Payment("payer_check", no) == "different");
        CHECK(b.Sql("SELECT detail FROM order_events WHERE order_no = '" + no + "' AND status = 'cancelled'") == "payer_mismatch");
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + no + "' AND kind = 'order'") == "withdrawn");
        CHECK(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "'") == "done"; }));
        CHECK(w.wechat.fake->TradeState(no) == "REFUND");
        // The shopper sees why.
        auto seen = w.c.Get("/api/orders/" + no, secret);
        REQUIRE(seen);
        CHECK(seen->body.find("payer_mismatch") != std::string::npos);
        // The merchant sees the refund, done; another merchant sees none of it.
        auto refunds = w.c.Get("/api/merchant/refunds", {{"Authorization", "Bearer " + MerchantToken(b, "demo")}});
        REQUIRE(refunds);
        REQUIRE(refunds->status == 200);
        std::optional<RefundList> list = ParseRefundListJson(refunds->body);
        REQUIRE(list);
        REQUIRE(list->refunds.size() == 1);
        CHECK(list->refunds[0].order_no == no);
        CHECK(list->refunds[0].reason == "cancel");
        CHECK(list->refunds[0].state == "done");
        CHECK(list->refunds[0].provider == "wechat");
        CHECK(list->done == Money{w.shop.one_item_total});
        CHECK(list->due == Money{});
        auto others = w.c.Get("/api/merchant/refunds", {{"Authorization", "Bearer " + MerchantToken(b, "other")}});
        REQUIRE(others);
        CHECK(ParseRefundListJson(others->body)->refunds.empty());
        CHECK(w.c.Get("/api/merchant/refunds")->status == 401);
    }
}

TEST_CASE("a WeChat Pay notification that is forged, stale, for another order or another amount changes nothing")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WeChatShop w(b);
        const auto no_order = w.Order(4);
        const std::string no = no_order.first;
        const httplib::Headers secret = no_order.second;
        REQUIRE(w.c.Post("/api/orders/" + no + "/payment", secret, "", "application/json")->status == 200);
        WeChatTransaction t;
        t.appid = w.wechat.options.appid;
        t.mchid = w.wechat.options.mchid;
        t.out_trade_no = no;
        t.transaction_id = "4200000000000000000000000001";
        t.trade_type = "NATIVE";
        t.trade_state = "SUCCESS";
        t.total = Money{w.shop.one_item_total};
        t.payer_total = t.total;
        auto post = [&](const std::string& body, httplib::Headers h) { return w.c.Post("/api/payments/wechat/notify", h, body, "application/json"); };
        int64_t before = b.SqlInt("SELECT count(*) FROM payment_notifications");

        std::string body = w.wechat.Notification("EV-forged-1", t);
        httplib::Headers h = w.wechat.SignedHeaders(body);
        // A signature over other bytes.
        auto r = post(body + " ", h);
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(json::parse(r->body)["code"] == "FAIL");
        // Signed by someone else's key, over the right bytes.
        {
            std::string error;
            std::unique_ptr<RsaKey> k = RsaKey::FromPem(NewRsaKeyPem(), &error);
            httplib::Headers forged = h;
            std::string ts = h.find("Wechatpay-Timestamp")->second, nonce = h.find("Wechatpay-Nonce")->second;
            for (auto& [name, value] : forged)
                if (name == "Wechatpay-Signature") value = k->SignSha256(WeChatAnswerMessage(ts, nonce, body)).value();
            CHECK(post(body, forged)->status == 400);
        }
        // Stale (ten minutes old): a captured notification replayed later.
        CHECK(post(body, w.wechat.SignedHeaders(body, UnixNow() - 600))->status == 400);
        // Another order: unknown here.
        WeChatTransaction other = t;
        other.out_trade_no = "BS2612059999999999";
        std::string unknown = w.wechat.Notification("EV-unknown-1", other);
        CHECK(post(unknown, w.wechat.SignedHeaders(unknown))->status == 400);
        // Another amount.
        WeChatTransaction less = t;
        less.total = Money{1};
        std::string cheap = w.wechat.Notification("EV-cheap-1", less);
        CHECK(post(cheap, w.wechat.SignedHeaders(cheap))->status == 400);
        // Another merchant's transaction, properly signed.
        WeChatTransaction foreign = t;
        foreign.mchid = "1900000999";
        std::string theirs = w.wechat.Notification("EV-foreign-1", foreign);
        CHECK(post(theirs, w.wechat.SignedHeaders(theirs))->status == 400);

        CHECK(w.Status(no) == "pending_payment");
        CHECK(w.Payment("state", no) == "started");
        CHECK(b.SqlInt("SELECT count(*) FROM payment_notifications") == before);

        // The genuine one pays it (the declaration then fails: WeChat Pay never saw this payment).
        r = post(body, h);
        REQUIRE(r);
        CHECK(r->status == 204);
        CHECK(w.Status(no) == "paid");
        CHECK(Eventually([&] { return w.Payment("declaration", no) != "due"; }));
        CHECK(w.Payment("declaration", no) == "failed");
        CHECK(b.Sql("SELECT state FROM outbox WHERE order_no = '" + no + "' AND kind = 'order'") == "awaiting_declaration");
        // And again, the same notification: accepted, nothing more.
        int64_t events = b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + no + "'");
        CHECK(post(body, w.wechat.SignedHeaders(body))->status == 204);
        CHECK(b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + no + "'") == events);
    }
}

TEST_CASE("WeChat Pay on a phone, a lost notification, expiry closing the payment, money after expiry refunded, the provider down")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WeChatShop w(b, {"--payment-timeout", "3", "--payment-query-after", "1"});

        // A phone: the provider's page, which sends it back to the order afterwards.
        const auto no_order = w.Order(5);
        const std::string no = no_order.first;
        const httplib::Headers secret = no_order.second;
        auto start = w.c.Post("/api/orders/" + no + "/payment", secret, "{\"channel\":\"redirect\",\"return_url\":\"/#/order/" + no + "\"}",
                              "application/json");
        REQUIRE(start);
        REQUIRE_MESSAGE(start->status == 200, start->body);
        std::string redirect = json::parse(start->body)["redirect_url"].get<std::string>();
        CHECK(redirect.rfind("https://wx.tenpay.com/", 0) == 0);
        CHECK(redirect.find("redirect_url=http%3A%2F%2F127.0.0.1%3A" + std::to_string(w.port) + "%2F%23%2Forder%2F" + no) != std::string::npos);
        CHECK(w.Payment("channel", no) == "redirect");
        // Another site as the way back is refused.
        CHECK(w.c.Post("/api/orders/" + no + "/payment", secret, "{\"channel\":\"redirect\",\"return_url\":\"https://evil.example/\"}",
                       "application/json")->status == 400);
        CHECK(w.c.Post("/api/orders/" + no + "/payment", secret, "{\"channel\":\"card\"}", "application/json")->status == 400);

        // The notification never comes (the store unreachable): the store asks, and is paid.
        REQUIRE(w.wechat.Control("hold=1"));
        REQUIRE(w.wechat.Pay(no, "王小明", ValidIdNumber(5))->status == 200);
        CHECK(Eventually([&] { return w.Payment("declaration", no) == "accepted"; }));
        CHECK(w.Status(no) == "paid");

        // Unpaid until its deadline: expired here and closed at WeChat Pay.
        const auto late_order = w.Order(6);
        const std::string late = late_order.first;
        const httplib::Headers late_secret = late_order.second;
        REQUIRE(w.c.Post("/api/orders/" + late + "/payment", late_secret, "", "application/json")->status == 200);
        const auto unpaid_order = w.Order(7);
        const std::string unpaid = unpaid_order.first;
        const httplib::Headers unpaid_secret = unpaid_order.second;
        REQUIRE(w.c.Post("/api/orders/" + unpaid + "/payment", unpaid_secret, "", "application/json")->status == 200);
        // The shopper pays one of them at the last moment; its notification is held back.
        REQUIRE(w.wechat.Pay(late, "王小明", ValidIdNumber(6))->status == 200);
        REQUIRE(w.wechat.Control("hold=1"));
        CHECK(Eventually([&] { return w.Status(unpaid) == "expired" && w.Payment("state", unpaid) == "closed"; }));
        CHECK(w.wechat.fake->TradeState(unpaid) == "CLOSED");
        // The paid one: either paid in time (the query) or, if it expired first, refunded.
        CHECK(Eventually([&] {
            std::string s = w.Status(late);
            return s == "paid" || b.Sql("SELECT state FROM refunds WHERE order_no = '" + late + "' AND reason = 'late_payment'") == "done";
        }));
        REQUIRE(w.wechat.Control("hold=0"));

        // The provider failing: 502, and the shopper may try again.
        const auto down_order = w.Order(8);
        const std::string down = down_order.first;
        const httplib::Headers down_secret = down_order.second;
        REQUIRE(w.wechat.Control("fail_next=SYSTEM_ERROR"));
        auto refused = w.c.Post("/api/orders/" + down + "/payment", down_secret, "", "application/json");
        REQUIRE(refused);
        CHECK(refused->status == 502);
        CHECK(json::parse(refused->body)["error"]["code"] == "payment_provider_unavailable");
        CHECK(w.c.Post("/api/orders/" + down + "/payment", down_secret, "", "application/json")->status == 200);
    }
}

TEST_CASE("money for an order that expired unpaid is refunded automatically")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WeChatShop w(b, {"--payment-timeout", "2"});
        const auto no_order = w.Order(9);
        const std::string no = no_order.first;
        const httplib::Headers secret = no_order.second;
        REQUIRE(w.c.Post("/api/orders/" + no + "/payment", secret, "", "application/json")->status == 200);
        // WeChat Pay takes the money but cannot tell the store, and the store's deadline passes first.
        REQUIRE(w.wechat.Control("hold=1"));
        REQUIRE(w.wechat.Pay(no, "王小明", ValidIdNumber(9))->status == 200);
        CHECK(Eventually([&] { return w.Status(no) == "expired"; }));
        // Closing it fails (paid), the store asks, and the money goes back.
        CHECK_MESSAGE(Eventually([&] { return b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "' AND reason = 'late_payment'") == "done"; }),
                      w.shop.server.Stderr());
        CHECK(w.Payment("state", no) == "late");
        CHECK(w.wechat.fake->TradeState(no) == "REFUND");
        // The notification arriving at last changes nothing.
        REQUIRE(w.wechat.Control("hold=0"));
        CHECK(Eventually([&] { return w.wechat.fake->stats().notifications_sent >= 1; }));
        CHECK(w.Status(no) == "expired");
        CHECK(b.SqlInt("SELECT count(*) FROM refunds WHERE order_no = '" + no + "'") == 1);
    }
}

TEST_CASE("payment configuration: none means unavailable, the sandbox says so, a bad WeChat Pay account stops the start")
{
    Backend b = SqliteBackend();
    {
        OrderShop shop(b, {"--payment", "none"});
        httplib::Client c(shop.server.url);
        auto r = PlaceOrder(c, "k-none", OrderBody({{"T-000", 1}}, 1, shop.one_item_total));
        REQUIRE(r);
        REQUIRE(r->status == 201);
        json o = json::parse(r->body);
        auto pay = c.Post("/api/orders/" + o["order_no"].get<std::string>() + "/payment", {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}, "",
                          "application/json");
        REQUIRE(pay);
        CHECK(pay->status == 503);
        CHECK(json::parse(pay->body)["error"]["code"] == "payment_unavailable");
        CHECK(c.Post("/api/payments/sandbox/notify", "{}", "application/json")->status == 404);
        CHECK(json::parse(c.Get("/api/health")->body)["payment"] == "");
        CHECK(shop.server.Stderr().find("payment: none configured") != std::string::npos);
    }
    {
        Backend s = SqliteBackend();
        OrderShop shop(s); // the tests' default: the sandbox
        httplib::Client c(shop.server.url);
        json h = json::parse(c.Get("/api/health")->body);
        CHECK(h["payment"] == "sandbox");
        CHECK(h["payment_sandbox"] == true);
        CHECK(shop.server.Stderr().find("payment: SANDBOX") != std::string::npos);
    }
    TempDir dir;
    RunResult r = Run(ServerBinary(), {"--data-dir", dir.path, "--payment", "wechat"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--wechat-pay FILE") != std::string::npos);
    r = Run(ServerBinary(), {"--data-dir", dir.path, "--payment", "paypal"});
    CHECK(r.exit_code == 2);
    Spit(dir.path + "/wechat-pay.json", "{\"appid\":\"wx1\"}");
    r = Run(ServerBinary(), {"--data-dir", dir.path, "--port", "0", "--payment", "wechat", "--wechat-pay", dir.path + "/wechat-pay.json"});
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("mchid") != std::string::npos);
}

TEST_CASE("WeChat Pay's payment voucher (CEB411) reaches the single window and matches the store's order (CEB311)")
{
    Backend b = SqliteBackend();
    const std::string token = "receipt-token-0123456789abcdefghijklmnopqrstuvwxyz";
    std::string store = b.dir->path + "/store";
    std::filesystem::create_directories(store);
    std::string error;
    REQUIRE_MESSAGE(CreateSelfSignedSigningKey(store + "/signing-key.pem", store + "/signing-cert.pem", "payment test", &error), error);
    int port = FreePort(), sim_port = FreePort();
    FakeWeChat wechat("http://127.0.0.1:" + std::to_string(port) + "/api/payments/wechat/notify", 200,
                      "http://127.0.0.1:" + std::to_string(sim_port) + "/ceb");
    ServerProcess sim = ServerProcess::StartBinary(
        SimulatorBinary(), {"--port", std::to_string(sim_port), "--trusted-cert", store + "/signing-cert.pem", "--payment-cert",
                            wechat.options.customs_cert_file, "--require", "payment", "--ceb-xsd", CebXsdFile(), "--receipts-url",
                            "http://127.0.0.1:" + std::to_string(port) + "/api/single-window/receipts", "--receipt-delay-ms", "20"},
        {"BONDSTORE_RECEIPT_TOKEN=" + token});
    OrderShop shop(b, {"--port", std::to_string(port), "--payment", "wechat", "--wechat-pay", wechat.AccountFile(), "--single-window",
                       sim.url + "/ceb", "--ceb-xsd", CebXsdFile(), "--relay-retry-ms", "50"},
                   {"BONDSTORE_RECEIPT_TOKEN=" + token});
    httplib::Client c(shop.server.url);
    auto r = PlaceOrder(c, "voucher-1", OrderBody({{"T-001", 1}}, 11, shop.one_item_total));
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    json o = json::parse(r->body);
    std::string no = o["order_no"].get<std::string>();
    REQUIRE(c.Post("/api/orders/" + no + "/payment", {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}, "", "application/json")->status == 200);
    REQUIRE(wechat.Pay(no, "王小明", ValidIdNumber(11))->status == 200);

    // WeChat Pay's voucher and the store's order both reach customs, and agree.
    httplib::Client s(sim.url);
    std::string voucher;
    CHECK(Eventually([&] {
        auto v = s.Get("/payments?order=" + no);
        if (v && v->status == 200) voucher = v->body;
        return !voucher.empty();
    }));
    std::string transaction = b.Sql("SELECT transaction_id FROM payments WHERE order_no = '" + no + "'");
    CHECK(voucher == "4403169D3W " + transaction + " " + std::to_string(shop.one_item_total) + "\n");
    CHECK(Eventually([&] { return b.Sql("SELECT status FROM orders WHERE order_no = '" + no + "'") == "released"; }));
    RunResult sent = Run(AdminBinary(), {"ceb", no, "--data-dir", store});
    REQUIRE(sent.exit_code == 0);
    CHECK(sent.out.find("<ceb:payCode>4403169D3W</ceb:payCode>") != std::string::npos);
    CHECK(sent.out.find("<ceb:payName>财付通支付科技有限公司</ceb:payName>") != std::string::npos);
    CHECK(sent.out.find("<ceb:payTransactionId>" + transaction + "</ceb:payTransactionId>") != std::string::npos);
    CHECK(sent.out.find("<ceb:orderNo>" + no + "</ceb:orderNo>") != std::string::npos);
    CHECK(sent.out.find("<ceb:ebpCode>500096000T</ceb:ebpCode>") != std::string::npos);
    json stats = json::parse(s.Get("/stats")->body);
    CHECK(stats["payments"] == 1);
    CHECK(stats["invalid"] == 0);
    CHECK(wechat.fake->stats().vouchers_sent == 1);
}
