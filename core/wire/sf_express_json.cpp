#include "core/wire/sf_express_json.h"

#include "core/wire/json_reader.h"

#include <cmath>

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

// SF's amounts and weights are JSON numbers: yuan and kilograms.
json Yuan(Money m) { return double(m.fen) / 100.0; }
json Kilograms(int64_t grams) { return double(grams) / 1000.0; }
bool Number(const json& o, const char* key, double* out)
{
    auto it = o.find(key);
    if (it == o.end()) return false;
    if (it->is_number()) { *out = it->get<double>(); return std::isfinite(*out); }
    if (it->is_string()) { // some SDKs send numbers as strings
        try {
            size_t used = 0;
            *out = std::stod(it->get<std::string>(), &used);
            return used == it->get_ref<const std::string&>().size() && std::isfinite(*out);
        } catch (...) {
            return false;
        }
    }
    return false;
}
std::string Text(const json& o, const char* key)
{
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
    return {};
}
int Int(const json& o, const char* key, int fallback)
{
    auto it = o.find(key);
    if (it == o.end()) return fallback;
    if (it->is_number_integer()) return it->get<int>();
    if (it->is_string()) {
        const std::string& s = it->get_ref<const std::string&>();
        if (!s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos) return std::stoi(s);
    }
    return fallback;
}
json Object(std::string_view text)
{
    json j = wire::ParseObject(text);
    return j.is_object() ? j : json();
}

json ContactJson(const SfContact& c)
{
    json j = {{"contactType", c.contact_type}, {"contact", c.contact}, {"country", c.country}, {"province", c.province},
              {"city", c.city},        {"county", c.county},   {"address", c.address}};
    if (!c.mobile.empty()) j["mobile"] = c.mobile;
    if (!c.tel.empty()) j["tel"] = c.tel;
    return j;
}

json RouteJson(const SfRoute& r, bool push)
{
    json j = {{"acceptTime", r.accept_time}, {"acceptAddress", r.accept_address}, {"remark", r.remark}, {"opCode", r.op_code}};
    if (push) {
        j["id"] = r.id;
        j["mailno"] = r.mail_no;
        j["orderid"] = r.order_id;
    }
    return j;
}
std::optional<SfRoute> ParseRoute(const json& j)
{
    if (!j.is_object()) return std::nullopt;
    SfRoute r;
    r.id = Text(j, "id");
    r.mail_no = Text(j, "mailno");
    r.order_id = Text(j, "orderid");
    r.accept_time = Text(j, "acceptTime");
    r.accept_address = Text(j, "acceptAddress");
    r.remark = Text(j, "remark");
    r.op_code = Text(j, "opCode");
    if (r.accept_time.empty() || r.op_code.empty()) return std::nullopt;
    return r;
}

} // namespace

std::string SfCreateOrderToJson(const SfCreateOrder& o)
{
    json j = {{"language", o.language}, {"orderId", o.order_id}, {"expressTypeId", o.express_type_id}, {"payMethod", o.pay_method},
              {"isReturnRoutelabel", o.is_return_route_label}, {"parcelQty", 1}, {"totalWeight", Kilograms(o.total_weight_g)}};
    if (!o.cust_reference_no.empty()) j["custReferenceNo"] = o.cust_reference_no;
    if (!o.monthly_card.empty()) j["monthlyCard"] = o.monthly_card;
    j["contactInfoList"] = json::array();
    for (const SfContact& c : o.contacts) j["contactInfoList"].push_back(ContactJson(c));
    j["cargoDetails"] = json::array();
    for (const SfCargo& c : o.cargo) {
        json line = {{"name", c.name}, {"count", c.count},        {"unit", c.unit},
                     {"weight", Kilograms(c.weight_g)}, {"amount", Yuan(c.amount)}, {"currency", c.currency}, {"sourceArea", c.source_area}};
        if (!c.hs_code.empty()) line["hsCode"] = c.hs_code;
        j["cargoDetails"].push_back(line);
    }
    j["customsInfo"] = {{"declaredValue", Yuan(o.declared_value)}, {"declaredValueCurrency", "CNY"}};
    j["extraInfoList"] = json::array({{{"attrName", "attr005"}, {"attrVal", FormatYuan(o.freight)}},
                                      {{"attrName", "attr007"}, {"attrVal", FormatYuan(o.insurance)}}});
    return j.dump();
}

