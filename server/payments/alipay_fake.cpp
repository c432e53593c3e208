#include "server/payments/alipay_fake.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/customs/ceb_message.h"
#include "server/payments/alipay.h"

#include "core/base/localized_text.h"
#include "core/customs/customs_codes.h"
#include "core/formats/markup_text.h"

#include <httplib.h>

#include <chrono>
#include <functional>
#include <thread>

namespace bondstore {

namespace {

constexpr const char* kPrecreate = "alipay.trade.precreate";
constexpr const char* kWapPay = "alipay.trade.wap.pay";
constexpr const char* kDeclare = "alipay.trade.customs.declare";
constexpr int64_t kMaxTradeFen = int64_t(100000000) * 100; // total_amount is at most 100,000,000 yuan [E1]

// out_trade_no: at most 64 characters of letters, digits and _ [E1]; out_request_no of the customs
// declaration: 6–32 of letters, digits, _ and - (the older, stricter limit of the SDKs) [A2].
bool ValidNo(const std::string& s, size_t min, size_t max, bool dash)
{
    if (s.size() < min || s.size() > max) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && !(dash && c == '-')) return false;
    return true;
}

// The customs offices Alipay's declaration documents (SPEC.md §5).
bool KnownCustomsPlace(const std::string& p)
{
    for (const char* known : {"ZONGSHU", "ZHENGZHOU", "NINGBO", "SHANGHAI_CBT"})
        if (p == known) return true;
    return false;
}

// A business failure: its sub_code, and why in `why`.
std::string Refusal(std::string* why, const std::string& text, const char* sub_code)
{
    *why = text;
    return sub_code;
}

std::string Field(const AlipayParams& p, const char* k)
{
    auto it = p.find(k);
    return it == p.end() ? std::string() : it->second;
}

} // namespace

bool AlipayFake::MakeAccount(const std::string& dir, const std::string& fake_url, const std::string& notify_url, AlipayFakeOptions* o,
                             std::string* error)
{
    if (!MakePrivateDirectory(dir, error)) return false;
    auto keep = [&](const char* name, std::string* into) { return KeepAccountFile(dir + "/" + name, NewRsaKeyPem, into, error); };
    std::string app_key;
    if (!keep("app-private-key.pem", &app_key) || !keep("alipay-key.pem", &o->alipay_key)) return false;
    o->customs_key_file = dir + "/customs-key.pem";
    o->customs_cert_file = dir + "/customs-cert.pem";
    std::string existing;
    if (!ReadFile(o->customs_cert_file, &existing) &&
        !CreateSelfSignedSigningKey(o->customs_key_file, o->customs_cert_file, "Alipay customs declaration (local fake)", error))
        return false;
    std::unique_ptr<RsaKey> app = RsaKey::FromPem(app_key, error);
    std::unique_ptr<RsaKey> alipay = RsaKey::FromPem(o->alipay_key, error);
    if (!app || !alipay) return false;
    o->app_public_key = app->PublicPem();
    if (!WriteFileAtomically(dir + "/alipay-public-key.pem", alipay->PublicPem())) {
        *error = "cannot write " + dir + "/alipay-public-key.pem";
        return false;
    }
    AlipayConfig c;
    c.app_id = o->app_id;
    c.app_private_key_file = "app-private-key.pem";
    c.alipay_public_key_file = "alipay-public-key.pem";
    c.gateway = fake_url + "/gateway.do";
    c.notify_url = notify_url;
    c.merchant_customs_code = o->platform_code;
    c.merchant_customs_name = o->platform_name;
    c.demo = true;
    if (!WriteFileAtomically(dir + "/alipay.json", AlipayConfigToJson(c) + "\n")) {
        *error = "cannot write " + dir + "/alipay.json";
        return false;
    }
    return true;
}

AlipayFake::AlipayFake(AlipayFakeOptions options) : o_(std::move(options)) {}
AlipayFake::~AlipayFake() { Stop(); }
void AlipayFake::Stop() { courier_.Stop(); }

std::string AlipayFake::TradeStatus(const std::string& no)
{
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = trades_.find(no);
    return it == trades_.end() ? std::string() : it->second.status;
}

AlipayFake::Stats AlipayFake::stats()
{
    Stats own;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        own = stats_;
    }
    return courier_.Counted(own);
}

