// This fake is longer than 600 lines because it plays one party whole — WeChat Pay's payment, refund and
// customs APIs and its notifications, each checked as WeChat Pay checks them, over one state.
#include "server/payments/wechat_pay_fake.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/customs/ceb_message.h"
#include "server/payments/wechat_pay.h"
#include "server/payments/wechat_pay_protocol.h"

#include "core/base/localized_text.h"
#include "core/customs/customs_codes.h"
#include "core/formats/markup_text.h"
#include "core/wire/wechat_pay_json.h"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <cstdio>
#include <cstdlib>

namespace bondstore {

namespace {

// out_trade_no and out_refund_no: 6–32 characters of digits, letters and _-*|@ [I7].
bool ValidMerchantNo(const std::string& s)
{
    if (s.size() < 6 || s.size() > 32) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '*' && c != '|' && c != '@') return false;
    return true;
}

// RFC 3339 as WeChat Pay writes it ("2018-06-08T10:34:56+08:00"); -1 if it is not that.
int64_t ParseRfc3339(const std::string& s)
{
    int y, mo, d, h, mi, sec, oh, om;
    char sign;
    if (s.size() != 25 || std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h, &mi, &sec, &sign, &oh, &om) != 9 ||
        (sign != '+' && sign != '-'))
        return -1;
    // Days from civil (Howard Hinnant's algorithm).
    y -= mo <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    int64_t offset = (oh * 3600 + om * 60) * (sign == '+' ? 1 : -1);
    return days * 86400 + h * 3600 + mi * 60 + sec - offset;
}

// WeChat Pay's error answer: {"code","message"} with the status it documents for the code.
void Refuse(httplib::Response& res, int status, const char* code, const char* message)
{
    res.status = status;
    res.set_content(WeChatErrorToJson({code, message}), "application/json");
}

const std::vector<std::string>& CustomsOffices()
{
    static const std::vector<std::string> list = {"GUANGZHOU_ZS", "HANGZHOU_ZS", "NINGBO",   "ZHENGZHOU_BS",    "CHONGQING",
                                                  "SHANGHAI_ZS",  "SHENZHEN",    "ZHENGZHOU_ZH_ZS", "TIANJIN"};
    return list;
}

} // namespace

bool WeChatPayFake::MakeAccount(const std::string& dir, const std::string& fake_url, const std::string& notify_url,
                                WeChatPayFakeOptions* o, std::string* error)
{
    if (!MakePrivateDirectory(dir, error)) return false;
    auto keep = [&](const char* name, const std::function<std::string()>& make, std::string* into) {
        return KeepAccountFile(dir + "/" + name, make, into, error);
    };
    std::string merchant_key, apiv3, apiv2;
    auto secret = [] { return RandomHex(16); }; // 32 characters
    if (!keep("merchant-key.pem", NewRsaKeyPem, &merchant_key) || !keep("platform-key.pem", NewRsaKeyPem, &o->platform_key) ||
        !keep("apiv3.key", secret, &apiv3) || !keep("apiv2.key", secret, &apiv2))
        return false;
    o->apiv3_key = apiv3;
    o->apiv2_key = apiv2;
    // The payment company's key for customs, and its certificate the single window trusts.
    o->customs_key_file = dir + "/customs-key.pem";
    o->customs_cert_file = dir + "/customs-cert.pem";
    std::string existing;
    if (!ReadFile(o->customs_cert_file, &existing) &&
        !CreateSelfSignedSigningKey(o->customs_key_file, o->customs_cert_file, "Tenpay customs declaration (local fake)", error))
        return false;
    std::unique_ptr<RsaKey> merchant = RsaKey::FromPem(merchant_key, error);
    std::unique_ptr<RsaKey> platform = RsaKey::FromPem(o->platform_key, error);
    if (!merchant || !platform) return false;
    o->merchant_public_key = merchant->PublicPem();
    if (!WriteFileAtomically(dir + "/platform-public.pem", platform->PublicPem())) {
        *error = "cannot write " + dir + "/platform-public.pem";
        return false;
    }
    WeChatPayConfig c;
    c.appid = o->appid;
    c.mchid = o->mchid;
    c.merchant_serial = o->merchant_serial;
    c.merchant_key_file = "merchant-key.pem";
    c.platform_key_file = "platform-public.pem";
    c.platform_serial = o->platform_serial;
    c.apiv3_key_file = "apiv3.key";
    c.apiv2_key_file = "apiv2.key";
    c.api = fake_url;
    c.notify_url = notify_url;
    c.mch_customs_no = o->platform_code; // the platform's customs registration, as filed with WeChat Pay
    c.demo = true;                   // the store says "demo payment" wherever it takes payment
    if (!WriteFileAtomically(dir + "/wechat-pay.json", WeChatPayConfigToJson(c) + "\n")) {
        *error = "cannot write " + dir + "/wechat-pay.json";
        return false;
    }
    return true;
}