std::optional<SfCreateOrder> ParseSfCreateOrderJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object()) return std::nullopt;
    SfCreateOrder o;
    o.language = Text(j, "language");
    o.order_id = Text(j, "orderId");
    o.cust_reference_no = Text(j, "custReferenceNo");
    o.monthly_card = Text(j, "monthlyCard");
    o.express_type_id = Int(j, "expressTypeId", 0);
    o.pay_method = Int(j, "payMethod", 1);
    o.is_return_route_label = Int(j, "isReturnRoutelabel", 1);
    double d = 0;
    if (Number(j, "totalWeight", &d)) o.total_weight_g = std::llround(d * 1000);
    if (auto it = j.find("contactInfoList"); it != j.end() && it->is_array())
        for (const json& c : *it) {
            if (!c.is_object()) return std::nullopt;
            SfContact p;
            p.contact_type = Int(c, "contactType", 0);
            p.contact = Text(c, "contact");
            p.mobile = Text(c, "mobile");
            p.tel = Text(c, "tel");
            p.country = Text(c, "country");
            p.province = Text(c, "province");
            p.city = Text(c, "city");
            p.county = Text(c, "county");
            p.address = Text(c, "address");
            o.contacts.push_back(p);
        }
    if (auto it = j.find("cargoDetails"); it != j.end() && it->is_array())
        for (const json& c : *it) {
            if (!c.is_object()) return std::nullopt;
            SfCargo line;
            line.name = Text(c, "name");
            line.unit = Text(c, "unit");
            line.currency = Text(c, "currency");
            line.source_area = Text(c, "sourceArea");
            line.hs_code = Text(c, "hsCode");
            line.count = Int(c, "count", 0);
            if (Number(c, "weight", &d)) line.weight_g = std::llround(d * 1000);
            if (Number(c, "amount", &d)) line.amount = Money{std::llround(d * 100)};
            o.cargo.push_back(line);
        }
    if (auto it = j.find("customsInfo"); it != j.end() && it->is_object() && Number(*it, "declaredValue", &d))
        o.declared_value = Money{std::llround(d * 100)};
    if (auto it = j.find("extraInfoList"); it != j.end() && it->is_array())
        for (const json& e : *it) {
            if (!e.is_object()) continue;
            std::string name = Text(e, "attrName");
            MoneyParse v = ParseYuan(Text(e, "attrVal"));
            if (name == "attr005" && v.ok()) o.freight = v.value;
            if (name == "attr007" && v.ok()) o.insurance = v.value;
        }
    return o;
}

std::string SfOrderResultToJson(const SfOrderResult& r, bool search_answer)
{
    json j = {{"orderId", r.order_id}, {"remark", r.remark}};
    // The search answer writes these in lower case and the filter result as a string (§5).
    j[search_answer ? "origincode" : "originCode"] = r.origin_code;
    j[search_answer ? "destcode" : "destCode"] = r.dest_code;
    if (search_answer) j["filterResult"] = std::to_string(r.filter_result);
    else j["filterResult"] = r.filter_result;
    j["waybillNoInfoList"] = json::array();
    if (!r.waybill_no.empty()) j["waybillNoInfoList"].push_back({{"waybillType", 1}, {"waybillNo", r.waybill_no}});
    return j.dump();
}

std::optional<SfOrderResult> ParseSfOrderResultJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object()) return std::nullopt;
    SfOrderResult r;
    r.order_id = Text(j, "orderId");
    r.origin_code = j.contains("originCode") ? Text(j, "originCode") : Text(j, "origincode");
    r.dest_code = j.contains("destCode") ? Text(j, "destCode") : Text(j, "destcode");
    r.remark = Text(j, "remark");
    r.filter_result = Int(j, "filterResult", 0);
    if (auto it = j.find("waybillNoInfoList"); it != j.end() && it->is_array())
        for (const json& w : *it)
            if (w.is_object() && Int(w, "waybillType", 0) == 1) r.waybill_no = Text(w, "waybillNo");
    return r;
}

std::string SfOrderRefToJson(const SfOrderRef& r)
{
    json j = {{"orderId", r.order_id}, {"language", r.language}};
    if (r.deal_type == 0) {
        j["searchType"] = 1;
    } else {
        j["dealType"] = r.deal_type;
        j["waybillNoInfoList"] = json::array();
        if (!r.waybill_no.empty()) j["waybillNoInfoList"].push_back({{"waybillType", 1}, {"waybillNo", r.waybill_no}});
    }
    return j.dump();
}