bool AlipayFake::Mount(httplib::Server& server, std::string* error)
{
    app_key_ = RsaKey::FromPem(o_.app_public_key, error);
    if (!app_key_) return false;
    alipay_key_ = RsaKey::FromPem(o_.alipay_key, error);
    if (!alipay_key_) return false;
    if (!alipay_key_->has_private()) {
        *error = "Alipay's key must be a private key";
        return false;
    }
    if (!o_.single_window.empty()) {
        customs_signer_ = OpenKeySigner(o_.customs_key_file, o_.customs_cert_file, "ALIPAY0001", error);
        if (!customs_signer_) return false;
    }
    server.Post("/gateway.do", [this](const httplib::Request& q, httplib::Response& r) { Gateway(q, r); });
    server.Get("/gateway.do", [this](const httplib::Request& q, httplib::Response& r) { WapPay(q, r); });
    server.Post("/fake/wap-pay", [this](const httplib::Request& q, httplib::Response& r) { WapPay(q, r); });
    server.Post("/fake/pay", [this](const httplib::Request& q, httplib::Response& r) { Pay(q, r); });
    server.Post("/fake/control", [this](const httplib::Request& q, httplib::Response& r) { Control(q, r); });
    server.Get("/fake/stats", [this](const httplib::Request&, httplib::Response& r) { r.set_content(PaymentFakeStatsText(stats()), "text/plain"); });
    courier_.Start();
    return true;
}

void AlipayFake::Reply(httplib::Response& res, const std::string& method, const Answer& a, bool error_response)
{
    std::string content = AlipayAnswerToJson(a, method);
    res.set_content(AlipaySignedAnswerJson(method, content, alipay_key_->SignSha256(content).value_or(""), error_response),
                    "application/json;charset=utf-8");
}

void AlipayFake::Fail(httplib::Response& res, const std::string& method, const char* code, const char* msg, const std::string& sub_code,
                      const std::string& sub_msg, bool error_response)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.refused++;
    }
    Answer a;
    a.code = code;
    a.msg = msg;
    a.sub_code = sub_code;
    a.sub_msg = sub_msg;
    Reply(res, method, a, error_response);
}

std::optional<AlipayParams> AlipayFake::Checked(const httplib::Request& req, httplib::Response& res, const std::string& method_wanted)
{
    // The SDKs put the common parameters in the query or the form, biz_content in the form: both are read.
    std::optional<AlipayParams> p = ParseAlipayForm(req.target.find('?') == std::string::npos ? "" : req.target.substr(req.target.find('?') + 1));
    std::optional<AlipayParams> form = req.method == "POST" ? ParseAlipayForm(req.body) : AlipayParams{};
    std::string method = p ? Field(*p, "method") : "";
    if (!p || !form) {
        Fail(res, method, "40002", "Invalid Arguments", "isv.invalid-parameter", "参数无效");
        return std::nullopt;
    }
    for (auto& [k, v] : *form)
        if (!p->emplace(k, v).second && (*p)[k] != v) {
            Fail(res, method, "40002", "Invalid Arguments", "isv.invalid-parameter", "参数重复: " + k);
            return std::nullopt;
        }
    method = Field(*p, "method");
    auto refuse = [&](const char* code, const char* msg, const char* sub_code, const std::string& sub_msg) {
        Fail(res, method, code, msg, sub_code, sub_msg, true);
        return std::nullopt;
    };
    if (method.empty()) return refuse("40001", "Missing Required Arguments", "isv.missing-method", "缺少方法名参数");
    if (!method_wanted.empty() && method != method_wanted) return refuse("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名");
    if (Field(*p, "app_id") != o_.app_id) return refuse("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
    std::string charset = Field(*p, "charset");
    if (charset != "utf-8" && charset != "UTF-8") return refuse("40002", "Invalid Arguments", "isv.invalid-charset", "字符集错误");
    if (Field(*p, "sign_type") != "RSA2") return refuse("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效的签名类型");
    std::string format = Field(*p, "format");
    if (!format.empty() && format != "JSON" && format != "json") return refuse("40002", "Invalid Arguments", "isv.invalid-format", "无效的数据格式");
    if (Field(*p, "version") != "1.0") return refuse("40002", "Invalid Arguments", "isv.invalid-version", "版本号错误");
    int64_t at = ParseAlipayTime(Field(*p, "timestamp"));
    if (at < 0 || at < UnixNow() - kAlipayClockSkewSeconds || at > UnixNow() + kAlipayClockSkewSeconds)
        return refuse("40002", "Invalid Arguments", "isv.invalid-timestamp", "非法的时间戳参数");
    if (Field(*p, "sign").empty()) return refuse("40001", "Missing Required Arguments", "isv.missing-signature", "缺少签名参数");
    if (!app_key_->VerifySha256(AlipaySignContent(*p, false), Field(*p, "sign"))) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stats_.bad_signatures++;
        }
        return refuse("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
    }
    if (Field(*p, "biz_content").empty()) return refuse("40001", "Missing Required Arguments", "isv.missing-biz-content", "缺少业务参数");
    return p;
}

