#include "core/wire/alipay_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

#include <tuple>
#include <utility>

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

constexpr const char* kDeclareMethod = "alipay.trade.customs.declare";

// A yuan amount as Alipay writes it: a string, two decimals at most, never negative [S1].
Money ReadYuan(FieldReader& r, const char* key, bool required)
{
    std::string text = r.String(key, required);
    if (text.empty()) return {};
    MoneyParse m = ParseYuan(text);
    if (!m.ok() || text.find_first_of(", ") != std::string::npos) {
        r.Report("json.expected_decimal", key, text);
        return {};
    }
    return m.value;
}

void WriteYuan(wire::JsonWriter& w, const char* key, Money m)
{
    if (m.fen != 0) w.Field(key, FormatYuan(m));
}

void WriteSet(wire::JsonWriter& w, const char* key, const std::string& v)
{
    if (!v.empty()) w.Field(key, v);
}

// Either number: query, close and refund name the trade by out_trade_no or trade_no [E1].
bool NamesTrade(const std::string& out_trade_no, const std::string& trade_no) { return !out_trade_no.empty() || !trade_no.empty(); }

} // namespace

std::string AlipayTradeContentToJson(const AlipayTradeContent& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    WriteSet(w, "out_trade_no", c.out_trade_no);
    WriteSet(w, "trade_no", c.trade_no);
    WriteYuan(w, "total_amount", c.total_amount);
    WriteSet(w, "subject", c.subject);
    WriteSet(w, "product_code", c.product_code);
    WriteSet(w, "time_expire", c.time_expire);
    WriteSet(w, "quit_url", c.quit_url);
    w.EndObject();
    return out;
}

std::optional<AlipayTradeContent> ParseAlipayTradeContentJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "biz_content", -1, problems);
    AlipayTradeContent c;
    c.out_trade_no = r.String("out_trade_no", false);
    c.trade_no = r.String("trade_no", false);
    c.total_amount = ReadYuan(r, "total_amount", false);
    c.subject = r.String("subject", false);
    c.product_code = r.String("product_code", false);
    c.time_expire = r.String("time_expire", false);
    c.quit_url = r.String("quit_url", false);
    if (HasErrors(problems) || !NamesTrade(c.out_trade_no, c.trade_no)) return std::nullopt;
    return c;
}

std::string AlipayRefundContentToJson(const AlipayRefundContent& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    WriteSet(w, "out_trade_no", c.out_trade_no);
    WriteSet(w, "trade_no", c.trade_no);
    WriteYuan(w, "refund_amount", c.refund_amount);
    WriteSet(w, "out_request_no", c.out_request_no);
    WriteSet(w, "refund_reason", c.refund_reason);
    w.EndObject();
    return out;
}

std::optional<AlipayRefundContent> ParseAlipayRefundContentJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "biz_content", -1, problems);
    AlipayRefundContent c;
    c.out_trade_no = r.String("out_trade_no", false);
    c.trade_no = r.String("trade_no", false);
    c.refund_amount = ReadYuan(r, "refund_amount", false);
    c.out_request_no = r.String("out_request_no", false);
    c.refund_reason = r.String("refund_reason", false);
    if (HasErrors(problems) || !NamesTrade(c.out_trade_no, c.trade_no)) return std::nullopt;
    return c;
}

std::string AlipayDeclareContentToJson(const AlipayDeclareContent& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("out_request_no", c.out_request_no).Field("trade_no", c.trade_no)
        .Field("merchant_customs_code", c.merchant_customs_code).Field("merchant_customs_name", c.merchant_customs_name)
        .Field("amount", FormatYuan(c.amount)).Field("customs_place", c.customs_place);
    if (!c.buyer_name.empty() || !c.buyer_cert_no.empty()) {
        w.Key("buyer_info").BeginObject();
        WriteSet(w, "buyer_name", c.buyer_name);
        WriteSet(w, "buyer_cert_no", c.buyer_cert_no);
        w.EndObject();
    }
    w.EndObject();
    return out;
}

std::optional<AlipayDeclareContent> ParseAlipayDeclareContentJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "biz_content", -1, problems);
    AlipayDeclareContent c;
    c.out_request_no = r.String("out_request_no", true);
    c.trade_no = r.String("trade_no", true);
    c.merchant_customs_code = r.String("merchant_customs_code", true);
    c.merchant_customs_name = r.String("merchant_customs_name", true);
    c.amount = ReadYuan(r, "amount", true);
    c.customs_place = r.String("customs_place", true);
    auto buyer = j.find("buyer_info");
    if (buyer != j.end()) {
        if (!buyer->is_object()) return std::nullopt;
        FieldReader b(*buyer, "biz_content", -1, problems, {}, "buyer_info.");
        c.buyer_name = b.String("buyer_name", false);
        c.buyer_cert_no = b.String("buyer_cert_no", false);
    }
    if (HasErrors(problems)) return std::nullopt;
    return c;
}

