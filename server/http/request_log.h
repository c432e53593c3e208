// RequestLog: one log line per answer (operations/event_log.h), and the request id that ties a request's
// lines together. The id comes from the client's X-Request-Id when it is a sane one (a front or a
// kiosk that numbers its calls), else is made here; it is answered back in X-Request-Id and sent
// with the calls made to providers while the request is answered.
//
//   {"time":…,"level":"info","event":"request","request_id":"…","method":"POST",
//    "route":"/api/orders/{order_no}/payment","status":200,"duration_ms":12,"bytes":431,
//    "client":"203.0.113.0","merchant":"acme"}
//
// "duration_ms" runs from routing to the answer ready to write. "route" is the route as the API
// description names it (http/route_table.h), never the path (which
// holds order numbers and SKUs): "*" for the shopper's pages and the app's files, "" for what no
// route took. "client" is the client's network with its host part cut off (IPv4 /24, IPv6 /48): a
// whole address is personal data. "merchant" and "kiosk" are there when the request proved them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

// What was learnt about an answered request (for the log line and the metrics).
struct AnsweredRequest {
    std::string_view method, route;
    int status = 0;
    double seconds = 0;
};

class RequestLog {
public:
    explicit RequestLog(std::vector<std::string> trusted_proxies) : trusted_proxies_(std::move(trusted_proxies)) {}

    // When routing begins (the server's pre-routing handler): the request's id and clock.
    void Begin(const httplib::Request& req, httplib::Response& res) const;
    // Once the answer is ready, just before it is written (the server's post-routing handler,
    // which httplib runs for every answer, refused or routed): its line, then `after` (the
    // metrics) — so both are there before the client has the answer.
    void End(const httplib::Request& req, httplib::Response& res) const;

    std::function<void(const AnsweredRequest&)> after;

private:
    std::vector<std::string> trusted_proxies_;
};

// What a route learns, for its request's line (on the request's thread).
void NoteRoute(std::string_view route);
void NoteMerchant(std::string_view merchant);
void NoteKiosk(std::string_view kiosk);

// The client's network for a log: "203.0.113.77" → "203.0.113.0", "2001:db8:1:2::5" → "2001:db8:1::".
std::string ClientNetwork(std::string_view address);

} // namespace bondstore
