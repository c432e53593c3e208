#include "core/wire/wechat_pay_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

#include <vector>

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

// A nested object of `j` (nothing if absent or not an object).
const json* Child(const json& j, const char* key)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) return nullptr;
    return &*it;
}

void WriteAmount(wire::JsonWriter& w, const char* total_key, Money total, const std::string& currency)
{
    w.Key("amount").BeginObject().Field(total_key, total.fen).Field("currency", currency).EndObject();
}

} // namespace

std::string WeChatCreateToJson(const WeChatCreate& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("appid", c.appid).Field("mchid", c.mchid).Field("description", c.description)
        .Field("out_trade_no", c.out_trade_no);
    if (!c.time_expire.empty()) w.Field("time_expire", c.time_expire);
    if (!c.attach.empty()) w.Field("attach", c.attach);
    w.Field("notify_url", c.notify_url);
    WriteAmount(w, "total", c.total, "CNY");
    if (!c.payer_client_ip.empty()) {
        w.Key("scene_info").BeginObject().Field("payer_client_ip", c.payer_client_ip);
        w.Key("h5_info").BeginObject().Field("type", "Wap").EndObject();
        w.EndObject();
    }
    w.EndObject();
    return out;
}

std::optional<WeChatCreate> ParseWeChatCreateJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "create", -1, problems);
    WeChatCreate c;
    c.appid = r.String("appid", true);
    c.mchid = r.String("mchid", true);
    c.description = r.String("description", true);
    c.out_trade_no = r.String("out_trade_no", true);
    c.time_expire = r.String("time_expire", false);
    c.attach = r.String("attach", false);
    c.notify_url = r.String("notify_url", true);
    const json* amount = Child(j, "amount");
    if (!amount) return std::nullopt;
    FieldReader a(*amount, "create", -1, problems, {}, "amount.");
    c.total = a.Fen("total", true);
    if (const json* scene = Child(j, "scene_info")) {
        FieldReader s(*scene, "create", -1, problems, {}, "scene_info.");
        c.payer_client_ip = s.String("payer_client_ip", true);
    }
    if (HasErrors(problems)) return std::nullopt;
    return c;
}

std::string WeChatCodeUrlToJson(const std::string& key, const std::string& url)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field(key, url).EndObject();
    return out;
}

std::optional<std::string> ParseWeChatCodeUrlJson(std::string_view text, const char* key)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "answer", -1, problems);
    std::string url = r.String(key, true);
    if (HasErrors(problems) || url.empty()) return std::nullopt;
    return url;
}

std::string WeChatCloseToJson(const std::string& mchid) { return WeChatCodeUrlToJson("mchid", mchid); }

std::optional<std::string> ParseWeChatCloseJson(std::string_view text) { return ParseWeChatCodeUrlJson(text, "mchid"); }

std::string WeChatTransactionToJson(const WeChatTransaction& t)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("appid", t.appid).Field("mchid", t.mchid).Field("out_trade_no", t.out_trade_no);
    if (!t.transaction_id.empty()) w.Field("transaction_id", t.transaction_id);
    if (!t.trade_type.empty()) w.Field("trade_type", t.trade_type);
    w.Field("trade_state", t.trade_state).Field("trade_state_desc", t.trade_state_desc);
    if (!t.success_time.empty()) w.Field("success_time", t.success_time);
    if (!t.attach.empty()) w.Field("attach", t.attach);
    if (!t.payer_openid.empty()) w.Key("payer").BeginObject().Field("openid", t.payer_openid).EndObject();
    w.Key("amount").BeginObject().Field("total", t.total.fen).Field("payer_total", t.payer_total.fen)
        .Field("currency", t.currency).Field("payer_currency", t.currency).EndObject();
    w.EndObject();
    return out;
}

