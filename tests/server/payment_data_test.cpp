// Customs' side of announcement 179 as the simulator plays it (server/customs/payment_data_grab.h):
// it refuses what customs refuses — a certificate it does not know, a signature that does not
// verify, data that disagrees with the payment company's record, a session already answered —
// so the store's upload (tested end to end in clearance_test.cpp) is held to what customs checks.
#include <doctest/doctest.h>

#include "server/customs/message_signer.h"
#include "server/customs/payment_data_grab.h"
#include "tests/server/server_process.h"

#include <httplib.h>

#include <chrono>
#include <functional>
#include <thread>
#include <vector>

using namespace bondstore;
using namespace bondstore::test;

namespace {

PaymentDataUpload UploadFor(const std::string& session, const PaymentDataExpected& e, const MessageSigner& signer)
{
    PaymentDataUpload u;
    u.session_id = session;
    u.head.guid = "0D2B3A1E-2F5C-4B7A-9C1D-3E4F5A6B7C8D";
    u.head.inital_request = "{\"out_trade_no\":\"" + e.order_no + "\"}";
    u.head.inital_response = "{\"trade_state\":\"SUCCESS\"}";
    u.head.ebp_code = e.ebp_code;
    u.head.pay_code = e.pay_code;
    u.head.pay_transaction_id = e.pay_transaction_id;
    u.head.total_amount = Money{e.amount_fen};
    u.head.trading_time = "20261205101500";
    u.orders.push_back({e.order_no, {{"奶粉", "http://127.0.0.1/?cart=T-001*1"}}, "5000960002", "5000960002", "示例商贸"});
    u.service_time_ms = "1764900900000";
    u.cert_no = signer.certificate_serial();
    std::string error;
    u.sign_value = signer.SignText(PaymentDataSignText(u), &error).value_or("");
    return u;
}

std::string Form(const PaymentDataUpload& u) { return "payExInfoStr=" + httplib::detail::encode_query_param(PaymentDataUploadToJson(u)); }

} // namespace

TEST_CASE("customs' checks of a payment-data upload: its certificate, its signature, the payment company's record, one upload a session")
{
    TempDir dir;
    std::string error;
    REQUIRE(CreateSelfSignedSigningKey(dir.path + "/k.pem", dir.path + "/c.pem", "platform", &error));
    REQUIRE(CreateSelfSignedSigningKey(dir.path + "/other-k.pem", dir.path + "/other-c.pem", "someone else", &error));
    std::unique_ptr<MessageSigner> platform = OpenKeySigner(dir.path + "/k.pem", dir.path + "/c.pem", "0001", &error);
    std::unique_ptr<MessageSigner> other = OpenKeySigner(dir.path + "/other-k.pem", dir.path + "/other-c.pem", "0001", &error);
    REQUIRE(platform);
    REQUIRE(other);
    CHECK(platform->certificate_serial() == CertificateSerialHex(ReadFile(dir.path + "/c.pem")));

    // The platform's platDataOpen, answering 10000 to every ask.
    httplib::Server plat;
    plat.Post("/open", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"code":"10000","message":"","serviceTime":1})", "application/json");
    });
    int port = plat.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { plat.listen_after_bind(); });
    while (!plat.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    PaymentDataGrab grab;
    REQUIRE_MESSAGE(grab.Init("http://127.0.0.1:" + std::to_string(port) + "/open", dir.path + "/c.pem", &error), error);
    PaymentDataExpected e{"BS20261205001", "5000960001", "4403169D3W", "4200000001", 12345};
    auto open = [&] {
        PaymentDataGrab::Asked a = grab.Ask(e, 1764900900000);
        REQUIRE(a.accepted);
        return a.session_id;
    };
    auto code = [&](const PaymentDataUpload& u) {
        PaymentDataReply r = grab.Receive(Form(u), 1764900901000);
        return r.code + " " + r.message;
    };

    // As it should be: verified; the same session again is refused.
    std::string s = open();
    PaymentDataUpload good = UploadFor(s, e, *platform);
    CHECK(code(good) == "10000 上传成功");
    CHECK(grab.Outcome(s) == "verified");
    CHECK(code(good).rfind("20000 sessionID", 0) == 0);

    // Signed with a certificate customs does not know: 20004.
    s = open();
    CHECK(code(UploadFor(s, e, *other)).rfind("20004 ", 0) == 0);
    // The platform's certificate named, but another key signed: the signature fails.
    s = open();
    PaymentDataUpload forged = UploadFor(s, e, *other);
    forged.cert_no = platform->certificate_serial();
    CHECK(code(forged).rfind("20000 验签失败", 0) == 0);
    // Signed, then changed: the signature fails.
    s = open();
    PaymentDataUpload changed = UploadFor(s, e, *platform);
    changed.head.total_amount = Money{12346};
    CHECK(code(changed).rfind("20000 验签失败", 0) == 0);
    // Signed as sent, but disagreeing with the payment company's record.
    for (auto change : std::vector<std::function<void(PaymentDataExpected&)>>{
             [](PaymentDataExpected& x) { x.amount_fen = 12000; }, [](PaymentDataExpected& x) { x.pay_transaction_id = "4200000002"; },
             [](PaymentDataExpected& x) { x.pay_code = "312226T001"; }, [](PaymentDataExpected& x) { x.order_no = "BS-OTHER"; },
             [](PaymentDataExpected& x) { x.ebp_code = "5000960009"; }}) {
        s = open();
        PaymentDataExpected told = e;
        change(told);
        CHECK(code(UploadFor(s, told, *platform)).rfind("20000 ", 0) == 0);
        CHECK(grab.Outcome(s).rfind("refused: ", 0) == 0);
    }
    // Raw data missing.
    s = open();
    PaymentDataUpload empty = UploadFor(s, e, *platform);
    empty.head.inital_response.clear();
    std::string error2;
    empty.sign_value = platform->SignText(PaymentDataSignText(empty), &error2).value_or("");
    CHECK(code(empty).rfind("20000 原始请求或原始响应为空", 0) == 0);
    // A session customs never opened; not an upload at all.
    CHECK(code(UploadFor("S-never", e, *platform)).rfind("20000 sessionID", 0) == 0);
    CHECK(grab.Receive("payExInfoStr=%7B", 1).code == "20000");
    CHECK(grab.Receive("x=1", 1).code == "20000");
    CHECK(grab.Stats() == R"({"asked":10,"verified":1,"refused":9})");

    plat.stop();
    serving.join();
}