namespace {

// The answer's text fields, by name: written when set, read when present.
struct TextField {
    const char* key;
    std::string AlipayAnswer::*member;
};
constexpr TextField kTextFields[] = {
    {"code", &AlipayAnswer::code},
    {"msg", &AlipayAnswer::msg},
    {"sub_code", &AlipayAnswer::sub_code},
    {"sub_msg", &AlipayAnswer::sub_msg},
    {"out_trade_no", &AlipayAnswer::out_trade_no},
    {"trade_no", &AlipayAnswer::trade_no},
    {"qr_code", &AlipayAnswer::qr_code},
    {"trade_status", &AlipayAnswer::trade_status},
    {"send_pay_date", &AlipayAnswer::send_pay_date},
    {"buyer_logon_id", &AlipayAnswer::buyer_logon_id},
    {"fund_change", &AlipayAnswer::fund_change},
    {"out_request_no", &AlipayAnswer::out_request_no},
    {"refund_status", &AlipayAnswer::refund_status},
    {"alipay_declare_no", &AlipayAnswer::alipay_declare_no},
    {"pay_code", &AlipayAnswer::pay_code},
    {"pay_transaction_id", &AlipayAnswer::pay_transaction_id},
    {"identity_check", &AlipayAnswer::identity_check},
    {"currency", &AlipayAnswer::currency},
};
struct MoneyField {
    const char* key;
    Money AlipayAnswer::*member;
};
constexpr MoneyField kMoneyFields[] = {
    {"total_amount", &AlipayAnswer::total_amount},
    {"buyer_pay_amount", &AlipayAnswer::buyer_pay_amount},
    {"refund_fee", &AlipayAnswer::refund_fee},
    {"refund_amount", &AlipayAnswer::refund_amount},
};

} // namespace

std::string AlipayAnswerToJson(const AlipayAnswer& a, std::string_view method)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    for (const TextField& f : kTextFields) WriteSet(w, f.key, a.*f.member);
    for (const MoneyField& f : kMoneyFields) {
        Money m = a.*f.member;
        if (m.fen == 0) continue;
        // The customs declaration's total_amount is fen, as a string of digits [A2].
        if (method == kDeclareMethod && std::string_view(f.key) == "total_amount") w.Field(f.key, std::to_string(m.fen));
        else w.Field(f.key, FormatYuan(m));
    }
    w.EndObject();
    return out;
}

std::optional<AlipayAnswer> ParseAlipayAnswerJson(std::string_view text, std::string_view method)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "answer", -1, problems);
    AlipayAnswer a;
    for (const TextField& f : kTextFields) a.*f.member = r.String(f.key, std::string_view(f.key) == "code");
    for (const MoneyField& f : kMoneyFields) {
        if (method == kDeclareMethod && std::string_view(f.key) == "total_amount") {
            std::string fen = r.String(f.key, false);
            if (fen.empty()) continue;
            if (fen.size() > 15 || fen.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
            a.total_amount = Money{std::stoll(fen)};
            continue;
        }
        a.*f.member = ReadYuan(r, f.key, false);
    }
    if (HasErrors(problems)) return std::nullopt;
    return a;
}

std::string AlipayAnswerKey(std::string_view method)
{
    std::string key(method);
    for (char& c : key)
        if (c == '.') c = '_';
    return key + "_response";
}

namespace {

// The end of the JSON value that starts at `at` (an object), or npos if it does not close.
size_t ObjectEnd(std::string_view s, size_t at)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = at; i < s.size(); i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string_view::npos;
}