std::optional<WeChatTransaction> ParseWeChatTransactionJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "transaction", -1, problems);
    WeChatTransaction t;
    t.appid = r.String("appid", true);
    t.mchid = r.String("mchid", true);
    t.out_trade_no = r.String("out_trade_no", true);
    t.transaction_id = r.String("transaction_id", false);
    t.trade_type = r.String("trade_type", false);
    t.trade_state = r.String("trade_state", true);
    t.trade_state_desc = r.String("trade_state_desc", false);
    t.success_time = r.String("success_time", false);
    t.attach = r.String("attach", false);
    if (const json* payer = Child(j, "payer")) {
        FieldReader p(*payer, "transaction", -1, problems, {}, "payer.");
        t.payer_openid = p.String("openid", false);
    }
    // A transaction not yet paid may come without an amount; one that is paid always has it.
    if (const json* amount = Child(j, "amount")) {
        FieldReader a(*amount, "transaction", -1, problems, {}, "amount.");
        t.total = a.Fen("total", false);
        t.payer_total = a.Fen("payer_total", false);
        std::string currency = a.String("currency", false);
        if (!currency.empty()) t.currency = currency;
    } else if (t.trade_state == "SUCCESS") {
        return std::nullopt;
    }
    if (HasErrors(problems) || t.out_trade_no.empty()) return std::nullopt;
    return t;
}

std::string WeChatRefundRequestToJson(const WeChatRefund& r)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    if (!r.transaction_id.empty()) w.Field("transaction_id", r.transaction_id);
    else w.Field("out_trade_no", r.out_trade_no);
    w.Field("out_refund_no", r.out_refund_no);
    if (!r.reason.empty()) w.Field("reason", r.reason);
    if (!r.notify_url.empty()) w.Field("notify_url", r.notify_url);
    w.Key("amount").BeginObject().Field("refund", r.refund.fen).Field("total", r.total.fen).Field("currency", r.currency).EndObject();
    w.EndObject();
    return out;
}

namespace {

std::optional<WeChatRefund> ReadRefund(std::string_view text, bool answer)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "refund", -1, problems);
    WeChatRefund f;
    f.out_trade_no = r.String("out_trade_no", false);
    f.transaction_id = r.String("transaction_id", false);
    f.out_refund_no = r.String("out_refund_no", true);
    f.reason = r.String("reason", false);
    f.notify_url = r.String("notify_url", false);
    if (answer) {
        f.refund_id = r.String("refund_id", true);
        // The answer names it "status", a REFUND notification "refund_status".
        f.status = j.contains("status") ? r.String("status", true) : r.String("refund_status", true);
    }
    const json* amount = Child(j, "amount");
    if (!amount) return std::nullopt;
    FieldReader a(*amount, "refund", -1, problems, {}, "amount.");
    f.refund = a.Fen("refund", true);
    f.total = a.Fen("total", true);
    std::string currency = a.String("currency", !answer);
    if (!currency.empty()) f.currency = currency;
    if (HasErrors(problems) || (f.out_trade_no.empty() && f.transaction_id.empty())) return std::nullopt;
    return f;
}

} // namespace

std::optional<WeChatRefund> ParseWeChatRefundRequestJson(std::string_view text) { return ReadRefund(text, false); }

std::string WeChatRefundToJson(const WeChatRefund& r, bool notification)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("refund_id", r.refund_id).Field("out_refund_no", r.out_refund_no)
        .Field("transaction_id", r.transaction_id).Field("out_trade_no", r.out_trade_no)
        .Field(notification ? "refund_status" : "status", r.status);
    w.Key("amount").BeginObject().Field("refund", r.refund.fen).Field("total", r.total.fen).Field("currency", r.currency).EndObject();
    w.EndObject();
    return out;
}

std::optional<WeChatRefund> ParseWeChatRefundJson(std::string_view text) { return ReadRefund(text, true); }

std::string WeChatNotificationToJson(const WeChatNotification& n)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("id", n.id).Field("create_time", n.create_time).Field("resource_type", n.resource_type)
        .Field("event_type", n.event_type).Field("summary", n.summary);
    w.Key("resource").BeginObject().Field("original_type", n.original_type).Field("algorithm", n.algorithm)
        .Field("ciphertext", n.ciphertext).Field("associated_data", n.associated_data).Field("nonce", n.nonce).EndObject();
    w.EndObject();
    return out;
}