void AlipayFake::Gateway(const httplib::Request& req, httplib::Response& res)
{
    std::string fail;
    int delay = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.requests++;
        fail.swap(faults_.fail_next);
        delay = faults_.delay_ms;
    }
    if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    std::optional<AlipayParams> p = Checked(req, res, "");
    if (!p) return;
    std::string method = Field(*p, "method");
    if (!fail.empty()) return Fail(res, method, "20000", "Service Currently Unavailable", fail, "系统繁忙");
    if (method == kPrecreate) return Create(*p, method, res);
    if (method == "alipay.trade.query") return Query(*p, res);
    if (method == "alipay.trade.close") return Close(*p, res);
    if (method == "alipay.trade.refund") return Refund(*p, res);
    if (method == "alipay.trade.fastpay.refund.query") return QueryRefund(*p, res);
    if (method == kDeclare) return Declare(*p, res);
    // wap.pay is a page the phone opens, not a call: Alipay refuses it here as an unknown method.
    Fail(res, method, "40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名", true);
}

std::string AlipayFake::OpenTrade(const AlipayTradeContent& c, const std::string& notify_url, const std::string& method, std::string* why)
{
    if (!ValidNo(c.out_trade_no, 1, 64, false)) return Refusal(why, "out_trade_no must be 1 to 64 of [0-9A-Za-z_]", "ACQ.INVALID_PARAMETER");
    if (c.total_amount.fen < 1 || c.total_amount.fen > kMaxTradeFen) return Refusal(why, "total_amount must be 0.01 to 100000000", "ACQ.TOTAL_FEE_EXCEED");
    size_t subject = CountCodePoints(c.subject);
    if (subject < 1 || subject > 256) return Refusal(why, "subject must be 1 to 256 characters", "ACQ.INVALID_PARAMETER");
    if (notify_url.rfind("https://", 0) != 0 && !(o_.allow_http_notify && LoopbackHttpUrl(notify_url)))
        return Refusal(why, "notify_url must be a public https URL", "ACQ.INVALID_PARAMETER");
    bool wap = method == kWapPay;
    if (c.product_code != (wap ? "QUICK_WAP_WAY" : "FACE_TO_FACE_PAYMENT"))
        return Refusal(why, "product_code must be " + std::string(wap ? "QUICK_WAP_WAY" : "FACE_TO_FACE_PAYMENT"), "ACQ.INVALID_PARAMETER");
    int64_t expires = 0;
    if (!c.time_expire.empty()) {
        // precreate writes seconds, wap.pay minutes (§3.3).
        expires = (wap ? c.time_expire.size() == 16 : c.time_expire.size() == 19) ? ParseAlipayTime(c.time_expire) : -1;
        if (expires < 0) return Refusal(why, "time_expire is not yyyy-MM-dd HH:mm" + std::string(wap ? "" : ":ss"), "ACQ.INVALID_PARAMETER");
        if (expires <= UnixNow()) return Refusal(why, "time_expire is in the past", "ACQ.INVALID_PARAMETER");
    }
    auto it = trades_.find(c.out_trade_no);
    if (it != trades_.end()) {
        Trade& t = it->second;
        if (t.status == "TRADE_SUCCESS" || t.status == "TRADE_FINISHED") return Refusal(why, "交易已支付", "ACQ.TRADE_HAS_SUCCESS");
        if (t.status == "TRADE_CLOSED") return Refusal(why, "交易已关闭", "ACQ.TRADE_HAS_CLOSE");
        if (t.total_fen != c.total_amount.fen || t.subject != c.subject) return Refusal(why, "交易信息被篡改", "ACQ.CONTEXT_INCONSISTENT");
        return {};
    }
    Trade t;
    t.out_trade_no = c.out_trade_no;
    t.subject = c.subject;
    t.notify_url = notify_url;
    t.product_code = c.product_code;
    t.total_fen = c.total_amount.fen;
    t.expires_at = expires;
    trades_[c.out_trade_no] = t;
    return {};
}

