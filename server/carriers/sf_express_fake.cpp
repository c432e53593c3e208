#include "server/carriers/sf_express_fake.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/carriers/sf_express_protocol.h"
#include "server/customs/ceb_message.h"
#include "server/payments/payment_crypto.h"

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <iterator>
#include <thread>

namespace bondstore {

namespace {
int64_t NowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
// The auto routes' steps (opCodes of §6.3) and their words, as SF writes them.
struct Step {
    const char* op;
    const char* remark;
    const char* place;
};
constexpr Step kSteps[] = {
    {"50", "顺丰速运 已收取快件", "重庆市"},
    {"31", "快件到达 【重庆渝北中转场】", "重庆市"},
    {"44", "快件交给派送员，正在派送途中", "重庆市"},
    {"80", "已签收，感谢使用顺丰，期待再次为您服务", "重庆市"},
};
} // namespace

bool SfExpressFake::MakeAccount(const std::string& dir, const std::string& fake_url, SfExpressFakeOptions* o, std::string* error)
{
    if (!MakePrivateDirectory(dir, error)) return false;
    if (!KeepAccountFile(dir + "/sf-checkword", [] { return RandomHex(16); }, &o->checkword, error)) return false;
    while (!o->checkword.empty() && (o->checkword.back() == '\n' || o->checkword.back() == ' ')) o->checkword.pop_back();
    o->carrier_key_file = dir + "/carrier-key.pem";
    o->carrier_cert_file = dir + "/carrier-cert.pem";
    std::string existing;
    if (!ReadFile(o->carrier_cert_file, &existing) &&
        !CreateSelfSignedSigningKey(o->carrier_key_file, o->carrier_cert_file, "SF Express waybill declaration (local fake)", error))
        return false;
    SfExpressConfig c;
    c.partner_id = o->partner_id;
    c.checkword_file = "sf-checkword";
    c.gateway = fake_url + "/std/service";
    c.monthly_card = "7551234567"; // SF's sandbox test card
    c.sender.contact_type = 1;
    c.sender.contact = "重庆保税仓发货组";
    c.sender.tel = "023-67000000";
    c.sender.province = "重庆市";
    c.sender.city = "重庆市";
    c.sender.county = "渝北区";
    c.sender.address = "两路寸滩保税港区空港功能区保税仓1号库";
    c.demo = true;
    if (!WriteFileAtomically(dir + "/sf-express.json", SfExpressConfigToJson(c) + "\n")) {
        *error = "cannot write " + dir + "/sf-express.json";
        return false;
    }
    return true;
}

SfExpressFake::SfExpressFake(SfExpressFakeOptions options) : o_(std::move(options)) {}
SfExpressFake::~SfExpressFake() { Stop(); }
void SfExpressFake::Stop() { courier_.Stop(); }

SfExpressFake::Stats SfExpressFake::stats()
{
    Stats s;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        s = stats_;
    }
    FakeCourier::Stats c = courier_.stats();
    s.pushes_sent = c.notifications_sent;
    s.pushes_failed = c.notifications_failed;
    s.waybills_declared = c.vouchers_sent;
    return s;
}

bool SfExpressFake::Mount(httplib::Server& server, std::string* error)
{
    if (o_.checkword.empty()) {
        *error = "the SF Express fake needs its checkword";
        return false;
    }
    if (!o_.push_url.empty() && o_.push_url.rfind("https://", 0) != 0 && !(o_.allow_http_push && LoopbackHttpUrl(o_.push_url))) {
        *error = "SF pushes routes to https URLs only: " + o_.push_url;
        return false;
    }
    if (!o_.single_window.empty()) {
        carrier_signer_ = OpenKeySigner(o_.carrier_key_file, o_.carrier_cert_file, "SFEXPRESS01", error);
        if (!carrier_signer_) return false;
    }
    server.Post("/std/service", [this](const httplib::Request& q, httplib::Response& r) { Service(q, r); });
    server.Post("/fake/route", [this](const httplib::Request& q, httplib::Response& r) { Route(q, r); });
    server.Post("/fake/control", [this](const httplib::Request& q, httplib::Response& r) { Control(q, r); });
    server.Get("/fake/waybill", [this](const httplib::Request& q, httplib::Response& r) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [id, order] : orders_)
            if (order.request.cust_reference_no == q.get_param_value("order") && !order.cancelled) return r.set_content(order.waybill_no, "text/plain");
        r.status = 404;
    });
    server.Get("/fake/stats", [this](const httplib::Request&, httplib::Response& r) {
        Stats s = stats();
        r.set_content("requests " + std::to_string(s.requests) + "\nbad_signatures " + std::to_string(s.bad_signatures) + "\nrefused " +
                          std::to_string(s.refused) + "\norders " + std::to_string(s.orders) + "\ncancelled " + std::to_string(s.cancelled) +
                          "\nroutes " + std::to_string(s.routes) + "\npushes_sent " + std::to_string(s.pushes_sent) + "\npushes_failed " +
                          std::to_string(s.pushes_failed) + "\nwaybills_declared " + std::to_string(s.waybills_declared) + "\n",
                      "text/plain");
    });
    courier_.Start();
    return true;
}