WeChatPayFake::WeChatPayFake(WeChatPayFakeOptions options) : o_(std::move(options)) {}

WeChatPayFake::~WeChatPayFake() { Stop(); }

void WeChatPayFake::Stop() { courier_.Stop(); }

std::string WeChatPayFake::TradeState(const std::string& out_trade_no)
{
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = trades_.find(out_trade_no);
    return it == trades_.end() ? std::string() : it->second.state;
}

WeChatPayFake::Stats WeChatPayFake::stats()
{
    Stats own;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        own = stats_;
    }
    return courier_.Counted(own);
}

bool WeChatPayFake::Mount(httplib::Server& server, std::string* error)
{
    merchant_key_ = RsaKey::FromPem(o_.merchant_public_key, error);
    if (!merchant_key_) return false;
    platform_key_ = RsaKey::FromPem(o_.platform_key, error);
    if (!platform_key_) return false;
    if (!platform_key_->has_private()) {
        *error = "the platform key must be a private key";
        return false;
    }
    if (o_.apiv3_key.size() != 32 || o_.apiv2_key.size() != 32) {
        *error = "the APIv3 and APIv2 keys must be 32 characters";
        return false;
    }
    if (!o_.single_window.empty()) {
        customs_signer_ = OpenKeySigner(o_.customs_key_file, o_.customs_cert_file, "TENPAY0001", error);
        if (!customs_signer_) return false;
    }
    server.Post("/v3/pay/transactions/native", [this](const httplib::Request& q, httplib::Response& r) { Create(q, r, false); });
    server.Post("/v3/pay/transactions/h5", [this](const httplib::Request& q, httplib::Response& r) { Create(q, r, true); });
    server.Get(R"(/v3/pay/transactions/out-trade-no/([^/]+))", [this](const httplib::Request& q, httplib::Response& r) { Query(q, r); });
    server.Post(R"(/v3/pay/transactions/out-trade-no/([^/]+)/close)", [this](const httplib::Request& q, httplib::Response& r) { Close(q, r); });
    server.Post("/v3/refund/domestic/refunds", [this](const httplib::Request& q, httplib::Response& r) { Refund(q, r); });
    server.Get(R"(/v3/refund/domestic/refunds/([^/]+))", [this](const httplib::Request& q, httplib::Response& r) { QueryRefund(q, r); });
    server.Post("/cgi-bin/mch/customs/customdeclareorder", [this](const httplib::Request& q, httplib::Response& r) { Declare(q, r); });
    server.Post("/fake/pay", [this](const httplib::Request& q, httplib::Response& r) { Pay(q, r); });
    server.Get("/h5pay", [this](const httplib::Request& q, httplib::Response& r) { H5Page(q, r); });
    server.Post("/h5pay", [this](const httplib::Request& q, httplib::Response& r) { H5Page(q, r); });
    server.Post("/fake/control", [this](const httplib::Request& q, httplib::Response& r) { Control(q, r); });
    server.Get("/fake/stats", [this](const httplib::Request&, httplib::Response& r) { r.set_content(PaymentFakeStatsText(stats()), "text/plain"); });
    courier_.Start();
    return true;
}

void WeChatPayFake::Sign(httplib::Response& res, const std::string& body, int status, const char* content_type)
{
    std::string ts = std::to_string(UnixNow()), nonce = RandomHex(16);
    res.status = status;
    res.set_header("Wechatpay-Timestamp", ts);
    res.set_header("Wechatpay-Nonce", nonce);
    res.set_header("Wechatpay-Serial", o_.platform_serial);
    res.set_header("Wechatpay-Signature", platform_key_->SignSha256(WeChatAnswerMessage(ts, nonce, body)).value_or(""));
    res.set_header("Request-ID", RandomHex(16));
    if (!body.empty()) res.set_content(body, content_type);
}