void AlipayFake::Create(const AlipayParams& p, const std::string& method, httplib::Response& res)
{
    std::optional<AlipayTradeContent> c = ParseAlipayTradeContentJson(Field(p, "biz_content"));
    if (!c) return Fail(res, method, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "biz_content is not a trade");
    std::string why, refused;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        refused = OpenTrade(*c, Field(p, "notify_url"), method, &why);
    }
    if (!refused.empty()) return Fail(res, method, "40004", "Business Failed", refused, why);
    Answer a;
    a.code = "10000";
    a.msg = "Success";
    a.out_trade_no = c->out_trade_no;
    a.qr_code = "https://qr.alipay.com/bax0" + Hex(reinterpret_cast<const unsigned char*>(c->out_trade_no.data()), c->out_trade_no.size());
    Reply(res, method, a);
}

AlipayFake::Trade* AlipayFake::Find(const std::string& out_trade_no, const std::string& trade_no)
{
    if (!out_trade_no.empty()) {
        auto it = trades_.find(out_trade_no);
        if (it == trades_.end() || (!trade_no.empty() && it->second.trade_no != trade_no)) return nullptr;
        return &it->second;
    }
    for (auto& [no, t] : trades_)
        if (!trade_no.empty() && t.trade_no == trade_no) return &t;
    return nullptr;
}