void SfExpressFake::Answer(httplib::Response& res, const std::string& code, const std::string& message, bool success,
                           const std::string& error_code, const std::string& error_msg, const std::string& msg_data)
{
    SfAnswer a;
    a.api_result_code = code;
    a.api_error_msg = message;
    a.api_response_id = RandomHex(16);
    a.success = success;
    a.error_code = error_code;
    a.error_msg = error_msg;
    a.msg_data = msg_data;
    res.set_content(SfAnswerToJson(a), "application/json;charset=utf-8");
}

void SfExpressFake::Refuse(httplib::Response& res, const std::string& error_code, const std::string& message)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.refused++;
    }
    Answer(res, "A1000", "", false, error_code, message, "");
}

void SfExpressFake::Service(const httplib::Request& req, httplib::Response& res)
{
    int delay = 0;
    std::string fail;
    bool lose = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.requests++;
        delay = faults_.delay_ms;
        fail.swap(faults_.fail_next);
    }
    if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    auto gateway = [&](const char* code, const std::string& message) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stats_.refused++;
        }
        Answer(res, code, message, false, "", "", "");
    };
    // The gateway: a form, its six fields, a known partner, a fresh timestamp, the digest.
    if (req.get_header_value("Content-Type").find("application/x-www-form-urlencoded") == std::string::npos)
        return gateway("A1001", "Content-Type must be application/x-www-form-urlencoded");
    for (const char* field : {"partnerID", "requestID", "serviceCode", "timestamp", "msgData", "msgDigest"})
        if (req.get_param_value(field).empty()) return gateway("A1001", std::string("missing ") + field);
    if (req.get_param_value("partnerID") != o_.partner_id) return gateway("A1004", "unknown partnerID");
    if (req.get_param_value("requestID").size() > 40) return gateway("A1001", "requestID is longer than 40");
    const std::string timestamp = req.get_param_value("timestamp");
    if (timestamp.find_first_not_of("0123456789") != std::string::npos || timestamp.size() > 15)
        return gateway("A1001", "timestamp must be a long");
    int64_t sent = std::stoll(timestamp);
    if (std::llabs(sent - NowMs()) > kSfTimestampWindowMs) return gateway("A1002", "timestamp expired");
    const std::string msg_data = req.get_param_value("msgData");
    if (!SameSecret(SfMsgDigest(msg_data, timestamp, o_.checkword), req.get_param_value("msgDigest"))) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stats_.bad_signatures++;
        }
        return gateway("A1006", "msgDigest does not verify");
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!request_ids_.insert(req.get_param_value("requestID")).second) {
            stats_.refused++;
            return Answer(res, "A1007", "duplicate requestID", false, "", "", "");
        }
        lose = lose_next_;
    }
    if (!fail.empty()) {
        if (fail[0] == 'A') return gateway(fail.c_str(), "fault requested by the test");
        return Refuse(res, fail, "fault requested by the test");
    }
    const std::string service = req.get_param_value("serviceCode");
    if (service == "EXP_RECE_CREATE_ORDER") return CreateOrder(msg_data, res, lose);
    std::lock_guard<std::mutex> lock(mutex_);
    if (service == "EXP_RECE_SEARCH_ORDER_RESP" || service == "EXP_RECE_UPDATE_ORDER") {
        std::optional<SfOrderRef> ref = ParseSfOrderRefJson(msg_data);
        if (!ref || ref->order_id.empty()) { stats_.refused++; return Answer(res, "A1000", "", false, "1001", "orderId is required", ""); }
        auto it = orders_.find(ref->order_id);
        if (it == orders_.end()) { stats_.refused++; return Answer(res, "A1000", "", false, "8024", "未下单", ""); }
        Order& order = it->second;
        if (service == "EXP_RECE_SEARCH_ORDER_RESP") {
            SfOrderResult r{order.request.order_id, "023", "023", "", 2, order.waybill_no};
            return Answer(res, "A1000", "", true, "S0000", "", SfOrderResultToJson(r, true));
        }
        if (ref->deal_type != 2 && ref->deal_type != 1) { stats_.refused++; return Answer(res, "A1000", "", false, "1001", "dealType must be 1 or 2", ""); }
        if (!ref->waybill_no.empty() && ref->waybill_no != order.waybill_no)
            return Answer(res, "A1000", "", true, "S0000", "", SfUpdateResultToJson(order.request.order_id, 1));
        if (ref->deal_type == 2) {
            if (!routes_[order.waybill_no].empty()) { stats_.refused++; return Answer(res, "A1000", "", false, "8037", "已揽收，不能取消", ""); }
            if (!order.cancelled) stats_.cancelled++;
            order.cancelled = true;
        }
        return Answer(res, "A1000", "", true, "S0000", "", SfUpdateResultToJson(order.request.order_id, 2));
    }
    if (service == "EXP_RECE_SEARCH_ROUTES") {
        std::optional<std::vector<std::string>> waybills = ParseSfRouteQueryJson(msg_data);
        if (!waybills || waybills->empty() || waybills->size() > 10) {
            stats_.refused++;
            return Answer(res, "A1000", "", false, "1001", "trackingNumber must list 1 to 10 waybills", "");
        }
        std::vector<SfRoute> out;
        for (const std::string& w : *waybills)
            for (const SfRoute& r : routes_[w]) out.push_back(r);
        return Answer(res, "A1000", "", true, "S0000", "", SfRouteAnswerToJson(out));
    }
    stats_.refused++;
    Answer(res, "A1004", "no permission for " + service, false, "", "", "");
}