void WeChatPayFake::Error(httplib::Response& res, int status, const char* code, const std::string& message)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.refused++;
    }
    res.status = status;
    res.set_content(WeChatErrorToJson({code, message}), "application/json");
}

bool WeChatPayFake::Delay(httplib::Response& res)
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
    if (fail.empty()) return false;
    res.status = 500;
    res.set_content(WeChatErrorToJson({fail, "system error, try again"}), "application/json");
    return true;
}

bool WeChatPayFake::Authorized(const httplib::Request& req, httplib::Response& res)
{
    std::optional<WeChatAuthorization> a = ParseWeChatAuthorization(req.get_header_value("Authorization"));
    bool ok = a && a->mchid == o_.mchid && a->serial_no == o_.merchant_serial && WeChatTimestampFresh(a->timestamp, UnixNow()) &&
              merchant_key_->VerifySha256(WeChatRequestMessage(req.method, req.target, a->timestamp, a->nonce_str, req.body), a->signature);
    if (ok) return true;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.bad_signatures++;
    }
    Error(res, 401, "SIGN_ERROR", "signature verification failed");
    return false;
}

std::string WeChatPayFake::TransactionJson(const std::string& no, const Trade& t)
{
    WeChatTransaction x;
    x.appid = t.appid;
    x.mchid = o_.mchid;
    x.out_trade_no = no;
    x.transaction_id = t.transaction_id;
    x.trade_type = t.trade_type;
    x.trade_state = t.state;
    x.trade_state_desc = t.state == "SUCCESS" ? "支付成功" : t.state == "CLOSED" ? "已关闭" : "订单未支付";
    x.success_time = t.success_time;
    x.attach = t.attach;
    if (!t.transaction_id.empty()) x.payer_openid = "oFAKE" + t.transaction_id.substr(t.transaction_id.size() - 8);
    x.total = Money{t.total_fen};
    x.payer_total = Money{t.state == "NOTPAY" ? 0 : t.total_fen};
    return WeChatTransactionToJson(x);
}

std::string WeChatPayFake::RefundJson(const std::string& no, const RefundRecord& r)
{
    WeChatRefund f;
    f.out_refund_no = no;
    f.refund_id = r.refund_id;
    f.out_trade_no = r.out_trade_no;
    f.transaction_id = r.transaction_id;
    f.status = r.status;
    f.refund = Money{r.refund_fen};
    f.total = Money{r.total_fen};
    return WeChatRefundToJson(f);
}

void WeChatPayFake::Create(const httplib::Request& req, httplib::Response& res, bool h5)
{
    if (Delay(res) || !Authorized(req, res)) return;
    std::optional<WeChatCreate> c = ParseWeChatCreateJson(req.body);
    if (!c) return Error(res, 400, "PARAM_ERROR", "the body is not a create request");
    if (c->mchid != o_.mchid) return Error(res, 400, "PARAM_ERROR", "mchid is not the signer's");
    if (c->appid != o_.appid) return Error(res, 400, "APPID_MCHID_NOT_MATCH", "appid and mchid do not match");
    size_t dl = CountCodePoints(c->description); // characters, not bytes
    if (dl < 1 || dl > 127) return Error(res, 400, "PARAM_ERROR", "description must be 1 to 127 characters");
    if (!ValidMerchantNo(c->out_trade_no)) return Error(res, 400, "PARAM_ERROR", "out_trade_no must be 6 to 32 of [0-9A-Za-z_-*|@]");
    bool https = c->notify_url.rfind("https://", 0) == 0;
    if ((!https && !(o_.allow_http_notify && LoopbackHttpUrl(c->notify_url))) || c->notify_url.find('?') != std::string::npos ||
        c->notify_url.size() > 256)
        return Error(res, 400, "PARAM_ERROR", "notify_url must be an https URL without a query, at most 256 characters");
    if (c->total.fen <= 0) return Error(res, 400, "PARAM_ERROR", "amount.total must be at least 1 fen");
    int64_t expires = 0;
    if (!c->time_expire.empty()) {
        expires = ParseRfc3339(c->time_expire);
        if (expires < 0) return Error(res, 400, "PARAM_ERROR", "time_expire is not RFC 3339");
        if (expires <= UnixNow()) return Error(res, 400, "PARAM_ERROR", "time_expire is in the past");
    }
    if (h5 && c->payer_client_ip.empty()) return Error(res, 400, "PARAM_ERROR", "scene_info.payer_client_ip is required");
    std::string body;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = trades_.find(c->out_trade_no);
        if (it != trades_.end()) {
            Trade& t = it->second;
            if (t.state == "SUCCESS") return Refuse(res, 400, "ORDERPAID", "order paid");
            if (t.state == "CLOSED") return Refuse(res, 400, "ORDER_CLOSED", "order closed");
            // The same number with other content is a reuse; the same request again gets the same code.
            if (t.total_fen != c->total.fen || t.description != c->description)
                return Refuse(res, 400, "INVALID_REQUEST", "out_trade_no used with other parameters");
        } else {
            Trade t;
            t.appid = c->appid;
            t.description = c->description;
            t.notify_url = c->notify_url;
            t.trade_type = h5 ? "MWEB" : "NATIVE";
            t.time_expire = c->time_expire;
            t.expires_at = expires;
            t.total_fen = c->total.fen;
            t.attach = c->attach;
            trades_[c->out_trade_no] = t;
        }
    }
    std::string pr = Hex(reinterpret_cast<const unsigned char*>(c->out_trade_no.data()), c->out_trade_no.size());
    body = h5 ? WeChatCodeUrlToJson("h5_url", o_.h5_page + "?prepay_id=wx" + pr + "&package=" + pr)
              : WeChatCodeUrlToJson("code_url", "weixin://wxpay/bizpayurl?pr=" + pr);
    Sign(res, body, 200, "application/json");
}