std::optional<WeChatNotification> ParseWeChatNotificationJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "notification", -1, problems);
    WeChatNotification n;
    n.id = r.String("id", true);
    n.create_time = r.String("create_time", false);
    n.event_type = r.String("event_type", true);
    n.resource_type = r.String("resource_type", true);
    n.summary = r.String("summary", false);
    const json* res = Child(j, "resource");
    if (!res) return std::nullopt;
    FieldReader e(*res, "notification", -1, problems, {}, "resource.");
    n.original_type = e.String("original_type", false);
    n.algorithm = e.String("algorithm", true);
    n.ciphertext = e.String("ciphertext", true);
    n.associated_data = e.String("associated_data", false);
    n.nonce = e.String("nonce", true);
    if (HasErrors(problems)) return std::nullopt;
    return n;
}

std::string WeChatErrorToJson(const WeChatError& e)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("code", e.code).Field("message", e.message).EndObject();
    return out;
}

std::optional<WeChatError> ParseWeChatErrorJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "error", -1, problems);
    WeChatError e;
    e.code = r.String("code", true);
    e.message = r.String("message", false);
    if (HasErrors(problems)) return std::nullopt;
    return e;
}

std::string WeChatPayConfigToJson(const WeChatPayConfig& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("appid", c.appid).Field("mchid", c.mchid).Field("merchant_serial", c.merchant_serial)
        .Field("merchant_key_file", c.merchant_key_file).Field("platform_key_file", c.platform_key_file)
        .Field("platform_serial", c.platform_serial);
    if (!c.apiv3_key_file.empty()) w.Field("apiv3_key_file", c.apiv3_key_file);
    if (!c.apiv2_key_file.empty()) w.Field("apiv2_key_file", c.apiv2_key_file);
    w.Field("api", c.api);
    if (!c.customs_api.empty()) w.Field("customs_api", c.customs_api);
    w.Field("notify_url", c.notify_url).Field("customs", c.customs).Field("mch_customs_no", c.mch_customs_no)
        .Field("timeout_ms", c.timeout_ms);
    if (c.demo) w.Key("demo").Bool(true);
    w.EndObject();
    return out;
}

std::optional<WeChatPayConfig> ParseWeChatPayConfigJson(std::string_view text, std::vector<Problem>* problems)
{
    json j = wire::ParseObject(text, problems);
    if (!j.is_object()) return std::nullopt;
    FieldReader r(j, "wechat_pay", -1, *problems);
    WeChatPayConfig c;
    c.appid = r.String("appid", true);
    c.mchid = r.String("mchid", true);
    c.merchant_serial = r.String("merchant_serial", true);
    c.merchant_key_file = r.String("merchant_key_file", true);
    c.platform_key_file = r.String("platform_key_file", true);
    c.platform_serial = r.String("platform_serial", true);
    c.apiv3_key_file = r.String("apiv3_key_file", false);
    c.apiv2_key_file = r.String("apiv2_key_file", false);
    if (std::string api = r.String("api", false); !api.empty()) c.api = api;
    c.customs_api = r.String("customs_api", false);
    c.notify_url = r.String("notify_url", true);
    if (std::string customs = r.String("customs", false); !customs.empty()) c.customs = customs;
    c.mch_customs_no = r.String("mch_customs_no", true);
    if (j.contains("timeout_ms")) c.timeout_ms = r.Integer("timeout_ms", true);
    if (j.contains("demo")) {
        if (!j["demo"].is_boolean()) r.Report("json.expected_boolean", "demo", j["demo"].dump());
        else c.demo = j["demo"].get<bool>();
    }
    r.UnknownFields({"appid", "mchid", "merchant_serial", "merchant_key_file", "platform_key_file", "platform_serial", "apiv3_key_file",
                     "apiv2_key_file", "api", "customs_api", "notify_url", "customs", "mch_customs_no", "timeout_ms", "demo"});
    if (c.timeout_ms < 100 || c.timeout_ms > 120000) r.Report("json.integer_out_of_range", "timeout_ms", std::to_string(c.timeout_ms));
    if (HasErrors(*problems)) return std::nullopt;
    return c;
}

} // namespace bondstore