std::string SfExpressFake::CheckCreateOrder(const SfCreateOrder& o, std::string* code)
{
    auto refuse = [&](const char* c, const char* why) {
        *code = c;
        return std::string(why);
    };
    if (o.language.empty()) return refuse("1001", "language is required");
    if (o.order_id.empty() || o.order_id.size() > 64) return refuse("1001", "orderId must be 1 to 64 characters");
    if (o.express_type_id <= 0) return refuse("1001", "expressTypeId is required");
    const SfContact *sender = nullptr, *receiver = nullptr;
    for (const SfContact& c : o.contacts) {
        if (c.contact_type == 1) sender = &c;
        if (c.contact_type == 2) receiver = &c;
    }
    if (!sender || sender->address.empty()) return refuse("1010", "寄件地址不能为空");
    if (!sender->contact.empty() && sender->tel.empty() && sender->mobile.empty()) return refuse("1011", "寄件联系电话不能为空");
    if (!receiver || receiver->address.empty()) return refuse("1014", "到件地址不能为空");
    if (receiver->contact.empty()) return refuse("1015", "到件联系人不能为空");
    if (receiver->tel.empty() && receiver->mobile.empty()) return refuse("1016", "到件联系电话不能为空");
    for (const SfContact& c : o.contacts)
        if (c.address.size() > 600 /* 200 characters of UTF-8 */) return refuse("1001", "address is longer than 200 characters");
    if (o.cargo.empty()) return refuse("1023", "托寄物品名不能为空");
    for (const SfCargo& c : o.cargo) {
        if (c.name.empty()) return refuse("1023", "托寄物品名不能为空");
        if (c.name.size() > 384) return refuse("1001", "cargo name is longer than 128 characters");
        // A cross-border parcel: count, unit, weight, value, currency and origin per line.
        if (c.count <= 0 || c.unit.empty() || c.weight_g <= 0 || c.amount.fen <= 0 || c.currency.empty() || c.source_area.empty())
            return refuse("8194", "跨境件必须提供货物数量、单位、重量、单价、币种和原产地");
    }
    if (o.declared_value.fen <= 0) return refuse("8194", "跨境件必须提供声明价值和币种");
    (void)o.freight; // attr005/attr007 default to 0 when absent, which Chongqing accepts for parcels without them
    return {};
}

void SfExpressFake::CreateOrder(const std::string& msg_data, httplib::Response& res, bool lose)
{
    std::optional<SfCreateOrder> o = ParseSfCreateOrderJson(msg_data);
    if (!o) return Refuse(res, "1001", "msgData is not a create-order");
    std::unique_lock<std::mutex> lock(mutex_);
    std::string code, why = CheckCreateOrder(*o, &code);
    if (!why.empty()) {
        lock.unlock();
        return Refuse(res, code, why);
    }
    auto it = orders_.find(o->order_id);
    if (it != orders_.end() && it->second.cancelled) {
        lock.unlock();
        return Refuse(res, "8016", "重复下单：订单号已取消，不能再次使用");
    }
    bool fresh = it == orders_.end();
    if (fresh) {
        Order order;
        order.request = *o;
        // SF's 15-character waybill numbers (isUnifiedWaybillNo): "SF" and 13 digits.
        do order.waybill_no = "SF" + RandomDigits(13);
        while (order_of_waybill_.count(order.waybill_no));
        order_of_waybill_[order.waybill_no] = o->order_id;
        it = orders_.emplace(o->order_id, order).first;
        stats_.orders++;
        DeclareWaybill(it->second);
        if (o_.auto_routes_s > 0) {
            std::string id = o->order_id;
            courier_.After(int64_t(o_.auto_routes_s) * 1000, [this, id] { AutoRoute(id); });
        }
    }
    SfOrderResult r{it->second.request.order_id, "023", "023", "", 2, it->second.waybill_no};
    if (lose) {
        lose_next_ = false;
        res.status = 502; // made, but the answer never arrives
        return;
    }
    lock.unlock();
    Answer(res, "A1000", "", true, "S0000", "", SfOrderResultToJson(r, false));
}