void WeChatPayFake::Query(const httplib::Request& req, httplib::Response& res)
{
    if (Delay(res) || !Authorized(req, res)) return;
    if (req.get_param_value("mchid") != o_.mchid) return Error(res, 400, "PARAM_ERROR", "mchid is missing or not the signer's");
    std::string body;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = trades_.find(req.matches[1]);
        if (it == trades_.end()) {
            Refuse(res, 404, "ORDER_NOT_EXIST", "order does not exist");
            return;
        }
        body = TransactionJson(it->first, it->second);
    }
    Sign(res, body, 200, "application/json");
}

void WeChatPayFake::Close(const httplib::Request& req, httplib::Response& res)
{
    if (Delay(res) || !Authorized(req, res)) return;
    std::optional<std::string> mchid = ParseWeChatCloseJson(req.body);
    if (!mchid || *mchid != o_.mchid) return Error(res, 400, "PARAM_ERROR", "the body must be {\"mchid\"} of the signer");
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = trades_.find(req.matches[1]);
        if (it == trades_.end()) {
            Refuse(res, 404, "ORDER_NOT_EXIST", "order does not exist");
            return;
        }
        if (it->second.state == "SUCCESS" || it->second.state == "REFUND") {
            Refuse(res, 400, "ORDERPAID", "order paid");
            return;
        }
        it->second.state = "CLOSED";
        stats_.closed++;
    }
    Sign(res, "", 204, "application/json");
}

void WeChatPayFake::Refund(const httplib::Request& req, httplib::Response& res)
{
    if (Delay(res) || !Authorized(req, res)) return;
    std::optional<WeChatRefund> q = ParseWeChatRefundRequestJson(req.body);
    if (!q) return Error(res, 400, "PARAM_ERROR", "the body is not a refund request");
    if (!ValidMerchantNo(q->out_refund_no)) return Error(res, 400, "PARAM_ERROR", "out_refund_no must be 6 to 32 of [0-9A-Za-z_-*|@]");
    if (q->currency != "CNY") return Error(res, 400, "PARAM_ERROR", "currency must be CNY");
    std::string body;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto seen = refunds_.find(q->out_refund_no);
        if (seen != refunds_.end()) {
            // One refund per out_refund_no: the same again answers the same refund [J5].
            if (seen->second.refund_fen != q->refund.fen) {
                Refuse(res, 400, "INVALID_REQUEST", "out_refund_no used with another amount");
                return;
            }
            body = RefundJson(seen->first, seen->second);
        } else {
            auto it = trades_.end();
            for (auto t = trades_.begin(); t != trades_.end(); ++t)
                if (t->first == q->out_trade_no || (!q->transaction_id.empty() && t->second.transaction_id == q->transaction_id)) it = t;
            if (it == trades_.end()) {
                Refuse(res, 404, "RESOURCE_NOT_EXISTS", "order does not exist");
                return;
            }
            Trade& t = it->second;
            if (t.state != "SUCCESS" && t.state != "REFUND") {
                Refuse(res, 400, "INVALID_REQUEST", "the order is not paid");
                return;
            }
            if (q->total.fen != t.total_fen || q->refund.fen <= 0) {
                Refuse(res, 400, "PARAM_ERROR", "amount.total is not the order's, or refund is not positive");
                return;
            }
            if (t.refunded_fen + q->refund.fen > t.total_fen) {
                Refuse(res, 403, "NOT_ENOUGH", "refunds would exceed the amount paid");
                return;
            }
            t.refunded_fen += q->refund.fen;
            if (t.refunded_fen == t.total_fen) t.state = "REFUND";
            RefundRecord r;
            r.out_trade_no = it->first;
            r.transaction_id = t.transaction_id;
            r.refund_id = "50300" + RandomDigits(24);
            r.notify_url = q->notify_url.empty() ? t.notify_url : q->notify_url;
            r.refund_fen = q->refund.fen;
            r.total_fen = t.total_fen;
            refunds_[q->out_refund_no] = r;
            stats_.refunds++;
            body = RefundJson(q->out_refund_no, r);
            courier_.After(o_.refund_delay_ms, [this, no = q->out_refund_no] { CompleteRefund(no); });
        }
    }
    Sign(res, body, 200, "application/json");
}

