#include "core/wire/payment_data_json.h"

#include "core/wire/json_reader.h"

namespace bondstore {

using wire::json;

namespace {

// Money as the JSON number customs reads (yuan), made from its exact decimal text so no binary
// arithmetic touches it; read back the same way, from the number's shortest text.
json YuanNumber(Money m) { return json::parse(FormatYuan(m)); }

std::optional<json> Object(std::string_view text, std::string* why)
{
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *why = "not a JSON object";
        return std::nullopt;
    }
    return j;
}

// A string field; numbers are accepted as their text (integrators send serviceTime either way).
bool Text(const json& o, const char* key, bool required, std::string* out, std::string* why)
{
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        if (required) *why = std::string("\"") + key + "\" is missing";
        return !required;
    }
    if (it->is_string()) *out = it->get<std::string>();
    else if (it->is_number_integer() || it->is_number_unsigned()) *out = it->dump();
    else {
        *why = std::string("\"") + key + "\" is not text";
        return false;
    }
    return true;
}

bool Millis(const json& o, const char* key, int64_t* out, std::string* why)
{
    std::string text;
    if (!Text(o, key, true, &text, why)) return false;
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos) {
        *why = std::string("\"") + key + "\" is not milliseconds";
        return false;
    }
    *out = std::stoll(text);
    return true;
}

json HeadJson(const PaymentDataHead& h)
{
    json j = json::object();
    j["guid"] = h.guid;
    j["initalRequest"] = h.inital_request;
    j["initalResponse"] = h.inital_response;
    j["ebpCode"] = h.ebp_code;
    j["payCode"] = h.pay_code;
    j["payTransactionId"] = h.pay_transaction_id;
    j["totalAmount"] = YuanNumber(h.total_amount);
    j["currency"] = h.currency;
    j["verDept"] = h.ver_dept;
    j["payType"] = h.pay_type;
    j["tradingTime"] = h.trading_time;
    j["note"] = h.note;
    return j;
}

json ListsJson(const std::vector<PaymentDataOrder>& orders)
{
    json lists = json::array();
    for (const PaymentDataOrder& o : orders) {
        json goods = json::array();
        for (const PaymentDataOrder::Goods& g : o.goods) goods.push_back({{"gname", g.gname}, {"itemLink", g.item_link}});
        json e = json::object();
        e["orderNo"] = o.order_no;
        e["goodsInfo"] = std::move(goods);
        e["recpAccount"] = o.recp_account;
        e["recpCode"] = o.recp_code;
        e["recpName"] = o.recp_name;
        lists.push_back(std::move(e));
    }
    return lists;
}

// Raw provider text may hold bytes that are not UTF-8: replaced, never thrown on.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string SignText(const std::string& session_id, const std::string& head, const std::string& lists, const std::string& service_time)
{
    return "\"sessionID\":\"" + session_id + "\"||\"payExchangeInfoHead\":\"" + head + "\"||\"payExchangeInfoLists\":\"" + lists +
           "\"||\"serviceTime\":\"" + service_time + "\"";
}

} // namespace

std::string PaymentDataAskToJson(const PaymentDataAsk& a)
{
    json j = json::object();
    j["orderNo"] = a.order_no;
    j["sessionID"] = a.session_id;
    j["serviceTime"] = a.service_time_ms;
    return Dump(j);
}

std::optional<PaymentDataAsk> ParsePaymentDataAskJson(std::string_view text, std::string* why)
{
    std::optional<json> j = Object(text, why);
    if (!j) return std::nullopt;
    PaymentDataAsk a;
    if (!Text(*j, "orderNo", true, &a.order_no, why) || !Text(*j, "sessionID", true, &a.session_id, why) ||
        !Millis(*j, "serviceTime", &a.service_time_ms, why))
        return std::nullopt;
    if (a.order_no.empty() || a.order_no.size() > 60) { *why = "\"orderNo\" is empty or too long"; return std::nullopt; }
    if (a.session_id.empty() || a.session_id.size() > 100) { *why = "\"sessionID\" is empty or too long"; return std::nullopt; }
    return a;
}

std::string PaymentDataReplyToJson(const PaymentDataReply& r)
{
    json j = json::object();
    j["code"] = r.code;
    j["message"] = r.message;
    if (r.has_total) j["total"] = r.total;
    j["serviceTime"] = r.service_time_ms;
    return Dump(j);
}

std::optional<PaymentDataReply> ParsePaymentDataReplyJson(std::string_view text)
{
    std::string why;
    std::optional<json> j = Object(text, &why);
    if (!j) return std::nullopt;
    PaymentDataReply r;
    if (!Text(*j, "code", true, &r.code, &why) || !Text(*j, "message", false, &r.message, &why)) return std::nullopt;
    std::string ms;
    if (Text(*j, "serviceTime", false, &ms, &why) && !ms.empty() && ms.find_first_not_of("0123456789") == std::string::npos &&
        ms.size() <= 15)
        r.service_time_ms = std::stoll(ms);
    auto total = j->find("total");
    if (total != j->end() && total->is_number_integer()) {
        r.has_total = true;
        r.total = total->get<int64_t>();
    }
    return r;
}