std::optional<SfOrderRef> ParseSfOrderRefJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object()) return std::nullopt;
    SfOrderRef r;
    r.order_id = Text(j, "orderId");
    r.language = Text(j, "language");
    r.deal_type = Int(j, "dealType", 0);
    if (auto it = j.find("waybillNoInfoList"); it != j.end() && it->is_array())
        for (const json& w : *it)
            if (w.is_object()) r.waybill_no = Text(w, "waybillNo");
    return r;
}

std::string SfUpdateResultToJson(const std::string& order_id, int res_status)
{
    return json({{"orderId", order_id}, {"resStatus", res_status}}).dump();
}

std::optional<int> ParseSfUpdateResultJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object()) return std::nullopt;
    int status = Int(j, "resStatus", -1);
    if (status < 0) return std::nullopt;
    return status;
}

std::string SfPushReplyJson(bool taken, const std::string& message)
{
    return json({{"return_code", taken ? "0000" : "1000"}, {"return_msg", message}}).dump();
}

std::optional<bool> ParseSfPushReplyJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object()) return std::nullopt;
    std::string code = Text(j, "return_code");
    if (code != "0000" && code != "1000") return std::nullopt;
    return code == "0000";
}

std::string SfRouteQueryToJson(const std::vector<std::string>& waybills)
{
    return json({{"language", "0"}, {"trackingType", 1}, {"trackingNumber", waybills}, {"methodType", 1}}).dump();
}

std::optional<std::vector<std::string>> ParseSfRouteQueryJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object() || Int(j, "trackingType", 0) != 1) return std::nullopt;
    auto it = j.find("trackingNumber");
    if (it == j.end() || !it->is_array()) return std::nullopt;
    std::vector<std::string> out;
    for (const json& n : *it) {
        if (!n.is_string()) return std::nullopt;
        out.push_back(n.get<std::string>());
    }
    return out;
}

std::string SfRouteAnswerToJson(const std::vector<SfRoute>& routes)
{
    json resps = json::array();
    for (const SfRoute& r : routes) {
        json* at = nullptr;
        for (json& x : resps)
            if (x["mailNo"] == r.mail_no) at = &x;
        if (!at) {
            resps.push_back({{"mailNo", r.mail_no}, {"routes", json::array()}});
            at = &resps.back();
        }
        (*at)["routes"].push_back(RouteJson(r, false));
    }
    return json({{"routeResps", resps}}).dump();
}

std::optional<std::vector<SfRoute>> ParseSfRouteAnswerJson(std::string_view text)
{
    json j = Object(text);
    auto it = j.is_object() ? j.find("routeResps") : j.end();
    if (!j.is_object() || it == j.end() || !it->is_array()) return std::nullopt;
    std::vector<SfRoute> out;
    for (const json& resp : *it) {
        if (!resp.is_object()) return std::nullopt;
        std::string mail_no = Text(resp, "mailNo");
        auto routes = resp.find("routes");
        if (routes == resp.end() || !routes->is_array()) continue;
        for (const json& r : *routes) {
            std::optional<SfRoute> route = ParseRoute(r);
            if (!route) return std::nullopt;
            route->mail_no = mail_no;
            out.push_back(*route);
        }
    }
    return out;
}

std::string SfRoutePushToJson(const std::vector<SfRoute>& routes)
{
    json list = json::array();
    for (const SfRoute& r : routes) list.push_back(RouteJson(r, true));
    return json({{"Body", {{"WaybillRoute", list}}}}).dump();
}

std::optional<std::vector<SfRoute>> ParseSfRoutePushJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object() || !j.contains("Body") || !j["Body"].is_object()) return std::nullopt;
    const json& list = j["Body"]["WaybillRoute"];
    if (!list.is_array() || list.empty() || list.size() > 10) return std::nullopt;
    std::vector<SfRoute> out;
    for (const json& r : list) {
        std::optional<SfRoute> route = ParseRoute(r);
        if (!route || route->id.empty() || route->mail_no.empty()) return std::nullopt;
        out.push_back(*route);
    }
    return out;
}

