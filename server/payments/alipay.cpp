#include "server/payments/alipay.h"
#include "server/operations/event_log.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/customs/dxp_envelope.h"

#include "core/base/problem.h"

#include <httplib.h>

#include <cctype>
#include <chrono>

namespace bondstore {

namespace {

constexpr const char* kOk = "10000";
constexpr const char* kNotFound = "ACQ.TRADE_NOT_EXIST";

// The payment as Alipay's trade_status says [S1].
PaymentState StateOf(const std::string& trade_status)
{
    if (trade_status == "TRADE_SUCCESS" || trade_status == "TRADE_FINISHED") return PaymentState::Paid;
    if (trade_status == "TRADE_CLOSED") return PaymentState::Closed; // unpaid and timed out, or refunded in full
    return PaymentState::Unpaid;                                       // WAIT_BUYER_PAY
}

std::string FailureText(const char* method, const AlipayAnswer& a)
{
    return std::string("Alipay ") + method + " answered " + a.code + " " + a.msg + (a.sub_code.empty() ? "" : " " + a.sub_code + ": " + a.sub_msg);
}

} // namespace

std::unique_ptr<RsaKey> ReadAlipayKeyFile(const std::string& file, bool is_private, std::string* error)
{
    std::string text;
    if (!ReadFile(file, &text)) {
        *error = "cannot read " + file;
        return nullptr;
    }
    if (text.find("-----BEGIN") == std::string::npos) {
        std::string body;
        for (char c : text)
            if (!std::isspace(static_cast<unsigned char>(c))) body += c;
        std::string wrapped;
        for (size_t i = 0; i < body.size(); i += 64) wrapped += body.substr(i, 64) + "\n";
        const char* kind = is_private ? "PRIVATE KEY" : "PUBLIC KEY";
        text = std::string("-----BEGIN ") + kind + "-----\n" + wrapped + "-----END " + kind + "-----\n";
    }
    std::unique_ptr<RsaKey> key = RsaKey::FromPem(text, error);
    if (!key) *error = file + ": " + *error;
    else if (is_private && !key->has_private()) {
        *error = file + ": not a private key";
        return nullptr;
    }
    return key;
}

std::unique_ptr<Alipay> Alipay::Open(const AlipayConfig& c, std::string* error)
{
    for (auto [value, what] : {std::pair{&c.app_id, "app_id"}, {&c.gateway, "gateway"}, {&c.notify_url, "notify_url"},
                               {&c.merchant_customs_code, "merchant_customs_code"}, {&c.merchant_customs_name, "merchant_customs_name"},
                               {&c.customs_place, "customs_place"}}) {
        if (value->empty()) {
            *error = std::string("Alipay: ") + what + " is not set";
            return nullptr;
        }
    }
    std::unique_ptr<Alipay> p(new Alipay(c));
    p->app_key_ = ReadAlipayKeyFile(c.app_private_key_file, true, error);
    if (!p->app_key_) return nullptr;
    p->alipay_key_ = ReadAlipayKeyFile(c.alipay_public_key_file, false, error);
    if (!p->alipay_key_) return nullptr;
    return p;
}

int64_t Alipay::Now() const { return clock ? clock() : UnixNow(); }

AlipayParams Alipay::Signed(const char* method, const std::string& biz_content, const std::string& return_url)
{
    AlipayParams p = {{"app_id", config_.app_id},   {"method", method},           {"format", "JSON"},
                      {"charset", "utf-8"},         {"sign_type", "RSA2"},        {"timestamp", AlipayTime(Now())},
                      {"version", "1.0"},           {"notify_url", config_.notify_url}, {"biz_content", biz_content}};
    if (!return_url.empty()) p["return_url"] = return_url;
    p["sign"] = app_key_->SignSha256(AlipaySignContent(p, false)).value_or("");
    return p;
}

std::optional<AlipayAnswer> Alipay::Call(const char* method, const std::string& biz_content, std::string* error)
{
    HttpTarget target = SplitUrl(config_.gateway);
    httplib::Client client(target.base);
    client.set_connection_timeout(std::chrono::milliseconds(std::min<int64_t>(config_.timeout_ms, 3000)));
    client.set_read_timeout(std::chrono::milliseconds(config_.timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(config_.timeout_ms));
    // The charset goes in the query too, as the SDKs send it, so the gateway decodes the form right.
    httplib::Headers headers = {{"User-Agent", "bondstore"}};
    if (!CurrentRequestId().empty()) headers.emplace("X-Request-Id", CurrentRequestId()); // (operations/event_log.h)
    httplib::Result r = client.Post(target.path + "?charset=utf-8", headers, AlipayForm(Signed(method, biz_content)),
                                    "application/x-www-form-urlencoded;charset=utf-8");
    if (!r) {
        *error = "Alipay cannot be reached: " + httplib::to_string(r.error());
        return std::nullopt;
    }
    if (r->status != 200) {
        *error = "Alipay answered HTTP " + std::to_string(r->status) + ": " + ShortenForReport(r->body, 200);
        return std::nullopt;
    }
    std::optional<AlipaySignedAnswer> signed_answer = SplitAlipayAnswer(r->body, method);
    if (!signed_answer) {
        *error = "Alipay's answer is not an answer to " + std::string(method) + ": " + ShortenForReport(r->body, 200);
        return std::nullopt;
    }
    // Every answer to a signed request carries Alipay's signature over the object as sent (§3.2).
    if (!alipay_key_->VerifySha256(signed_answer->content, signed_answer->sign)) {
        *error = "Alipay's answer is not signed by Alipay";
        return std::nullopt;
    }
    std::optional<AlipayAnswer> a = ParseAlipayAnswerJson(signed_answer->content, method);
    if (a) a->raw = r->body;
    if (!a) *error = "Alipay's answer to " + std::string(method) + " is not what Alipay documents: " + ShortenForReport(signed_answer->content, 200);
    return a;
}

std::optional<PaymentStarted> Alipay::Begin(const PaymentRequest& q, std::string* error)
{
    AlipayTradeContent c;
    c.out_trade_no = q.order_no;
    c.total_amount = q.amount;
    c.subject = q.description.empty() ? q.order_no : q.description;
    PaymentStarted s;
    if (q.channel == PaymentChannel::Redirect) {
        // wap.pay is not a server call: the phone takes the signed request to Alipay's gateway [E1].
        c.product_code = "QUICK_WAP_WAY";
        // To the minute here: rounded up, so Alipay never closes the page before the order's deadline.
        if (q.expires_at > 0) c.time_expire = AlipayMinute(q.expires_at + 59);
        std::string back = q.return_url.empty() ? "" : StoreUrl(config_.notify_url, q.return_url);
        c.quit_url = back;
        std::string form = AlipayForm(Signed("alipay.trade.wap.pay", AlipayTradeContentToJson(c), back));
        s.redirect_url = config_.gateway + (config_.gateway.find('?') == std::string::npos ? "?" : "&") + form;
        s.raw_request = std::move(form);
        return s;
    }
    c.product_code = "FACE_TO_FACE_PAYMENT";
    if (q.expires_at > 0) c.time_expire = AlipayTime(q.expires_at);
    s.raw_request = AlipayTradeContentToJson(c); // the biz_content of the signed request
    std::optional<AlipayAnswer> a = Call("alipay.trade.precreate", s.raw_request, error);
    if (!a) return std::nullopt;
    if (a->code != kOk || a->qr_code.empty() || a->out_trade_no != q.order_no) {
        *error = a->code == kOk ? "Alipay's answer has no qr_code for this order" : FailureText("alipay.trade.precreate", *a);
        return std::nullopt;
    }
    s.qr_code = a->qr_code;
    return s;
}

std::optional<ProviderEvent> Alipay::ReadNotification(const ProviderNotification& n, int64_t, std::string* why)
{
    std::optional<AlipayParams> p = ParseAlipayForm(n.body);
    if (!p) { *why = "not a form"; return std::nullopt; }
    auto field = [&](const char* k) {
        auto it = p->find(k);
        return it == p->end() ? std::string() : it->second;
    };
    std::string charset = field("charset");
    if (!charset.empty() && charset != "utf-8" && charset != "UTF-8") { *why = "charset is not utf-8"; return std::nullopt; }
    if (field("sign_type") != "RSA2") { *why = "sign_type is not RSA2"; return std::nullopt; }
    if (!alipay_key_->VerifySha256(AlipaySignContent(*p, true), field("sign"))) { *why = "bad signature"; return std::nullopt; }
    if (field("app_id") != config_.app_id) { *why = "not this application's notification"; return std::nullopt; }
    if (field("notify_type") != "trade_status_sync" || field("notify_id").empty() || field("out_trade_no").empty()) {
        *why = "not a trade notification";
        return std::nullopt;
    }
    ProviderEvent e;
    e.id = field("notify_id"); // the same in every retry of one notification
    if (!field("out_biz_no").empty()) {
        // A refund's notification names the refund request (out_biz_no) and when it was refunded.
        if (field("gmt_refund").empty()) { *why = "a refund notification without gmt_refund"; return std::nullopt; }
        e.refund = RefundStatus{RefundState::Done, field("out_biz_no"), field("trade_no") + "/" + field("out_biz_no")};
        return e;
    }
    MoneyParse total = ParseYuan(field("total_amount"));
    if (!total.ok()) { *why = "total_amount is not an amount"; return std::nullopt; }
    e.payment = PaymentStatus{StateOf(field("trade_status")), field("out_trade_no"), field("trade_no"), total.value, n.body};
    return e;
}

// Alipay reads the answer's body: "success" stops the retries, anything else asks for another [S1].
NotificationReply Alipay::Accepted() const { return {200, "text/plain", "success"}; }
NotificationReply Alipay::Refused(const std::string&) const { return {400, "text/plain", "fail"}; }

std::optional<PaymentStatus> Alipay::Query(const std::string& order_no, std::string* error)
{
    AlipayTradeContent c;
    c.out_trade_no = order_no;
    std::optional<AlipayAnswer> a = Call("alipay.trade.query", AlipayTradeContentToJson(c), error);
    if (!a) return std::nullopt;
    if (a->sub_code == kNotFound) return PaymentStatus{PaymentState::Unpaid, order_no, "", Money{}, a->raw}; // never scanned
    if (a->code != kOk) {
        *error = FailureText("alipay.trade.query", *a);
        return std::nullopt;
    }
    if (a->out_trade_no != order_no) {
        *error = "Alipay's answer is not this order's trade";
        return std::nullopt;
    }
    return PaymentStatus{StateOf(a->trade_status), a->out_trade_no, a->trade_no, a->total_amount, a->raw};
}

bool Alipay::Close(const std::string& order_no, std::string* error)
{
    AlipayTradeContent c;
    c.out_trade_no = order_no;
    std::optional<AlipayAnswer> a = Call("alipay.trade.close", AlipayTradeContentToJson(c), error);
    if (!a) return false;
    if (a->code == kOk || a->sub_code == kNotFound) return true; // closed, or never scanned: nothing to close
    *error = FailureText("alipay.trade.close", *a);
    return false;
}

std::optional<RefundStatus> Alipay::Refund(const RefundRequest& q, std::string* error)
{
    AlipayRefundContent c;
    c.out_trade_no = q.order_no;
    c.trade_no = q.transaction_id;
    c.refund_amount = q.refund;
    c.out_request_no = q.refund_no; // one per refund: asking again with it refunds once
    c.refund_reason = q.reason;
    std::optional<AlipayAnswer> a = Call("alipay.trade.refund", AlipayRefundContentToJson(c), error);
    if (!a) return std::nullopt;
    if (a->code != kOk) {
        *error = FailureText("alipay.trade.refund", *a);
        return std::nullopt;
    }
    // fund_change Y: this call moved the money. N: it had moved before, or is still moving — the
    // refund query says which (§3.3).
    return RefundStatus{a->fund_change == "Y" ? RefundState::Done : RefundState::Pending, q.refund_no, a->trade_no + "/" + q.refund_no};
}

std::optional<RefundStatus> Alipay::QueryRefund(const RefundRequest& q, std::string* error)
{
    AlipayRefundContent c;
    c.out_trade_no = q.order_no;
    c.trade_no = q.transaction_id;
    c.out_request_no = q.refund_no;
    std::optional<AlipayAnswer> a = Call("alipay.trade.fastpay.refund.query", AlipayRefundContentToJson(c), error);
    if (!a) return std::nullopt;
    if (a->code != kOk) {
        *error = FailureText("alipay.trade.fastpay.refund.query", *a);
        return std::nullopt;
    }
    bool done = a->refund_status == "REFUND_SUCCESS" && a->out_request_no == q.refund_no;
    return RefundStatus{done ? RefundState::Done : RefundState::Pending, q.refund_no, a->trade_no + "/" + q.refund_no};
}

std::optional<DeclarationResult> Alipay::Declare(const DeclarationRequest& q, std::string* error)
{
    AlipayDeclareContent c;
    c.out_request_no = q.order_no; // 6–32 of letters, digits, _ and -: one declaration per order; a repeat is the same request
    c.trade_no = q.transaction_id;
    c.merchant_customs_code = config_.merchant_customs_code;
    c.merchant_customs_name = config_.merchant_customs_name;
    c.amount = q.amount;
    c.customs_place = config_.customs_place;
    c.buyer_name = q.buyer_name;
    c.buyer_cert_no = q.buyer_id_number;
    std::optional<AlipayAnswer> a = Call("alipay.trade.customs.declare", AlipayDeclareContentToJson(c), error);
    if (!a) return std::nullopt;
    DeclarationResult d;
    d.accepted = a->code == kOk;
    // identity_check: T the payer is the buyer, F not (answered on the first declaration) [A2].
    d.payer = a->identity_check == "T" ? PayerCheck::Same : a->identity_check == "F" ? PayerCheck::Different : PayerCheck::Unchecked;
    // What customs sees as the payment's number is the declaration's trade_no (≠ the trade's when split) [A2].
    d.pay_transaction_id = a->trade_no.empty() ? q.transaction_id : a->trade_no;
    if (!d.accepted) d.message = a->sub_code + " " + a->sub_msg;
    return d;
}

} // namespace bondstore