void WeChatPayFake::QueryRefund(const httplib::Request& req, httplib::Response& res)
{
    if (Delay(res) || !Authorized(req, res)) return;
    std::string body;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = refunds_.find(req.matches[1]);
        if (it == refunds_.end()) {
            Refuse(res, 404, "RESOURCE_NOT_EXISTS", "refund does not exist");
            return;
        }
        body = RefundJson(it->first, it->second);
    }
    Sign(res, body, 200, "application/json");
}

void WeChatPayFake::Declare(const httplib::Request& req, httplib::Response& res)
{
    if (Delay(res)) return;
    auto answer = [&](WeChatV2Fields f) {
        if (f["return_code"] == "SUCCESS") f["sign"] = WeChatV2Sign(f, o_.apiv2_key, "MD5");
        res.set_content(WeChatV2Xml(f), "text/xml");
    };
    std::optional<WeChatV2Fields> q = ParseWeChatV2Xml(req.body);
    if (!q) return answer({{"return_code", "FAIL"}, {"return_msg", "XML format error"}});
    if (!WeChatV2Verify(*q, o_.apiv2_key)) {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.bad_signatures++;
        return answer({{"return_code", "FAIL"}, {"return_msg", "签名错误"}});
    }
    auto field = [&](const char* k) {
        auto it = q->find(k);
        return it == q->end() ? std::string() : it->second;
    };
    for (const char* k : {"appid", "mch_id", "out_trade_no", "transaction_id", "customs", "mch_customs_no"})
        if (field(k).empty()) return answer({{"return_code", "FAIL"}, {"return_msg", std::string("missing ") + k}});
    WeChatV2Fields a = {{"return_code", "SUCCESS"}, {"return_msg", "OK"}, {"appid", field("appid")}, {"mch_id", field("mch_id")},
                        {"out_trade_no", field("out_trade_no")}, {"transaction_id", field("transaction_id")}};
    auto fail = [&](const char* code, const std::string& why) {
        a["result_code"] = "FAIL";
        a["err_code"] = code;
        a["err_code_des"] = why;
        a["state"] = "FAIL";
        answer(a);
    };
    if (field("mch_id") != o_.mchid || field("appid") != o_.appid) return fail("PARAM_ERROR", "appid or mch_id is not this merchant's");
    bool office = false;
    for (const std::string& c : CustomsOffices()) office |= c == field("customs");
    if (!office) return fail("PARAM_ERROR", "unknown customs " + field("customs"));
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.declarations++;
    auto it = trades_.find(field("out_trade_no"));
    if (it == trades_.end() || it->second.transaction_id != field("transaction_id")) return fail("ORDERNOTEXIST", "no such paid order");
    Trade& t = it->second;
    if (t.state != "SUCCESS") return fail("ORDERNOTPAY", "the order is not paid");
    if (!field("order_fee").empty()) {
        int64_t order_fee = std::atoll(field("order_fee").c_str());
        if (order_fee != t.total_fen) return fail("PARAM_ERROR", "order_fee is not the amount paid");
        if ((!field("product_fee").empty() || !field("transport_fee").empty()) &&
            std::atoll(field("product_fee").c_str()) + std::atoll(field("transport_fee").c_str()) != order_fee)
            return fail("PARAM_ERROR", "order_fee must be product_fee + transport_fee");
    }
    if (!t.declared_answer.empty()) {
        res.set_content(t.declared_answer, "text/xml");
        return;
    }
    a["result_code"] = "SUCCESS";
    a["state"] = "SUBMITTED";
    a["modify_time"] = ChinaClockText(UnixNow());
    a["verify_department"] = "OTHERS";
    a["verify_department_trade_id"] = "4208" + RandomDigits(24);
    // The payer is the person behind the WeChat account; the buyer is who the store declares.
    bool unchecked = faults_.unchecked_identity;
    faults_.unchecked_identity = false;
    if (field("cert_id").empty() || unchecked) a["cert_check_result"] = "UNCHECKED";
    else a["cert_check_result"] = field("cert_id") == t.payer_id && field("name") == t.payer_name ? "SAME" : "DIFFERENT";
    a["sign"] = WeChatV2Sign(a, o_.apiv2_key, "MD5");
    t.declared_answer = WeChatV2Xml(a);
    res.set_content(t.declared_answer, "text/xml");
    // Tenpay's voucher to customs: the payment as paid, the payer as WeChat Pay knows them.
    if (customs_signer_) {
        const PaymentCompany* tenpay = FindPaymentCompany("wechat");
        CebPayment p;
        p.guid = NewMessageGuid();
        p.declared_at = UnixNow();
        p.paid_at = ParseRfc3339(t.success_time);
        p.pay_code = std::string(tenpay->code);
        p.pay_name = std::string(tenpay->name);
        p.pay_transaction_id = t.transaction_id;
        p.order_no = it->first;
        p.ebp_code = field("mch_customs_no");
        p.ebp_name = o_.platform_name;
        p.payer_id_number = t.payer_id;
        p.payer_name = t.payer_name;
        p.amount_paid = Money{t.total_fen - t.refunded_fen};
        if (faults_.declare_amount_fen >= 0) p.amount_paid = Money{faults_.declare_amount_fen};
        faults_.declare_amount_fen = -1;
        p.dxp_id = "DXPENTTENPAY0001";
        courier_.PostVoucher(o_.single_window, Ceb411Xml(p), *customs_signer_, p.dxp_id);
    }
}