std::string PaymentDataUploadToJson(const PaymentDataUpload& u)
{
    json j = json::object();
    j["sessionID"] = u.session_id;
    j["payExchangeInfoHead"] = HeadJson(u.head);
    j["payExchangeInfoLists"] = ListsJson(u.orders);
    j["serviceTime"] = u.service_time_ms;
    j["certNo"] = u.cert_no;
    j["signValue"] = u.sign_value;
    return Dump(j);
}

std::optional<PaymentDataUpload> ParsePaymentDataUploadJson(std::string_view text, std::string* why)
{
    std::optional<json> j = Object(text, why);
    if (!j) return std::nullopt;
    PaymentDataUpload u;
    if (!Text(*j, "sessionID", true, &u.session_id, why) || !Text(*j, "serviceTime", true, &u.service_time_ms, why) ||
        !Text(*j, "certNo", true, &u.cert_no, why) || !Text(*j, "signValue", true, &u.sign_value, why))
        return std::nullopt;
    auto head = j->find("payExchangeInfoHead");
    auto lists = j->find("payExchangeInfoLists");
    if (head == j->end() || !head->is_object()) { *why = "\"payExchangeInfoHead\" is not an object"; return std::nullopt; }
    if (lists == j->end() || !lists->is_array() || lists->empty()) {
        *why = "\"payExchangeInfoLists\" is not a list of orders";
        return std::nullopt;
    }
    PaymentDataHead& h = u.head;
    const json& hj = *head;
    if (!Text(hj, "guid", false, &h.guid, why) || !Text(hj, "initalRequest", true, &h.inital_request, why) ||
        !Text(hj, "initalResponse", true, &h.inital_response, why) || !Text(hj, "ebpCode", true, &h.ebp_code, why) ||
        !Text(hj, "payCode", true, &h.pay_code, why) || !Text(hj, "payTransactionId", true, &h.pay_transaction_id, why) ||
        !Text(hj, "currency", true, &h.currency, why) || !Text(hj, "verDept", true, &h.ver_dept, why) ||
        !Text(hj, "payType", false, &h.pay_type, why) || !Text(hj, "tradingTime", true, &h.trading_time, why) ||
        !Text(hj, "note", false, &h.note, why))
        return std::nullopt;
    auto amount = hj.find("totalAmount");
    MoneyParse total;
    if (amount != hj.end() && amount->is_number()) total = ParseYuan(amount->dump());
    if (amount == hj.end() || !amount->is_number() || !total.ok()) {
        *why = "\"totalAmount\" is not an amount in yuan";
        return std::nullopt;
    }
    h.total_amount = total.value;
    for (const json& e : *lists) {
        if (!e.is_object()) { *why = "an entry of \"payExchangeInfoLists\" is not an object"; return std::nullopt; }
        PaymentDataOrder o;
        if (!Text(e, "orderNo", true, &o.order_no, why) || !Text(e, "recpAccount", true, &o.recp_account, why) ||
            !Text(e, "recpCode", false, &o.recp_code, why) || !Text(e, "recpName", true, &o.recp_name, why))
            return std::nullopt;
        auto goods = e.find("goodsInfo");
        if (goods == e.end() || !goods->is_array() || goods->empty()) { *why = "an order without \"goodsInfo\""; return std::nullopt; }
        for (const json& g : *goods) {
            PaymentDataOrder::Goods item;
            if (!g.is_object() || !Text(g, "gname", true, &item.gname, why) || !Text(g, "itemLink", true, &item.item_link, why)) {
                if (why->empty()) *why = "an entry of \"goodsInfo\" is not an object";
                return std::nullopt;
            }
            o.goods.push_back(std::move(item));
        }
        u.orders.push_back(std::move(o));
    }
    return u;
}

std::string PaymentDataSignText(const PaymentDataUpload& u)
{
    return SignText(u.session_id, Dump(HeadJson(u.head)), Dump(ListsJson(u.orders)), u.service_time_ms);
}

std::optional<std::string> PaymentDataSignTextOf(std::string_view text)
{
    std::string why;
    std::optional<json> j = Object(text, &why);
    if (!j) return std::nullopt;
    std::string session, service_time;
    auto head = j->find("payExchangeInfoHead");
    auto lists = j->find("payExchangeInfoLists");
    if (!Text(*j, "sessionID", true, &session, &why) || !Text(*j, "serviceTime", true, &service_time, &why) || head == j->end() ||
        lists == j->end())
        return std::nullopt;
    return SignText(session, Dump(*head), Dump(*lists), service_time);
}

} // namespace bondstore
