// WeChatPayFake: plays WeChat Pay for the tests and the demo, speaking its published protocol
// (../shared/payments/SPEC.md §1–§2) and checking what WeChat Pay checks: every APIv3 request's
// Authorization (scheme, merchant, certificate serial, a fresh timestamp, SHA256withRSA over the
// request as sent, with the merchant's public key), the fields and their limits, amounts against
// the transaction, cumulative refunds, the APIv2 customs request's MD5 signature, and the payer's
// real-name identity against the declared buyer. Its answers are signed with its platform key;
// its notifications are signed and encrypted with the APIv3 key, and retried until the store
// answers 2xx, as WeChat Pay does.
//
// What a shopper does on a phone is a control call: POST /fake/pay?out_trade_no=…&payer_name=…
// &payer_id=… pays an order (as scanning its code and confirming would), with that payer's
// identity; GET /h5pay?prepay_id=…&redirect_url=… is the phone's page for the same, which sends
// the browser back to redirect_url. Faults: POST /fake/control?fail_next=CODE (the next API call answers 500 with CODE),
// ?delay_ms=N (every answer late), ?replay=1 (the last notification sent once more, unchanged),
// ?hold=1 / ?hold=0 (notifications kept back, as when the store cannot be reached, then let go).
// With a single window configured, each accepted declaration sends customs a CEB411.
// GET /fake/stats counts what it saw.
#pragma once

#include "server/customs/message_signer.h"
#include "server/payments/payment_crypto.h"
#include "server/payments/payment_fake.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace bondstore {

struct WeChatPayFakeOptions {
    std::string appid = "wx0000000000000001", mchid = "1900000001";
    std::string merchant_serial = "MERCHANT-SERIAL-0001";
    std::string merchant_public_key; // PEM (the merchant's public key or certificate)
    std::string platform_key;        // PEM, private: what the fake signs with
    std::string platform_serial = "PUB_KEY_ID_0000000000000000000000000001";
    std::string apiv3_key, apiv2_key; // 32 characters each
    // WeChat Pay only notifies https URLs; the tests and the demo run on loopback http.
    bool allow_http_notify = false;
    // Where h5_url points: WeChat Pay's own page (the adapter's tests), or the fake's page /h5pay
    // (URL/h5pay), where a browser plays the shopper paying on a phone (the demo, browser tests).
    std::string h5_page = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb";
    int refund_delay_ms = 200; // a refund is PROCESSING this long, then SUCCESS (and notified)
    // Customs: with a gateway URL, every declaration accepted is followed by the payment company's
    // CEB411, signed with its own key (customs-key.pem, customs-cert.pem in the account) and sent
    // in a DxpMsg, as Tenpay sends it. The platform's name is WeChat Pay's record of the merchant's
    // registration (its code is the declaration's mch_customs_no).
    std::string single_window;
    std::string customs_key_file, customs_cert_file;
    std::string platform_code = "5000960000", platform_name = "示例跨境电商平台";
};

class WeChatPayFake {
public:
    // A merchant account for the fake in `dir`, made once and reused: the merchant's key pair, the
    // fake's platform key, the APIv3 and APIv2 keys (files, mode 0600), and the store's account
    // file wechat-pay.json (core/wire/wechat_pay_json.h) naming them, WeChat Pay at `fake_url` and
    // the store's notify URL. Fills `options` to match. False (and `error`) if a file cannot be written.
    static bool MakeAccount(const std::string& dir, const std::string& fake_url, const std::string& notify_url,
                            WeChatPayFakeOptions* options, std::string* error);

    explicit WeChatPayFake(WeChatPayFakeOptions options);
    ~WeChatPayFake();
    // Mounts the routes on `server` (the caller listens); starts the notification sender.
    bool Mount(httplib::Server& server, std::string* error);
    void Stop();

    // A trade as the fake holds it (tests look): its state, and the payer's identity.
    std::string TradeState(const std::string& out_trade_no);

    using Stats = PaymentFakeStats;
    Stats stats();

private:
    struct Trade {
        std::string appid, description, notify_url, trade_type, time_expire;
        int64_t total_fen = 0, refunded_fen = 0, expires_at = 0;
        std::string state = "NOTPAY", transaction_id, success_time, attach;
        std::string payer_name, payer_id;
        std::string body; // the create request, to tell a repeat from a reuse of the number
        std::string declared_answer; // the first customs declaration's answer (a repeat gets the same)
    };
    struct RefundRecord {
        std::string out_trade_no, transaction_id, refund_id, notify_url, status = "PROCESSING";
        int64_t refund_fen = 0, total_fen = 0;
    };

    // APIv3: whether the request is signed by the merchant; answers 401 when not.
    bool Authorized(const httplib::Request& req, httplib::Response& res);
    bool Delay(httplib::Response& res); // applies delay_ms and fail_next; true if the call failed
    void Sign(httplib::Response& res, const std::string& body, int status, const char* content_type);
    void Error(httplib::Response& res, int status, const char* code, const std::string& message);
    void Create(const httplib::Request& req, httplib::Response& res, bool h5);
    void Query(const httplib::Request& req, httplib::Response& res);
    void Close(const httplib::Request& req, httplib::Response& res);
    void Refund(const httplib::Request& req, httplib::Response& res);
    void QueryRefund(const httplib::Request& req, httplib::Response& res);
    void Declare(const httplib::Request& req, httplib::Response& res);
    void Pay(const httplib::Request& req, httplib::Response& res);
    void H5Page(const httplib::Request& req, httplib::Response& res);
    // Pays a trade for a payer (caller holds mutex_); "" or why not.
    std::string PayTrade(const std::string& out_trade_no, const std::string& payer_name, const std::string& payer_id);
    void Control(const httplib::Request& req, httplib::Response& res);
    std::string TransactionJson(const std::string& out_trade_no, const Trade& t);
    std::string RefundJson(const std::string& out_refund_no, const RefundRecord& r);
    // A signed, encrypted notification to `url`, built once: a retry sends the same (id and body).
    void Notify(const std::string& url, const std::string& event_type, const std::string& original_type, const std::string& plaintext);
    void CompleteRefund(const std::string& out_refund_no); // PROCESSING → SUCCESS, notified

    WeChatPayFakeOptions o_;
    std::unique_ptr<RsaKey> merchant_key_, platform_key_;
    std::unique_ptr<MessageSigner> customs_signer_; // the CEB411's (when a single window is set)
    std::mutex mutex_; // everything below
    std::map<std::string, Trade> trades_;
    std::map<std::string, RefundRecord> refunds_;
    FakeFaults faults_;
    int64_t next_id_ = 1;
    Stats stats_;
    FakeCourier courier_; // notifications, vouchers, refunds completing
};

} // namespace bondstore
