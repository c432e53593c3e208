// AlipayFake: plays Alipay for the tests and the demo, speaking its published OpenAPI
// (../shared/payments/SPEC.md §3–§4) and checking what Alipay checks: every request's common
// parameters (app_id, method, charset, sign_type RSA2, version, a timestamp near its clock) and
// its RSA2 signature over the parameters as sent, with the application's public key; the fields
// and their limits; amounts against the trade; cumulative refunds; the customs declaration's
// registration, office and amount; and the payer's real-name identity against the declared buyer.
// Its answers are signed with its own key; its notifications are signed forms, retried until the
// store answers "success", as Alipay does.
//
// A phone is sent to GET /gateway.do with a signed alipay.trade.wap.pay request: the fake checks it
// as Alipay would and shows a page where the shopper pays (POST /fake/wap-pay), then goes back to
// the store's return_url with Alipay's signed return parameters. What a shopper does with the
// Alipay app is a control call: POST /fake/pay?out_trade_no=…&payer_name=…&payer_id=… pays a QR
// code's trade. Faults: POST /fake/control?fail_next=SUB_CODE (the next call answers 20000 with it),
// ?delay_ms=N, ?replay=1, ?hold=1|0, as WeChatPayFake. With a single window configured, each
// accepted declaration sends customs a CEB411. GET /fake/stats counts what it saw.
#pragma once

#include "server/customs/message_signer.h"
#include "server/payments/alipay_protocol.h"
#include "server/payments/payment_crypto.h"
#include "server/payments/payment_fake.h"

#include "core/wire/alipay_json.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace bondstore {

struct AlipayFakeOptions {
    std::string app_id = "2021000000000001";
    std::string app_public_key; // PEM: the application's public key, uploaded to Alipay
    std::string alipay_key;     // PEM, private: what the fake signs with
    bool allow_http_notify = false; // Alipay notifies only public URLs; the tests run on loopback http
    std::string single_window;      // customs' gateway: each accepted declaration sends a CEB411
    std::string customs_key_file, customs_cert_file;
    std::string platform_code = "5000960000", platform_name = "示例跨境电商平台";
};

class AlipayFake {
public:
    // An application for the fake in `dir`, made once and reused: the application's key pair, the
    // fake's key (its public half alipay-public.pem for the store), the payment company's customs
    // key and certificate, and the store's account file alipay.json (core/wire/alipay_json.h)
    // naming them, Alipay at `fake_url`/gateway.do and the store's notify URL.
    static bool MakeAccount(const std::string& dir, const std::string& fake_url, const std::string& notify_url, AlipayFakeOptions* options,
                            std::string* error);

    explicit AlipayFake(AlipayFakeOptions options);
    ~AlipayFake();
    bool Mount(httplib::Server& server, std::string* error);
    void Stop();

    std::string TradeStatus(const std::string& out_trade_no); // "" if there is no such trade

    using Stats = PaymentFakeStats;
    Stats stats();

private:
    struct Trade {
        std::string out_trade_no, subject, notify_url, product_code, status = "WAIT_BUYER_PAY", trade_no, paid_at;
        int64_t total_fen = 0, refunded_fen = 0, expires_at = 0;
        std::string payer_name, payer_id;
        std::map<std::string, int64_t> refunds; // out_request_no → fen
        std::map<std::string, std::string> declarations; // out_request_no → the first answer (a repeat gets it again)
    };
    using Answer = AlipayAnswer;

    void Gateway(const httplib::Request& req, httplib::Response& res);
    void WapPay(const httplib::Request& req, httplib::Response& res);
    // The request's parameters if they are a valid, signed request; otherwise answers the error.
    std::optional<AlipayParams> Checked(const httplib::Request& req, httplib::Response& res, const std::string& method_wanted);
    void Reply(httplib::Response& res, const std::string& method, const Answer& a, bool error_response = false);
    void Fail(httplib::Response& res, const std::string& method, const char* code, const char* msg, const std::string& sub_code,
              const std::string& sub_msg, bool error_response = false);
    // One method's work, under the lock: fills `a` or says the business failure.
    void Create(const AlipayParams& p, const std::string& method, httplib::Response& res);
    void Query(const AlipayParams& p, httplib::Response& res);
    void Close(const AlipayParams& p, httplib::Response& res);
    void Refund(const AlipayParams& p, httplib::Response& res);
    void QueryRefund(const AlipayParams& p, httplib::Response& res);
    void Declare(const AlipayParams& p, httplib::Response& res);
    std::string Declared(Trade& t, const AlipayDeclareContent& c); // the answer (caller holds mutex_); the voucher sent
    // The trade's checks for precreate and wap.pay; "" or the sub_code refused with (and `why`).
    std::string OpenTrade(const AlipayTradeContent& c, const std::string& notify_url, const std::string& method, std::string* why);
    Trade* Find(const std::string& out_trade_no, const std::string& trade_no); // caller holds mutex_
    std::string PayTrade(const std::string& out_trade_no, const std::string& payer_name, const std::string& payer_id); // caller holds mutex_
    void Notify(const Trade& t, const std::string& out_biz_no); // caller holds mutex_
    void Pay(const httplib::Request& req, httplib::Response& res);
    void Control(const httplib::Request& req, httplib::Response& res);

    AlipayFakeOptions o_;
    std::unique_ptr<RsaKey> app_key_, alipay_key_;
    std::unique_ptr<MessageSigner> customs_signer_;
    std::mutex mutex_; // everything below
    std::map<std::string, Trade> trades_;
    FakeFaults faults_;
    Stats stats_;
    FakeCourier courier_;
};

} // namespace bondstore