std::string WeChatPayFake::PayTrade(const std::string& no, const std::string& payer_name, const std::string& payer_id)
{
    auto it = trades_.find(no);
    if (it == trades_.end()) return "no such order";
    Trade& t = it->second;
    if (t.state != "NOTPAY") return "the order is " + t.state;
    if (t.expires_at > 0 && UnixNow() >= t.expires_at) return "the code has expired";
    t.state = "SUCCESS";
    t.transaction_id = "42000" + RandomDigits(23);
    t.success_time = WeChatTime(UnixNow());
    t.payer_name = payer_name;
    t.payer_id = payer_id;
    Notify(t.notify_url, "TRANSACTION.SUCCESS", "transaction", TransactionJson(no, t));
    return {};
}

void WeChatPayFake::Pay(const httplib::Request& req, httplib::Response& res)
{
    std::string no = req.get_param_value("out_trade_no");
    std::lock_guard<std::mutex> lock(mutex_);
    std::string why = PayTrade(no, req.get_param_value("payer_name"), req.get_param_value("payer_id"));
    if (!why.empty()) {
        res.status = trades_.count(no) ? 409 : 404;
        res.set_content(why + "\n", "text/plain");
        return;
    }
    res.set_content(trades_[no].transaction_id + "\n", "text/plain");
}

