#include "server/customs/payment_data_grab.h"

#include "server/base/bytes.h"
#include "server/customs/dxp_envelope.h"
#include "server/customs/message_signer.h"
#include "server/customs/signature_algorithm.h"

#include <httplib.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

namespace bondstore {

namespace {

PaymentDataReply Answer(const char* code, std::string message, int64_t now_ms)
{
    PaymentDataReply r;
    r.code = code;
    r.message = std::move(message);
    r.service_time_ms = now_ms;
    r.has_total = true;
    return r;
}

bool AllDigits(const std::string& s, size_t n) { return s.size() == n && s.find_first_not_of("0123456789") == std::string::npos; }

} // namespace

bool PaymentDataGrab::Init(std::string plat_data_open, const std::string& platform_cert_pem, std::string* error)
{
    url_ = std::move(plat_data_open);
    std::FILE* f = std::fopen(platform_cert_pem.c_str(), "r");
    X509* cert = f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr;
    if (f) std::fclose(f);
    if (!cert) {
        *error = "the platform's certificate " + platform_cert_pem + " cannot be read";
        return false;
    }
    key_ = X509_get_pubkey(cert);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    serial_ = CertificateSerialHex(std::string_view(data, size_t(n)));
    BIO_free(bio);
    X509_free(cert);
    if (!key_ || serial_.empty()) {
        *error = "the platform's certificate " + platform_cert_pem + " has no usable key or serial";
        return false;
    }
    return true;
}

PaymentDataGrab::~PaymentDataGrab() { EVP_PKEY_free(key_); }

PaymentDataGrab::Asked PaymentDataGrab::Ask(const PaymentDataExpected& expected, int64_t now_ms)
{
    Asked a;
    {
        std::lock_guard lock(mutex_);
        a.session_id = "SW179-" + std::to_string(now_ms) + "-" + std::to_string(++next_) + "-" + NewUuid().substr(0, 8);
        sessions_[a.session_id].expected = expected;
        asked_++;
    }
    PaymentDataAsk ask{expected.order_no, a.session_id, now_ms};
    HttpTarget target = SplitUrl(url_);
    httplib::Client client(target.base);
    client.set_read_timeout(std::chrono::seconds(10));
    httplib::Result r = client.Post(target.path, httplib::Params{{"openReq", PaymentDataAskToJson(ask)}});
    if (!r) {
        a.reply = "the platform cannot be reached: " + httplib::to_string(r.error());
        return a;
    }
    a.status = r->status;
    a.reply = r->body;
    std::optional<PaymentDataReply> reply = r->status == 200 ? ParsePaymentDataReplyJson(r->body) : std::nullopt;
    a.accepted = reply && reply->code == "10000";
    if (!a.accepted) {
        std::lock_guard lock(mutex_);
        sessions_[a.session_id].outcome = "refused: the platform did not take the ask: " + r->body.substr(0, 200);
    }
    return a;
}

PaymentDataReply PaymentDataGrab::Receive(const std::string& form_body, int64_t now_ms)
{
    httplib::Params form;
    httplib::detail::parse_query_text(form_body, form);
    auto field = form.find("payExInfoStr");
    if (field == form.end()) return Answer("20000", "payExInfoStr 为空", now_ms);
    const std::string& text = field->second;
    std::string why;
    std::optional<PaymentDataUpload> u = ParsePaymentDataUploadJson(text, &why);
    if (!u) return Answer("20000", "报文格式错误: " + why, now_ms);

    std::lock_guard lock(mutex_);
    auto session = sessions_.find(u->session_id);
    if (session == sessions_.end() || session->second.outcome != "waiting")
        return Answer("20000", "sessionID 无效或已上传: " + u->session_id, now_ms);
    auto refuse = [&](const char* code, const std::string& reason) {
        session->second.outcome = "refused: " + reason;
        refused_++;
        return Answer(code, reason, now_ms);
    };
    if (u->cert_no != serial_) return refuse("20004", "验签证书未在服务系统注册 (certNo " + u->cert_no + ")");
    std::optional<std::string> signed_text = PaymentDataSignTextOf(text);
    std::optional<std::vector<unsigned char>> signature = Unbase64(u->sign_value);
    bool verified = false;
    // Signed as the platform's messages are: RSA-SHA1 or SM2-SM3, by the kind of its key.
    std::optional<SignatureAlgorithm> algorithm = AlgorithmOfKey(key_);
    if (signed_text && signature && algorithm) verified = VerifyBytes(key_, SignatureMethod{*algorithm}, *signed_text, *signature);
    if (!verified) return refuse("20000", "验签失败 (the signature does not verify)");

    const PaymentDataExpected& want = session->second.expected;
    const PaymentDataHead& h = u->head;
    bool names_order = false;
    for (const PaymentDataOrder& o : u->orders) {
        if (o.order_no == want.order_no) names_order = true;
        if (o.recp_account.empty() || o.recp_name.empty()) return refuse("20000", "收款信息不全 (who received the money)");
        for (const PaymentDataOrder::Goods& g : o.goods)
            if (g.gname.empty() || g.item_link.empty()) return refuse("20000", "商品信息不全 (gname, itemLink)");
    }
    if (!names_order) return refuse("20000", "订单不符 (the upload does not name order " + want.order_no + ")");
    if (h.ebp_code != want.ebp_code) return refuse("20000", "电商平台代码不符 (ebpCode " + h.ebp_code + ", the order's " + want.ebp_code + ")");
    if (h.pay_code != want.pay_code) return refuse("20000", "支付企业代码不符 (payCode " + h.pay_code + ", the payment's " + want.pay_code + ")");
    if (h.pay_transaction_id != want.pay_transaction_id)
        return refuse("20000", "支付交易编号不符 (payTransactionId " + h.pay_transaction_id + ", the payment's " + want.pay_transaction_id + ")");
    if (h.total_amount.fen != want.amount_fen)
        return refuse("20000", "支付金额不符 (totalAmount " + FormatYuan(h.total_amount) + ", the payment's " + FormatYuan(Money{want.amount_fen}) + ")");
    if (h.currency != "142") return refuse("20000", "币制错误 (currency " + h.currency + ")");
    if (h.inital_request.empty() || h.inital_response.empty()) return refuse("20000", "原始请求或原始响应为空 (initalRequest, initalResponse)");
    if (!AllDigits(h.trading_time, 14)) return refuse("20000", "交易时间格式错误 (tradingTime " + h.trading_time + ")");
    session->second.outcome = "verified";
    verified_++;
    return Answer("10000", "上传成功", now_ms);
}

std::string PaymentDataGrab::Outcome(const std::string& session_id)
{
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(session_id);
    return it == sessions_.end() ? std::string() : it->second.outcome;
}

std::string PaymentDataGrab::Stats()
{
    std::lock_guard lock(mutex_);
    return "{\"asked\":" + std::to_string(asked_) + ",\"verified\":" + std::to_string(verified_) + ",\"refused\":" + std::to_string(refused_) + "}";
}

} // namespace bondstore
