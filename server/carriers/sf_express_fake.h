// SfExpressFake: plays SF Express for the tests and the demo, speaking its open platform's published
// API (../shared/carriers/SPEC.md) and checking what SF's gateway checks: the form fields
// (partnerID, requestID, serviceCode, timestamp, msgData, msgDigest), a known partner, a timestamp
// within its window (A1002), the msgDigest by Java URLEncoder rules (A1006), a requestID used once
// (A1007); then what the service checks — for a create-order the receiver's name, phone and
// address (1010–1016), every cargo line's name (1023), the declared value and currency a
// cross-border parcel needs (8194), freight and insurance in extraInfoList as Chongqing's port
// requires; a cancelled orderId never reused (8016). A repeated create-order for a live orderId
// answers its first waybill, as SF does.
//
// With a single window configured, each new waybill sends customs the carrier's waybill record
// (CEB511), signed with the carrier's key. Routes: POST /fake/route?waybill=…&op=50[&place=…]
// adds a route event and pushes it to the store (JSON mode), retried until the store answers
// return_code 0000; with auto_routes_s each waybill advances by itself (picked up, at a hub, out
// for delivery, delivered), one step every auto_routes_s seconds. Faults: POST
// /fake/control?fail_next=CODE (the next call answers that gateway code, A1xxx, or business
// errorCode), ?lose_next=1 (the next create-order is made but its answer lost: HTTP 502),
// ?ceb511_waybill=NO (the next CEB511 declares that waybill number instead: a carrier's mistake
// customs must catch), ?delay_ms=N, ?hold=1|0. GET /fake/stats counts what it saw; GET
// /fake/waybill?order=NO answers an order's waybill.
#pragma once

#include "server/customs/message_signer.h"
#include "server/payments/payment_fake.h"

#include "core/wire/sf_express_json.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace bondstore {

struct SfExpressFakeOptions {
    std::string partner_id = "BONDSTORE_SANDBOX";
    std::string checkword;      // made once, kept in the account folder
    std::string push_url;       // the store's /api/carriers/sf/routes
    bool allow_http_push = false; // SF pushes to registered public URLs; the tests run on loopback http
    std::string single_window;  // customs' gateway: each new waybill sends a CEB511
    std::string carrier_key_file, carrier_cert_file;
    std::string logistics_code = "5000980000", logistics_name = "顺丰速运有限公司"; // from the store's customs registration
    int auto_routes_s = 0;
};

class SfExpressFake {
public:
    // An account for the fake in `dir`, made once and reused: the checkword (sf-checkword), the
    // carrier's customs key and certificate, and the store's account file sf-express.json
    // (core/wire/sf_express_json.h) naming SF at `fake_url`/std/service.
    static bool MakeAccount(const std::string& dir, const std::string& fake_url, SfExpressFakeOptions* options, std::string* error);

    explicit SfExpressFake(SfExpressFakeOptions options);
    ~SfExpressFake();
    bool Mount(httplib::Server& server, std::string* error);
    void Stop();

    struct Stats {
        int64_t requests = 0, bad_signatures = 0, refused = 0, orders = 0, cancelled = 0, routes = 0;
        int64_t pushes_sent = 0, pushes_failed = 0, waybills_declared = 0;
    };
    Stats stats();

private:
    struct Order {
        SfCreateOrder request;
        std::string waybill_no;
        bool cancelled = false;
        int next_route = 0; // auto routes: the next step
    };
    void Service(const httplib::Request& req, httplib::Response& res);
    void Answer(httplib::Response& res, const std::string& code, const std::string& message, bool success, const std::string& error_code,
                const std::string& error_msg, const std::string& msg_data);
    // A business refusal (A1000, success false).
    void Refuse(httplib::Response& res, const std::string& error_code, const std::string& message);
    void CreateOrder(const std::string& msg_data, httplib::Response& res, bool lose);
    // caller holds mutex_
    std::string CheckCreateOrder(const SfCreateOrder& o, std::string* code);
    void DeclareWaybill(const Order& o); // caller holds mutex_
    void AddRoute(const std::string& waybill_no, const std::string& op, const std::string& place, const std::string& remark); // caller holds mutex_
    void AutoRoute(const std::string& order_id);
    void Route(const httplib::Request& req, httplib::Response& res);
    void Control(const httplib::Request& req, httplib::Response& res);

    SfExpressFakeOptions o_;
    std::unique_ptr<MessageSigner> carrier_signer_;
    FakeCourier courier_;
    std::mutex mutex_; // everything below
    std::map<std::string, Order> orders_;           // orderId →
    std::map<std::string, std::string> order_of_waybill_;
    std::map<std::string, std::vector<SfRoute>> routes_; // waybill →
    std::set<std::string> request_ids_;
    int64_t next_event_id_ = 158918741444476;
    FakeFaults faults_;
    bool lose_next_ = false;
    std::string ceb511_waybill_;
    Stats stats_;
};

} // namespace bondstore