// The raw text of the object that is the value of top-level `key`; npos begin if there is none.
std::pair<size_t, size_t> TopLevelObject(std::string_view s, const std::string& key)
{
    std::string quoted = "\"" + key + "\"";
    size_t i = s.find_first_not_of(" \t\r\n");
    if (i == std::string_view::npos || s[i] != '{') return {std::string_view::npos, 0};
    i++;
    // Walk the top-level members: "name" : value , …
    while (i < s.size()) {
        i = s.find_first_not_of(" \t\r\n,", i);
        if (i == std::string_view::npos || s[i] != '"') break;
        size_t name_end = i + 1;
        while (name_end < s.size() && s[name_end] != '"') name_end += s[name_end] == '\\' ? 2 : 1;
        if (name_end >= s.size()) break;
        bool match = s.substr(i, name_end + 1 - i) == quoted;
        size_t v = s.find_first_not_of(" \t\r\n", name_end + 1);
        if (v == std::string_view::npos || s[v] != ':') break;
        v = s.find_first_not_of(" \t\r\n", v + 1);
        if (v == std::string_view::npos) break;
        size_t end;
        if (s[v] == '{' || s[v] == '[') end = ObjectEnd(s, v);
        else if (s[v] == '"') {
            end = v + 1;
            while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
            end = end < s.size() ? end + 1 : std::string_view::npos;
        } else end = s.find_first_of(",}", v);
        if (end == std::string_view::npos) break;
        if (match) return s[v] == '{' ? std::pair{v, end} : std::pair{std::string_view::npos, size_t(0)};
        i = end;
    }
    return {std::string_view::npos, 0};
}

} // namespace

std::optional<AlipaySignedAnswer> SplitAlipayAnswer(std::string_view body, std::string_view method)
{
    json j = wire::ParseObject(body);
    if (!j.is_object()) return std::nullopt; // also: not JSON at all, so the scan below sees valid JSON
    AlipaySignedAnswer a;
    auto [begin, end] = TopLevelObject(body, AlipayAnswerKey(method));
    if (begin == std::string_view::npos) {
        std::tie(begin, end) = TopLevelObject(body, "error_response");
        a.error_response = true;
    }
    if (begin == std::string_view::npos) return std::nullopt;
    a.content = std::string(body.substr(begin, end - begin));
    auto sign = j.find("sign");
    if (sign != j.end() && sign->is_string()) a.sign = sign->get<std::string>();
    return a;
}

std::string AlipaySignedAnswerJson(std::string_view method, const std::string& content, const std::string& sign, bool error_response)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key(error_response ? "error_response" : AlipayAnswerKey(method)).Raw(content);
    if (!sign.empty()) w.Field("sign", sign);
    w.EndObject();
    return out;
}

std::string AlipayConfigToJson(const AlipayConfig& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("app_id", c.app_id).Field("app_private_key_file", c.app_private_key_file)
        .Field("alipay_public_key_file", c.alipay_public_key_file).Field("gateway", c.gateway).Field("notify_url", c.notify_url)
        .Field("merchant_customs_code", c.merchant_customs_code).Field("merchant_customs_name", c.merchant_customs_name)
        .Field("customs_place", c.customs_place).Field("timeout_ms", c.timeout_ms);
    if (c.demo) w.Key("demo").Bool(true);
    w.EndObject();
    return out;
}

std::optional<AlipayConfig> ParseAlipayConfigJson(std::string_view text, std::vector<Problem>* problems)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    FieldReader r(j, "alipay", -1, *problems);
    AlipayConfig c;
    c.app_id = r.String("app_id", true);
    c.app_private_key_file = r.String("app_private_key_file", true);
    c.alipay_public_key_file = r.String("alipay_public_key_file", true);
    if (std::string g = r.String("gateway", false); !g.empty()) c.gateway = g;
    c.notify_url = r.String("notify_url", true);
    c.merchant_customs_code = r.String("merchant_customs_code", true);
    c.merchant_customs_name = r.String("merchant_customs_name", true);
    if (std::string p = r.String("customs_place", false); !p.empty()) c.customs_place = p;
    if (j.contains("timeout_ms")) c.timeout_ms = r.Integer("timeout_ms", true);
    if (j.contains("demo")) {
        if (!j["demo"].is_boolean()) r.Report("json.expected_boolean", "demo", j["demo"].dump());
        else c.demo = j["demo"].get<bool>();
    }
    r.UnknownFields({"app_id", "app_private_key_file", "alipay_public_key_file", "gateway", "notify_url", "merchant_customs_code",
                     "merchant_customs_name", "customs_place", "timeout_ms", "demo"});
    if (c.timeout_ms < 100 || c.timeout_ms > 120000) r.Report("json.integer_out_of_range", "timeout_ms", std::to_string(c.timeout_ms));
    if (c.merchant_customs_code.size() > 20) r.Report("json.string_too_long", "merchant_customs_code", c.merchant_customs_code);
    if (HasErrors(*problems)) return std::nullopt;
    return c;
}

} // namespace bondstore
