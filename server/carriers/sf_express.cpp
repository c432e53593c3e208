#include "server/carriers/sf_express.h"
#include "server/operations/event_log.h"

#include "server/base/china_time.h"
#include "server/carriers/sf_express_protocol.h"
#include "server/customs/ceb_message.h"
#include "server/customs/dxp_envelope.h"

#include "core/base/problem.h"

#include <httplib.h>

#include <chrono>

namespace bondstore {

std::unique_ptr<SfExpress> SfExpress::Open(const SfExpressConfig& config, const std::string& checkword, std::string* error)
{
    if (checkword.size() < 8) {
        *error = "the SF Express checkword is missing or too short (checkword_file, or BONDSTORE_SF_CHECKWORD)";
        return nullptr;
    }
    if (config.gateway.rfind("https://", 0) != 0 && !(config.demo && config.gateway.rfind("http://127.0.0.1", 0) == 0)) {
        *error = "the SF Express gateway must be https (" + config.gateway + ")";
        return nullptr;
    }
    return std::unique_ptr<SfExpress>(new SfExpress(config, checkword));
}

std::optional<std::string> SfExpress::Call(const char* service, const std::string& msg_data, std::string* error, std::string* code)
{
    std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    httplib::Params form = {{"partnerID", config_.partner_id},
                            {"requestID", NewMessageGuid()},
                            {"serviceCode", service},
                            {"timestamp", timestamp},
                            {"msgData", msg_data},
                            {"msgDigest", SfMsgDigest(msg_data, timestamp, checkword_)}};
    HttpTarget target = SplitUrl(config_.gateway);
    httplib::Client client(target.base);
    client.set_connection_timeout(std::chrono::milliseconds(std::min<int64_t>(config_.timeout_ms, 3000)));
    client.set_read_timeout(std::chrono::milliseconds(config_.timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(config_.timeout_ms));
    httplib::Headers headers = {{"User-Agent", "bondstore"}};
    if (!CurrentRequestId().empty()) headers.emplace("X-Request-Id", CurrentRequestId()); // (operations/event_log.h)
    httplib::Result r = client.Post(target.path, headers, form);
    if (!r) {
        *error = "SF Express cannot be reached: " + httplib::to_string(r.error());
        return std::nullopt;
    }
    if (r->status != 200) {
        *error = "SF Express answered HTTP " + std::to_string(r->status) + ": " + ShortenForReport(r->body, 200);
        return std::nullopt;
    }
    std::optional<SfAnswer> a = ParseSfAnswerJson(r->body);
    if (!a) {
        *error = "SF Express's answer is not one: " + ShortenForReport(r->body, 200);
        return std::nullopt;
    }
    if (a->api_result_code != "A1000") {
        *error = "SF Express's gateway refused " + std::string(service) + ": " + a->api_result_code + " " + a->api_error_msg;
        if (code) *code = a->api_result_code;
        return std::nullopt;
    }
    if (!a->success) {
        *error = "SF Express refused " + std::string(service) + ": " + a->error_code + " " + a->error_msg;
        if (code) *code = a->error_code;
        return std::nullopt;
    }
    return a->msg_data;
}

SfCreateOrder SfExpress::CreateOrderFor(const ShipmentRequest& q) const
{
    SfCreateOrder o;
    o.order_id = q.carrier_order_id;
    o.cust_reference_no = q.order_no;
    o.monthly_card = config_.monthly_card;
    o.express_type_id = config_.express_type_id;
    SfContact sender = config_.sender;
    sender.contact_type = 1;
    o.contacts.push_back(sender);
    SfContact receiver;
    receiver.contact_type = 2;
    receiver.contact = q.consignee.name;
    receiver.mobile = q.consignee.phone;
    // The whole address as the shopper wrote it (SF's address matching takes it whole; the
    // province/city/county fields are optional when the address carries them).
    receiver.address = q.consignee.address;
    o.contacts.push_back(receiver);
    for (const ShipmentRequest::Item& i : q.items) {
        SfCargo c;
        c.name = i.name;
        c.count = i.qty;
        c.unit = i.unit;
        c.weight_g = i.weight_g;
        c.amount = i.price;
        c.source_area = i.origin_country;
        c.hs_code = i.hs_code;
        o.cargo.push_back(c);
        o.total_weight_g += i.weight_g * i.qty;
    }
    o.declared_value = q.goods;
    o.freight = q.freight;
    o.insurance = q.insurance;
    return o;
}

namespace {
std::optional<WaybillIssued> IssuedFrom(const std::string& msg_data, std::string* error)
{
    std::optional<SfOrderResult> r = ParseSfOrderResultJson(msg_data);
    if (!r) {
        *error = "SF Express's order answer is not one: " + ShortenForReport(msg_data, 200);
        return std::nullopt;
    }
    WaybillIssued w;
    w.waybill_no = r->waybill_no;
    w.origin_code = r->origin_code;
    w.dest_code = r->dest_code;
    w.manual_review = r->filter_result == 1;
    w.refused = r->filter_result == 3;
    w.note = r->remark;
    if (w.waybill_no.empty() && !w.refused) {
        *error = "SF Express's order answer has no waybill";
        return std::nullopt;
    }
    return w;
}
} // namespace

std::optional<WaybillIssued> SfExpress::Issue(const ShipmentRequest& request, std::string* error)
{
    // SF answers a repeated create-order with the first one's waybill (§4), so a lost answer is
    // recovered by asking again. 8016 (a cancelled order id used again) is an error: the caller
    // needs a new carrier order id.
    std::optional<std::string> data = Call("EXP_RECE_CREATE_ORDER", SfCreateOrderToJson(CreateOrderFor(request)), error);
    if (!data) return std::nullopt;
    return IssuedFrom(*data, error);
}

std::optional<WaybillIssued> SfExpress::Find(const std::string& carrier_order_id, std::string* error)
{
    SfOrderRef ref;
    ref.order_id = carrier_order_id;
    std::string code;
    std::optional<std::string> data = Call("EXP_RECE_SEARCH_ORDER_RESP", SfOrderRefToJson(ref), error, &code);
    if (!data) {
        if (code == "8024") error->clear(); // not ordered: nothing, and no error
        return std::nullopt;
    }
    return IssuedFrom(*data, error);
}

bool SfExpress::Cancel(const std::string& carrier_order_id, const std::string& waybill_no, std::string* error)
{
    SfOrderRef ref;
    ref.order_id = carrier_order_id;
    ref.deal_type = 2;
    ref.waybill_no = waybill_no;
    std::optional<std::string> data = Call("EXP_RECE_UPDATE_ORDER", SfOrderRefToJson(ref), error);
    if (!data) return false;
    // resStatus 2: cancelled; 1: the order and waybill do not match.
    if (ParseSfUpdateResultJson(*data) != std::optional<int>(2)) {
        *error = "SF Express did not cancel " + carrier_order_id + ": " + ShortenForReport(*data, 200);
        return false;
    }
    return true;
}

TrackingEvent TrackingEventOf(const SfRoute& route)
{
    TrackingEvent e;
    e.code = route.op_code;
    e.stage = SfStage(route.op_code);
    e.at = ParseSfTime(route.accept_time).value_or(0);
    e.place = route.accept_address;
    e.text = route.remark;
    // The waybill, the time (as read, so "2026-12-05 10:00:00" and a differently spaced copy
    // agree) and the code — never the push's own id, which a query's routes do not carry: the same
    // event pushed and then queried is one event, kept once; MergeTracking sorts them by time.
    e.id = route.mail_no + "/" + std::to_string(e.at) + "/" + route.op_code;
    return e;
}

std::optional<std::vector<std::pair<std::string, TrackingEvent>>> SfExpress::Track(const std::vector<std::string>& waybills, std::string* error)
{
    std::optional<std::string> data = Call("EXP_RECE_SEARCH_ROUTES", SfRouteQueryToJson(waybills), error);
    if (!data) return std::nullopt;
    std::optional<std::vector<SfRoute>> routes = ParseSfRouteAnswerJson(*data);
    if (!routes) {
        *error = "SF Express's route answer is not one: " + ShortenForReport(*data, 200);
        return std::nullopt;
    }
    std::vector<std::pair<std::string, TrackingEvent>> out;
    for (const SfRoute& r : *routes) out.emplace_back(r.mail_no, TrackingEventOf(r));
    return out;
}

std::optional<std::vector<std::pair<std::string, TrackingEvent>>> SfExpress::ReadPush(const Push& push, std::string* why)
{
    if (push.content_type.find("application/json") == std::string::npos) {
        *why = "SF route pushes are taken in JSON mode only";
        return std::nullopt;
    }
    std::optional<std::vector<SfRoute>> routes = ParseSfRoutePushJson(push.body);
    if (!routes) {
        *why = "not an SF route push";
        return std::nullopt;
    }
    std::vector<std::pair<std::string, TrackingEvent>> out;
    for (const SfRoute& r : *routes) {
        TrackingEvent e = TrackingEventOf(r);
        if (e.at == 0) {
            *why = "an SF route with a malformed acceptTime";
            return std::nullopt;
        }
        out.emplace_back(r.mail_no, e);
    }
    return out;
}

Carrier::Reply SfExpress::PushTaken() const
{
    return {200, "application/json;charset=utf-8", SfPushReplyJson(true, "成功")};
}

Carrier::Reply SfExpress::PushRefused(const std::string& why) const
{
    return {200, "application/json;charset=utf-8", SfPushReplyJson(false, why)};
}

} // namespace bondstore