void SfExpressFake::DeclareWaybill(const Order& order)
{
    if (!carrier_signer_) return;
    const SfCreateOrder& o = order.request;
    CebWaybill w;
    w.guid = NewMessageGuid();
    w.declared_at = UnixNow();
    w.logistics_code = o_.logistics_code;
    w.logistics_name = o_.logistics_name;
    w.logistics_no = order.waybill_no;
    if (!ceb511_waybill_.empty()) {
        w.logistics_no = ceb511_waybill_; // the fault: a waybill record for another number
        ceb511_waybill_.clear();
    }
    // The customs order number is the one the platform declared (custReferenceNo), not SF's orderId.
    w.order_no = o.cust_reference_no.empty() ? o.order_id : o.cust_reference_no;
    w.freight = o.freight;
    w.insured_fee = o.insurance;
    w.weight_g = o.total_weight_g;
    for (const SfCargo& c : o.cargo) {
        std::string next = w.goods_info.empty() ? c.name : w.goods_info + ";" + c.name;
        if (next.size() > 200) break; // bytes ≥ characters: within C..200
        w.goods_info = next;
    }
    for (const SfContact& c : o.contacts)
        if (c.contact_type == 2) {
            w.consignee = c.contact;
            w.consignee_address = c.address;
            w.consignee_telephone = c.mobile.empty() ? c.tel : c.mobile;
        }
    w.dxp_id = "DXPENTSFEXPRESS1";
    courier_.PostVoucher(o_.single_window, Ceb511Xml(w), *carrier_signer_, w.dxp_id, "CEB511Message");
}

void SfExpressFake::AddRoute(const std::string& waybill_no, const std::string& op, const std::string& place, const std::string& remark)
{
    SfRoute r;
    r.id = std::to_string(next_event_id_++);
    r.mail_no = waybill_no;
    r.order_id = order_of_waybill_[waybill_no];
    r.accept_time = SfTime(UnixNow());
    r.accept_address = place;
    r.remark = remark;
    r.op_code = op;
    routes_[waybill_no].push_back(r);
    stats_.routes++;
    if (o_.push_url.empty()) return;
    FakeCourier::Letter l;
    l.url = o_.push_url;
    l.body = SfRoutePushToJson({r});
    l.content_type = "application/json;charset=utf-8";
    l.accepts = [](const std::string& body) { return ParseSfPushReplyJson(body) == std::optional<bool>(true); };
    courier_.Post(std::move(l));
}

void SfExpressFake::AutoRoute(const std::string& order_id)
{
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = orders_.find(order_id);
    if (it == orders_.end() || it->second.cancelled || it->second.next_route >= int(std::size(kSteps))) return;
    const Step& s = kSteps[it->second.next_route++];
    AddRoute(it->second.waybill_no, s.op, s.place, s.remark);
    if (it->second.next_route < int(std::size(kSteps)))
        courier_.After(int64_t(o_.auto_routes_s) * 1000, [this, order_id] { AutoRoute(order_id); });
}

void SfExpressFake::Route(const httplib::Request& req, httplib::Response& res)
{
    std::lock_guard<std::mutex> lock(mutex_);
    std::string waybill = req.get_param_value("waybill"), op = req.get_param_value("op");
    if (!order_of_waybill_.count(waybill) || op.empty()) {
        res.status = 404;
        res.set_content("no such waybill, or no op\n", "text/plain");
        return;
    }
    std::string remark;
    for (const Step& s : kSteps)
        if (op == s.op) remark = s.remark;
    AddRoute(waybill, op, req.has_param("place") ? req.get_param_value("place") : "重庆市", remark.empty() ? "路由 " + op : remark);
    res.set_content("ok\n", "text/plain");
}

void SfExpressFake::Control(const httplib::Request& req, httplib::Response& res)
{
    std::lock_guard<std::mutex> lock(mutex_);
    if (req.has_param("lose_next")) lose_next_ = req.get_param_value("lose_next") == "1";
    if (req.has_param("ceb511_waybill")) ceb511_waybill_ = req.get_param_value("ceb511_waybill");
    ControlFake(req, res, faults_, courier_);
}

} // namespace bondstore