void AlipayFake::Query(const AlipayParams& p, httplib::Response& res)
{
    const char* method = "alipay.trade.query";
    std::optional<AlipayTradeContent> c = ParseAlipayTradeContentJson(Field(p, "biz_content"));
    if (!c) return Fail(res, method, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_trade_no or trade_no is required");
    Answer a;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Trade* t = Find(c->out_trade_no, c->trade_no);
        if (t) {
            a.code = "10000";
            a.msg = "Success";
            a.out_trade_no = t->out_trade_no;
            a.trade_no = t->trade_no;
            a.trade_status = t->status;
            a.total_amount = Money{t->total_fen};
            a.buyer_pay_amount = Money{t->trade_no.empty() ? 0 : t->total_fen};
            a.send_pay_date = t->paid_at;
            if (!t->trade_no.empty()) a.buyer_logon_id = "fak***@example.com";
        }
    }
    if (a.code.empty()) return Fail(res, method, "40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
    Reply(res, method, a);
}

void AlipayFake::Close(const AlipayParams& p, httplib::Response& res)
{
    const char* method = "alipay.trade.close";
    std::optional<AlipayTradeContent> c = ParseAlipayTradeContentJson(Field(p, "biz_content"));
    if (!c) return Fail(res, method, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_trade_no or trade_no is required");
    Answer a;
    std::string refused;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Trade* t = Find(c->out_trade_no, c->trade_no);
        if (!t) refused = "ACQ.TRADE_NOT_EXIST";
        else if (t->status != "WAIT_BUYER_PAY" && t->status != "TRADE_CLOSED") refused = "ACQ.TRADE_STATUS_ERROR";
        else {
            t->status = "TRADE_CLOSED";
            stats_.closed++;
            a.code = "10000";
            a.msg = "Success";
            a.out_trade_no = c->out_trade_no;
            a.trade_no = t->trade_no;
        }
    }
    if (!refused.empty()) return Fail(res, method, "40004", "Business Failed", refused, refused == "ACQ.TRADE_NOT_EXIST" ? "交易不存在" : "交易状态不合法");
    Reply(res, method, a);
}

void AlipayFake::Refund(const AlipayParams& p, httplib::Response& res)
{
    const char* method = "alipay.trade.refund";
    std::optional<AlipayRefundContent> c = ParseAlipayRefundContentJson(Field(p, "biz_content"));
    if (!c || c->refund_amount.fen <= 0) return Fail(res, method, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "refund_amount is required");
    if (!c->out_request_no.empty() && !ValidNo(c->out_request_no, 1, 64, true))
        return Fail(res, method, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_request_no must be at most 64 of [0-9A-Za-z_-]");
    Answer a;
    std::string refused, why;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Trade* t = Find(c->out_trade_no, c->trade_no);
        std::string request = c->out_request_no.empty() ? c->out_trade_no + c->trade_no : c->out_request_no;
        if (!t) refused = "ACQ.TRADE_NOT_EXIST", why = "交易不存在";
        else if (t->trade_no.empty()) refused = "ACQ.TRADE_STATUS_ERROR", why = "交易状态不合法";
        else if (auto seen = t->refunds.find(request); seen != t->refunds.end()) {
            // The same request again: answered, no money moves (fund_change N) [E1].
            if (seen->second != c->refund_amount.fen) refused = "ACQ.INVALID_PARAMETER", why = "out_request_no used with another amount";
            else a.fund_change = "N";
        } else if (c->out_request_no.empty() && c->refund_amount.fen != t->total_fen) {
            refused = "ACQ.INVALID_PARAMETER", why = "a partial refund needs out_request_no";
        } else if (t->refunded_fen + c->refund_amount.fen > t->total_fen) {
            refused = "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", why = "退款金额超限";
        } else {
            t->refunds[request] = c->refund_amount.fen;
            t->refunded_fen += c->refund_amount.fen;
            if (t->refunded_fen == t->total_fen) t->status = "TRADE_CLOSED";
            stats_.refunds++;
            a.fund_change = "Y";
            Notify(*t, request);
        }
        if (refused.empty()) {
            a.code = "10000";
            a.msg = "Success";
            a.out_trade_no = t->out_trade_no;
            a.trade_no = t->trade_no;
            a.refund_fee = Money{t->refunded_fen};
            a.buyer_logon_id = "fak***@example.com";
        }
    }
    if (!refused.empty()) return Fail(res, method, "40004", "Business Failed", refused, why);
    Reply(res, method, a);
}

void AlipayFake::QueryRefund(const AlipayParams& p, httplib::Response& res)
{
    const char* method = "alipay.trade.fastpay.refund.query";
    std::optional<AlipayRefundContent> c = ParseAlipayRefundContentJson(Field(p, "biz_content"));
    if (!c || c->out_request_no.empty()) return Fail(res, method, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_request_no is required");
    Answer a;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Trade* t = Find(c->out_trade_no, c->trade_no);
        if (!t) return Fail(res, method, "40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        a.code = "10000";
        a.msg = "Success";
        // A refund never asked for is answered without refund_status: not refunded [S1].
        if (auto r = t->refunds.find(c->out_request_no); r != t->refunds.end()) {
            a.out_request_no = r->first;
            a.refund_status = "REFUND_SUCCESS";
            a.refund_amount = Money{r->second};
            a.total_amount = Money{t->total_fen};
            a.trade_no = t->trade_no;
            a.out_trade_no = t->out_trade_no;
        }
    }
    Reply(res, method, a);
}

void AlipayFake::Declare(const AlipayParams& p, httplib::Response& res)
{
    std::optional<AlipayDeclareContent> c = ParseAlipayDeclareContentJson(Field(p, "biz_content"));
    if (!c) return Fail(res, kDeclare, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_request_no, trade_no, merchant_customs_code, merchant_customs_name, amount and customs_place are required");
    if (!ValidNo(c->out_request_no, 6, 32, true)) return Fail(res, kDeclare, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "out_request_no must be 6 to 32 of [0-9A-Za-z_-]");
    if (c->merchant_customs_code.size() > 20 || CountCodePoints(c->merchant_customs_name) > 256)
        return Fail(res, kDeclare, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "merchant_customs_code ≤ 20, merchant_customs_name ≤ 256");
    if (!KnownCustomsPlace(c->customs_place)) return Fail(res, kDeclare, "40004", "Business Failed", "ACQ.INVALID_PARAMETER", "unknown customs_place " + c->customs_place);
    std::string refused, why, body;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.declarations++;
        Trade* t = Find("", c->trade_no);
        if (!t) refused = Refusal(&why, "交易不存在", "ACQ.TRADE_NOT_EXIST");
        else if (auto seen = t->declarations.find(c->out_request_no); seen != t->declarations.end()) body = seen->second; // the same answer again
        else if (t->status != "TRADE_SUCCESS") refused = Refusal(&why, "交易状态不合法", "ACQ.TRADE_STATUS_ERROR");
        else if (c->amount.fen <= 0 || c->amount.fen > t->total_fen) refused = Refusal(&why, "报关金额超过交易金额", "ACQ.AMOUNT_EXCEED");
        else body = Declared(*t, *c);
    }
    if (!refused.empty()) return Fail(res, kDeclare, "40004", "Business Failed", refused, why);
    res.set_content(body, "application/json;charset=utf-8");
}

std::string AlipayFake::Declared(Trade& t, const AlipayDeclareContent& c)
{
    const PaymentCompany* alipay = FindPaymentCompany("alipay");
    Answer a;
    a.code = "10000";
    a.msg = "Success";
    a.alipay_declare_no = "2026" + RandomDigits(20);
    a.trade_no = t.trade_no; // not split: the voucher's number is the trade's
    a.pay_code = std::string(alipay->code);
    a.pay_transaction_id = RandomDigits(24);
    a.total_amount = c.amount; // written in fen, as Alipay writes this answer's
    a.currency = "CNY";
    // The payer is the person behind the Alipay account; the buyer is who the store declares.
    if (!c.buyer_cert_no.empty() || !c.buyer_name.empty())
        a.identity_check = c.buyer_cert_no == t.payer_id && c.buyer_name == t.payer_name ? "T" : "F";
    std::string content = AlipayAnswerToJson(a, kDeclare);
    std::string body = AlipaySignedAnswerJson(kDeclare, content, alipay_key_->SignSha256(content).value_or(""));
    t.declarations[c.out_request_no] = body;
    if (customs_signer_) {
        // Alipay's voucher to customs: the payment as paid, the payer as Alipay knows them.
        CebPayment v;
        v.guid = NewMessageGuid();
        v.declared_at = UnixNow();
        v.paid_at = ParseAlipayTime(t.paid_at);
        v.pay_code = std::string(alipay->code);
        v.pay_name = std::string(alipay->name);
        v.pay_transaction_id = t.trade_no;
        v.order_no = t.out_trade_no;
        v.ebp_code = c.merchant_customs_code;
        v.ebp_name = o_.platform_name;
        v.payer_id_number = t.payer_id;
        v.payer_name = t.payer_name;
        v.amount_paid = c.amount;
        v.dxp_id = "DXPENTALIPAY0001";
        courier_.PostVoucher(o_.single_window, Ceb411Xml(v), *customs_signer_, v.dxp_id);
    }
    return body;
}

std::string AlipayFake::PayTrade(const std::string& no, const std::string& payer_name, const std::string& payer_id)
{
    auto it = trades_.find(no);
    if (it == trades_.end()) return "no such trade";
    Trade& t = it->second;
    if (t.status != "WAIT_BUYER_PAY") return "the trade is " + t.status;
    if (t.expires_at > 0 && UnixNow() >= t.expires_at) return "the code has expired";
    t.status = "TRADE_SUCCESS";
    t.trade_no = "2026" + RandomDigits(24);
    t.paid_at = AlipayTime(UnixNow());
    t.payer_name = payer_name;
    t.payer_id = payer_id;
    Notify(t, "");
    return {};
}

void AlipayFake::Notify(const Trade& t, const std::string& out_biz_no)
{
    AlipayParams n = {{"notify_time", AlipayTime(UnixNow())},
                      {"notify_type", "trade_status_sync"},
                      {"notify_id", "2026" + RandomHex(14)},
                      {"app_id", o_.app_id},
                      {"charset", "utf-8"},
                      {"version", "1.0"},
                      {"sign_type", "RSA2"},
                      {"trade_no", t.trade_no},
                      {"out_trade_no", t.out_trade_no},
                      {"buyer_id", "2088" + RandomDigits(12)},
                      {"trade_status", t.status},
                      {"total_amount", FormatYuan(Money{t.total_fen})},
                      {"receipt_amount", FormatYuan(Money{t.total_fen})},
                      {"buyer_pay_amount", FormatYuan(Money{t.total_fen})},
                      {"subject", t.subject},
                      {"gmt_payment", t.paid_at}};
    if (!out_biz_no.empty()) {
        n["out_biz_no"] = out_biz_no;
        n["refund_fee"] = FormatYuan(Money{t.refunded_fen});
        n["gmt_refund"] = AlipayTime(UnixNow()) + ".000";
    }
    n["sign"] = alipay_key_->SignSha256(AlipaySignContent(n, true)).value_or("");
    FakeCourier::Letter l;
    l.url = t.notify_url;
    l.body = AlipayForm(n);
    l.content_type = "application/x-www-form-urlencoded;charset=utf-8";
    l.expect_body = "success";
    courier_.Post(std::move(l));
}

void AlipayFake::Pay(const httplib::Request& req, httplib::Response& res)
{
    std::string no = req.get_param_value("out_trade_no");
    std::lock_guard<std::mutex> lock(mutex_);
    std::string why = PayTrade(no, req.get_param_value("payer_name"), req.get_param_value("payer_id"));
    if (!why.empty()) {
        res.status = trades_.count(no) ? 409 : 404;
        res.set_content(why + "\n", "text/plain");
        return;
    }
    res.set_content(trades_[no].trade_no + "\n", "text/plain");
}

void AlipayFake::WapPay(const httplib::Request& req, httplib::Response& res)
{
    auto page = [&](int status, const std::string& body) {
        res.status = status;
        res.set_content("<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'>"
                        "<title>Alipay (fake)</title><body style='font:16px sans-serif;margin:24px'><h1>Alipay — local fake</h1>" +
                            body,
                        "text/html; charset=utf-8");
    };
    if (req.method == "POST") {
        // The shopper confirmed on the page: paid, then back to the store with Alipay's signed return parameters.
        std::string no = req.get_param_value("out_trade_no"), back = req.get_param_value("return_url"), why;
        AlipayParams ret;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            why = PayTrade(no, req.get_param_value("payer_name"), req.get_param_value("payer_id"));
            if (why.empty()) {
                const Trade& t = trades_[no];
                ret = {{"method", "alipay.trade.wap.pay.return"}, {"app_id", o_.app_id},        {"charset", "utf-8"},
                       {"sign_type", "RSA2"},                    {"version", "1.0"},            {"timestamp", AlipayTime(UnixNow())},
                       {"out_trade_no", no},                     {"trade_no", t.trade_no},      {"total_amount", FormatYuan(Money{t.total_fen})}};
                ret["sign"] = alipay_key_->SignSha256(AlipaySignContent(ret, true)).value_or("");
            }
        }
        if (why.empty() && (back.rfind("http://", 0) == 0 || back.rfind("https://", 0) == 0))
            return res.set_redirect(back + (back.find('?') == std::string::npos ? "?" : "&") + AlipayForm(ret));
        return page(why.empty() ? 200 : 409, "<p id=result>" + EscapeMarkup(why.empty() ? "paid" : why) + "</p>");
    }
    std::optional<AlipayParams> p = Checked(req, res, kWapPay);
    if (!p) return;
    std::optional<AlipayTradeContent> c = ParseAlipayTradeContentJson(Field(*p, "biz_content"));
    std::string why, refused = c ? "" : "ACQ.INVALID_PARAMETER";
    if (c) {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.requests++;
        refused = OpenTrade(*c, Field(*p, "notify_url"), kWapPay, &why);
    }
    if (!refused.empty()) return page(400, "<p id=result>" + EscapeMarkup(refused + " " + why) + "</p>");
    // The payer's real-name identity is the Alipay account's: here, typed in.
    page(200, "<p>No money moves. Order " + EscapeMarkup(c->out_trade_no) + ", ¥" + FormatYuan(c->total_amount) + "</p>"
              "<form method=post action='/fake/wap-pay'><input type=hidden name=out_trade_no value='" + EscapeMarkup(c->out_trade_no) + "'>"
              "<input type=hidden name=return_url value='" + EscapeMarkup(Field(*p, "return_url")) + "'>"
              "<p><label>Payer's real name <input name=payer_name id=payer_name required></label></p>"
              "<p><label>Payer's ID number <input name=payer_id id=payer_id required></label></p>"
              "<p><button id=pay>Pay ¥" + FormatYuan(c->total_amount) + "</button></p></form>");
}

void AlipayFake::Control(const httplib::Request& req, httplib::Response& res)
{
    std::lock_guard<std::mutex> lock(mutex_);
    ControlFake(req, res, faults_, courier_);
}

} // namespace bondstore