void WeChatPayFake::H5Page(const httplib::Request& req, httplib::Response& res)
{
    // prepay_id is "wx" + the order number in hex (Create): the order this page pays.
    std::string prepay = req.get_param_value("prepay_id"), no;
    if (prepay.size() > 2 && prepay.size() <= 66 && prepay.size() % 2 == 0) {
        std::string bytes((prepay.size() - 2) / 2, '\0');
        if (FromHex(std::string_view(prepay).substr(2), reinterpret_cast<unsigned char*>(bytes.data()), bytes.size())) no = bytes;
    }
    std::string back = req.get_param_value("redirect_url");
    if (req.method == "POST") {
        std::string why;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            why = PayTrade(no, req.get_param_value("payer_name"), req.get_param_value("payer_id"));
        }
        if (why.empty() && (back.rfind("http://", 0) == 0 || back.rfind("https://", 0) == 0)) return res.set_redirect(back);
        res.set_content("<!doctype html><meta charset=utf-8><title>WeChat Pay (fake)</title><p id=result>" +
                            EscapeMarkup(why.empty() ? "paid" : why) + "</p>",
                        "text/html; charset=utf-8");
        return;
    }
    int64_t total = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = trades_.find(no);
        if (it == trades_.end()) {
            res.status = 404;
            res.set_content("<!doctype html><meta charset=utf-8><p>no such payment</p>", "text/html; charset=utf-8");
            return;
        }
        total = it->second.total_fen;
    }
    char amount[32];
    std::snprintf(amount, sizeof amount, "%lld.%02lld", static_cast<long long>(total / 100), static_cast<long long>(total % 100));
    // The payer's real-name identity is the WeChat account's: here, typed in.
    res.set_content("<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'>"
                    "<title>WeChat Pay (fake)</title><body style='font:16px sans-serif;margin:24px'>"
                    "<h1>WeChat Pay — local fake</h1><p>No money moves. Order " + EscapeMarkup(no) + ", ¥" + amount + "</p>"
                    "<form method=post><input type=hidden name=prepay_id value='" + EscapeMarkup(prepay) + "'>"
                    "<input type=hidden name=redirect_url value='" + EscapeMarkup(back) + "'>"
                    "<p><label>Payer's real name <input name=payer_name id=payer_name required></label></p>"
                    "<p><label>Payer's ID number <input name=payer_id id=payer_id required></label></p>"
                    "<p><button id=pay>Pay ¥" + std::string(amount) + "</button></p></form>",
                    "text/html; charset=utf-8");
}

void WeChatPayFake::Control(const httplib::Request& req, httplib::Response& res)
{
    std::lock_guard<std::mutex> lock(mutex_);
    ControlFake(req, res, faults_, courier_);
}

void WeChatPayFake::Notify(const std::string& url, const std::string& event_type, const std::string& original_type,
                           const std::string& plaintext)
{
    WeChatNotification n;
    n.id = "EV-" + std::to_string(next_id_++) + "-" + RandomHex(6);
    n.create_time = WeChatTime(UnixNow());
    n.event_type = event_type;
    n.summary = event_type == "TRANSACTION.SUCCESS" ? "支付成功" : "退款成功";
    n.original_type = original_type;
    n.associated_data = original_type;
    n.nonce = RandomHex(6); // 12 characters
    n.ciphertext = AeadAes256GcmSeal(o_.apiv3_key, n.nonce, n.associated_data, plaintext).value_or("");
    FakeCourier::Letter l;
    l.url = url;
    l.body = WeChatNotificationToJson(n);
    l.content_type = "application/json";
    // Signed at each attempt, with that attempt's timestamp, as WeChat Pay signs them.
    l.headers = [this](const std::string& body) -> std::vector<std::pair<std::string, std::string>> {
        std::string ts = std::to_string(UnixNow()), nonce = RandomHex(16);
        return {{"Wechatpay-Timestamp", ts},
                {"Wechatpay-Nonce", nonce},
                {"Wechatpay-Serial", o_.platform_serial},
                {"Wechatpay-Signature-Type", kWeChatAuthScheme},
                {"Wechatpay-Signature", platform_key_->SignSha256(WeChatAnswerMessage(ts, nonce, body)).value_or("")}};
    };
    courier_.Post(std::move(l));
}

void WeChatPayFake::CompleteRefund(const std::string& no)
{
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = refunds_.find(no);
    if (it == refunds_.end() || it->second.status != "PROCESSING") return;
    RefundRecord& r = it->second;
    r.status = "SUCCESS";
    WeChatRefund f;
    f.out_trade_no = r.out_trade_no;
    f.transaction_id = r.transaction_id;
    f.out_refund_no = no;
    f.refund_id = r.refund_id;
    f.status = "SUCCESS";
    f.refund = Money{r.refund_fen};
    f.total = Money{r.total_fen};
    if (!r.notify_url.empty()) Notify(r.notify_url, "REFUND.SUCCESS", "refund", WeChatRefundToJson(f, true));
}

} // namespace bondstore
