#include "server/payments/wechat_pay.h"
#include "server/operations/event_log.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/payments/wechat_pay_protocol.h"

#include "core/base/problem.h"
#include "core/wire/wechat_pay_json.h"

#include <httplib.h>

#include <chrono>

namespace bondstore {

namespace {

constexpr const char* kNotFound = "ORDER_NOT_EXIST";

// The payment as WeChat Pay's trade_state says [J5].
PaymentState StateOf(const std::string& trade_state)
{
    if (trade_state == "SUCCESS") return PaymentState::Paid;
    if (trade_state == "REFUND") return PaymentState::Refunded;
    if (trade_state == "CLOSED" || trade_state == "REVOKED") return PaymentState::Closed;
    if (trade_state == "PAYERROR") return PaymentState::Failed;
    return PaymentState::Unpaid; // NOTPAY, USERPAYING, ACCEPT
}

RefundState RefundStateOf(const std::string& status)
{
    if (status == "SUCCESS") return RefundState::Done;
    if (status == "CLOSED" || status == "ABNORMAL") return RefundState::Failed;
    return RefundState::Pending; // PROCESSING
}

std::string ErrorText(int status, const std::string& body)
{
    std::optional<WeChatError> e = ParseWeChatErrorJson(body);
    if (e) return "WeChat Pay answered " + std::to_string(status) + " " + e->code + ": " + e->message;
    return "WeChat Pay answered " + std::to_string(status) + ": " + ShortenForReport(body, 200);
}

bool IsCode(const std::string& body, const char* code)
{
    std::optional<WeChatError> e = ParseWeChatErrorJson(body);
    return e && e->code == code;
}

} // namespace

std::string WeChatTime(int64_t unix_seconds) { return ChinaClockText(unix_seconds, true) + "+08:00"; }

std::unique_ptr<WeChatPay> WeChatPay::Open(const WeChatPaySettings& s, std::string* error)
{
    for (auto [value, what] : {std::pair{&s.appid, "appid"}, {&s.mchid, "mchid"}, {&s.merchant_serial, "merchant_serial"},
                               {&s.platform_serial, "platform_serial"}, {&s.notify_url, "notify_url"}, {&s.api, "api"},
                               {&s.mch_customs_no, "mch_customs_no"}, {&s.customs, "customs"}}) {
        if (value->empty()) {
            *error = std::string("WeChat Pay: ") + what + " is not set";
            return nullptr;
        }
    }
    // The keys are 32 characters: APIv3's is the AES-256 key itself [J4], APIv2's by the rules of the merchant platform.
    if (s.apiv3_key.size() != 32) {
        *error = "WeChat Pay: the APIv3 key must be 32 characters";
        return nullptr;
    }
    if (s.apiv2_key.size() != 32) {
        *error = "WeChat Pay: the APIv2 key (customs declarations) must be 32 characters";
        return nullptr;
    }
    std::unique_ptr<WeChatPay> p(new WeChatPay(s));
    p->merchant_key_ = RsaKey::FromPemFile(s.merchant_key_file, error);
    if (!p->merchant_key_) return nullptr;
    if (!p->merchant_key_->has_private()) {
        *error = s.merchant_key_file + ": not a private key";
        return nullptr;
    }
    p->platform_key_ = RsaKey::FromPemFile(s.platform_key_file, error);
    if (!p->platform_key_) return nullptr;
    return p;
}

int64_t WeChatPay::Now() const { return clock ? clock() : UnixNow(); }

std::optional<WeChatPay::Answer> WeChatPay::Call(const char* method, const std::string& path, const std::string& body, std::string* error)
{
    WeChatAuthorization auth;
    auth.mchid = settings_.mchid;
    auth.nonce_str = RandomHex(16);
    auth.timestamp = std::to_string(Now());
    auth.serial_no = settings_.merchant_serial;
    std::optional<std::string> signature =
        merchant_key_->SignSha256(WeChatRequestMessage(method, path, auth.timestamp, auth.nonce_str, body));
    if (!signature) {
        *error = "signing the request failed";
        return std::nullopt;
    }
    auth.signature = *signature;
    httplib::Client client(settings_.api);
    client.set_connection_timeout(std::chrono::milliseconds(std::min<int64_t>(settings_.timeout_ms, 3000)));
    client.set_read_timeout(std::chrono::milliseconds(settings_.timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(settings_.timeout_ms));
    httplib::Headers headers = {{"Authorization", WeChatAuthorizationHeader(auth)}, {"Accept", "application/json"},
                                {"User-Agent", "bondstore"}};
    if (!CurrentRequestId().empty()) headers.emplace("X-Request-Id", CurrentRequestId()); // (operations/event_log.h)
    httplib::Result r = std::string_view(method) == "GET" ? client.Get(path.c_str(), headers)
                                                          : client.Post(path.c_str(), headers, body, "application/json");
    if (!r) {
        *error = "WeChat Pay cannot be reached: " + httplib::to_string(r.error());
        return std::nullopt;
    }
    Answer a{r->status, r->body};
    if (r->status >= 200 && r->status < 300) {
        std::string serial = r->get_header_value("Wechatpay-Serial");
        std::string ts = r->get_header_value("Wechatpay-Timestamp");
        if (serial != settings_.platform_serial || !WeChatTimestampFresh(ts, Now()) ||
            !platform_key_->VerifySha256(WeChatAnswerMessage(ts, r->get_header_value("Wechatpay-Nonce"), r->body),
                                         r->get_header_value("Wechatpay-Signature"))) {
            *error = "WeChat Pay's answer is not signed by WeChat Pay (serial " + ShortenForReport(serial, 64) + ")";
            return std::nullopt;
        }
    }
    return a;
}

std::optional<PaymentStarted> WeChatPay::Begin(const PaymentRequest& q, std::string* error)
{
    WeChatCreate c;
    c.appid = settings_.appid;
    c.mchid = settings_.mchid;
    c.description = q.description.empty() ? q.order_no : q.description;
    c.out_trade_no = q.order_no;
    if (q.expires_at > 0) c.time_expire = WeChatTime(q.expires_at);
    c.notify_url = settings_.notify_url;
    c.total = q.amount;
    bool h5 = q.channel == PaymentChannel::Redirect;
    if (h5) c.payer_client_ip = q.client_ip.empty() ? "127.0.0.1" : q.client_ip;
    std::string request = WeChatCreateToJson(c);
    std::optional<Answer> a = Call("POST", h5 ? "/v3/pay/transactions/h5" : "/v3/pay/transactions/native", request, error);
    if (!a) return std::nullopt;
    if (a->status != 200) {
        *error = ErrorText(a->status, a->body);
        return std::nullopt;
    }
    std::optional<std::string> url = ParseWeChatCodeUrlJson(a->body, h5 ? "h5_url" : "code_url");
    if (!url) {
        *error = "WeChat Pay's answer has no " + std::string(h5 ? "h5_url" : "code_url");
        return std::nullopt;
    }
    PaymentStarted s;
    s.raw_request = std::move(request);
    if (h5) {
        // The H5 page returns the phone to redirect_url afterwards [I7].
        s.redirect_url = *url;
        if (!q.return_url.empty())
            s.redirect_url += (url->find('?') == std::string::npos ? "?" : "&") + std::string("redirect_url=") +
                              httplib::detail::encode_query_param(StoreUrl(settings_.notify_url, q.return_url));
    } else {
        s.qr_code = *url;
    }
    return s;
}

std::optional<ProviderEvent> WeChatPay::ReadNotification(const ProviderNotification& n, int64_t now, std::string* why)
{
    std::string ts = n.header("Wechatpay-Timestamp"), nonce = n.header("Wechatpay-Nonce");
    if (n.header("Wechatpay-Serial") != settings_.platform_serial) { *why = "unknown Wechatpay-Serial"; return std::nullopt; }
    std::string type = n.header("Wechatpay-Signature-Type");
    if (!type.empty() && type != kWeChatAuthScheme) { *why = "unknown signature type"; return std::nullopt; }
    if (!WeChatTimestampFresh(ts, now)) { *why = "stale or missing Wechatpay-Timestamp"; return std::nullopt; }
    if (!platform_key_->VerifySha256(WeChatAnswerMessage(ts, nonce, n.body), n.header("Wechatpay-Signature"))) {
        *why = "bad signature";
        return std::nullopt;
    }
    std::optional<WeChatNotification> env = ParseWeChatNotificationJson(n.body);
    if (!env || env->resource_type != "encrypt-resource" || env->algorithm != "AEAD_AES_256_GCM") {
        *why = "not a WeChat Pay notification";
        return std::nullopt;
    }
    std::optional<std::string> plain = AeadAes256GcmOpen(settings_.apiv3_key, env->nonce, env->associated_data, env->ciphertext);
    if (!plain) { *why = "the resource does not decrypt"; return std::nullopt; }
    ProviderEvent e;
    e.id = env->id;
    if (env->event_type.rfind("TRANSACTION.", 0) == 0) {
        std::optional<WeChatTransaction> t = ParseWeChatTransactionJson(*plain);
        if (!t || t->mchid != settings_.mchid || t->appid != settings_.appid) { *why = "not this merchant's transaction"; return std::nullopt; }
        e.payment = PaymentStatus{StateOf(t->trade_state), t->out_trade_no, t->transaction_id, t->total, *plain};
    } else if (env->event_type.rfind("REFUND.", 0) == 0) {
        std::optional<WeChatRefund> r = ParseWeChatRefundJson(*plain);
        if (!r) { *why = "not a refund"; return std::nullopt; }
        e.refund = RefundStatus{RefundStateOf(r->status), r->out_refund_no, r->refund_id};
    } else {
        *why = "unknown event_type " + ShortenForReport(env->event_type, 40);
        return std::nullopt;
    }
    return e;
}

NotificationReply WeChatPay::Accepted() const { return {204, "", ""}; }

NotificationReply WeChatPay::Refused(const std::string& why) const
{
    // Any 4xx/5xx with {"code":"FAIL"} makes WeChat Pay send the notification again later [I6].
    return {400, "application/json", WeChatErrorToJson({"FAIL", why})};
}

std::optional<PaymentStatus> WeChatPay::Query(const std::string& order_no, std::string* error)
{
    std::optional<Answer> a = Call("GET", "/v3/pay/transactions/out-trade-no/" + order_no +
                                              "?mchid=" + httplib::detail::encode_query_param(settings_.mchid), "", error);
    if (!a) return std::nullopt;
    if (a->status == 404 && IsCode(a->body, kNotFound)) return PaymentStatus{PaymentState::Unpaid, order_no, "", Money{}, a->body};
    if (a->status != 200) {
        *error = ErrorText(a->status, a->body);
        return std::nullopt;
    }
    std::optional<WeChatTransaction> t = ParseWeChatTransactionJson(a->body);
    if (!t || t->out_trade_no != order_no) {
        *error = "WeChat Pay's answer is not this order's transaction";
        return std::nullopt;
    }
    return PaymentStatus{StateOf(t->trade_state), t->out_trade_no, t->transaction_id, t->total, a->body};
}

bool WeChatPay::Close(const std::string& order_no, std::string* error)
{
    std::optional<Answer> a = Call("POST", "/v3/pay/transactions/out-trade-no/" + order_no + "/close",
                                   WeChatCloseToJson(settings_.mchid), error);
    if (!a) return false;
    if (a->status == 204 || a->status == 200 || (a->status == 404 && IsCode(a->body, kNotFound))) return true;
    *error = ErrorText(a->status, a->body);
    return false;
}

std::optional<RefundStatus> WeChatPay::Refund(const RefundRequest& q, std::string* error)
{
    WeChatRefund r;
    r.out_trade_no = q.order_no;
    r.transaction_id = q.transaction_id;
    r.out_refund_no = q.refund_no;
    r.reason = q.reason;
    r.notify_url = settings_.notify_url;
    r.refund = q.refund;
    r.total = q.total;
    std::optional<Answer> a = Call("POST", "/v3/refund/domestic/refunds", WeChatRefundRequestToJson(r), error);
    if (!a) return std::nullopt;
    if (a->status != 200) {
        *error = ErrorText(a->status, a->body);
        return std::nullopt;
    }
    std::optional<WeChatRefund> got = ParseWeChatRefundJson(a->body);
    if (!got || got->out_refund_no != q.refund_no) {
        *error = "WeChat Pay's answer is not this refund";
        return std::nullopt;
    }
    return RefundStatus{RefundStateOf(got->status), got->out_refund_no, got->refund_id};
}

std::optional<RefundStatus> WeChatPay::QueryRefund(const RefundRequest& q, std::string* error)
{
    const std::string& refund_no = q.refund_no;
    std::optional<Answer> a = Call("GET", "/v3/refund/domestic/refunds/" + refund_no, "", error);
    if (!a) return std::nullopt;
    if (a->status != 200) {
        *error = ErrorText(a->status, a->body);
        return std::nullopt;
    }
    std::optional<WeChatRefund> got = ParseWeChatRefundJson(a->body);
    if (!got || got->out_refund_no != refund_no) {
        *error = "WeChat Pay's answer is not this refund";
        return std::nullopt;
    }
    return RefundStatus{RefundStateOf(got->status), got->out_refund_no, got->refund_id};
}

std::optional<DeclarationResult> WeChatPay::Declare(const DeclarationRequest& q, std::string* error)
{
    // APIv2 customdeclareorder [I1]: MD5-signed XML, no nonce_str, no client certificate.
    WeChatV2Fields f = {{"appid", settings_.appid},
                        {"mch_id", settings_.mchid},
                        {"out_trade_no", q.order_no},
                        {"transaction_id", q.transaction_id},
                        {"customs", settings_.customs},
                        {"mch_customs_no", settings_.mch_customs_no},
                        {"action_type", "ADD"},
                        {"fee_type", "CNY"},
                        {"order_fee", std::to_string(q.amount.fen)},
                        {"cert_type", "IDCARD"},
                        {"cert_id", q.buyer_id_number},
                        {"name", q.buyer_name}};
    // The parts of the amount are required only for a split order (order_fee = product_fee + transport_fee).
    if (q.goods.fen > 0) {
        f["product_fee"] = std::to_string(q.goods.fen);
        f["transport_fee"] = std::to_string(q.freight.fen);
    }
    f["sign"] = WeChatV2Sign(f, settings_.apiv2_key, "MD5");
    httplib::Client client(settings_.customs_api.empty() ? settings_.api : settings_.customs_api);
    client.set_connection_timeout(std::chrono::milliseconds(std::min<int64_t>(settings_.timeout_ms, 3000)));
    client.set_read_timeout(std::chrono::milliseconds(settings_.timeout_ms));
    httplib::Headers headers;
    if (!CurrentRequestId().empty()) headers.emplace("X-Request-Id", CurrentRequestId()); // (operations/event_log.h)
    httplib::Result r = client.Post("/cgi-bin/mch/customs/customdeclareorder", headers, WeChatV2Xml(f), "text/xml; charset=utf-8");
    if (!r) {
        *error = "WeChat Pay (customs) cannot be reached: " + httplib::to_string(r.error());
        return std::nullopt;
    }
    std::optional<WeChatV2Fields> got = r->status == 200 ? ParseWeChatV2Xml(r->body) : std::nullopt;
    if (!got) {
        *error = "WeChat Pay (customs) answered " + std::to_string(r->status) + ": " + ShortenForReport(r->body, 200);
        return std::nullopt;
    }
    auto field = [&](const char* k) {
        auto it = got->find(k);
        return it == got->end() ? std::string() : it->second;
    };
    if (field("return_code") != "SUCCESS") {
        *error = "WeChat Pay (customs) refused the request: " + ShortenForReport(field("return_msg"), 200);
        return std::nullopt;
    }
    if (!WeChatV2Verify(*got, settings_.apiv2_key)) {
        *error = "WeChat Pay (customs) answer is not signed with the merchant's APIv2 key";
        return std::nullopt;
    }
    DeclarationResult d;
    std::string state = field("state");
    d.accepted = field("result_code") == "SUCCESS" && (state == "SUBMITTED" || state == "PROCESSING" || state == "SUCCESS");
    std::string check = field("cert_check_result");
    d.payer = check == "SAME" ? PayerCheck::Same : check == "DIFFERENT" ? PayerCheck::Different : PayerCheck::Unchecked;
    d.pay_transaction_id = q.transaction_id;
    if (!d.accepted) d.message = field("err_code") + " " + field("err_code_des") + (state.empty() ? "" : " (" + state + ")");
    return d;
}

} // namespace bondstore