std::string SfAnswerToJson(const SfAnswer& a)
{
    json j = {{"apiResultCode", a.api_result_code}, {"apiErrorMsg", a.api_error_msg}, {"apiResponseID", a.api_response_id}};
    if (a.api_result_code == "A1000") {
        json data = {{"success", a.success}, {"errorCode", a.error_code}, {"errorMsg", a.error_msg}};
        data["msgData"] = a.msg_data.empty() ? json() : json::parse(a.msg_data, nullptr, false);
        j["apiResultData"] = data.dump(); // a string, as SF sends it
    } else {
        j["apiResultData"] = nullptr;
    }
    return j.dump();
}

std::optional<SfAnswer> ParseSfAnswerJson(std::string_view text)
{
    json j = Object(text);
    if (!j.is_object()) return std::nullopt;
    SfAnswer a;
    a.api_result_code = Text(j, "apiResultCode");
    a.api_error_msg = Text(j, "apiErrorMsg");
    a.api_response_id = Text(j, "apiResponseID");
    if (a.api_result_code.empty()) return std::nullopt;
    auto it = j.find("apiResultData");
    if (it == j.end() || it->is_null()) return a;
    json data = it->is_string() ? Object(it->get<std::string>()) : *it;
    if (!data.is_object()) return a.api_result_code == "A1000" ? std::nullopt : std::optional<SfAnswer>(a);
    auto success = data.find("success");
    a.success = success != data.end() && ((success->is_boolean() && success->get<bool>()) || (success->is_string() && *success == "true"));
    a.error_code = Text(data, "errorCode");
    a.error_msg = Text(data, "errorMsg");
    if (auto m = data.find("msgData"); m != data.end() && !m->is_null()) a.msg_data = m->is_string() ? m->get<std::string>() : m->dump();
    return a;
}

std::string SfExpressConfigToJson(const SfExpressConfig& c)
{
    json j = {{"partner_id", c.partner_id}, {"checkword_file", c.checkword_file}, {"gateway", c.gateway}, {"monthly_card", c.monthly_card},
              {"express_type_id", c.express_type_id}, {"timeout_ms", c.timeout_ms}, {"demo", c.demo}};
    j["sender"] = {{"contact", c.sender.contact}, {"tel", c.sender.tel}, {"province", c.sender.province}, {"city", c.sender.city},
                   {"county", c.sender.county}, {"address", c.sender.address}};
    return j.dump(2);
}

std::optional<SfExpressConfig> ParseSfExpressConfigJson(std::string_view text, std::vector<Problem>* problems)
{
    json j = wire::ParseObject(text, problems);
    if (!j.is_object()) return std::nullopt;
    FieldReader r(j, "sf_express", -1, *problems);
    SfExpressConfig c;
    c.partner_id = r.String("partner_id", true);
    c.checkword_file = r.String("checkword_file", false);
    if (std::string g = r.String("gateway", false); !g.empty()) c.gateway = g;
    c.monthly_card = r.String("monthly_card", false);
    if (j.contains("express_type_id")) c.express_type_id = int(r.Integer("express_type_id", true));
    if (j.contains("timeout_ms")) c.timeout_ms = r.Integer("timeout_ms", true);
    if (j.contains("demo")) {
        if (!j["demo"].is_boolean()) r.Report("json.expected_boolean", "demo", j["demo"].dump());
        else c.demo = j["demo"].get<bool>();
    }
    if (const json* s = r.Get("sender", true); s && s->is_object()) {
        FieldReader sr(*s, "sf_express", -1, *problems, {}, "sender.");
        c.sender.contact_type = 1;
        c.sender.contact = sr.String("contact", true);
        c.sender.tel = sr.String("tel", true);
        c.sender.province = sr.String("province", true);
        c.sender.city = sr.String("city", true);
        c.sender.county = sr.String("county", true);
        c.sender.address = sr.String("address", true);
        sr.UnknownFields({"contact", "tel", "province", "city", "county", "address"});
    }
    r.UnknownFields({"partner_id", "checkword_file", "gateway", "monthly_card", "express_type_id", "sender", "timeout_ms", "demo"});
    if (c.partner_id.size() > 64) r.Report("json.string_too_long", "partner_id", c.partner_id);
    if (c.timeout_ms < 100 || c.timeout_ms > 120000) r.Report("json.integer_out_of_range", "timeout_ms", std::to_string(c.timeout_ms));
    if (c.express_type_id < 1 || c.express_type_id > 999) r.Report("json.integer_out_of_range", "express_type_id", std::to_string(c.express_type_id));
    if (HasErrors(*problems)) return std::nullopt;
    return c;
}

} // namespace bondstore
