#include "server/http/request_log.h"

#include "server/operations/event_log.h"
#include "server/http/client_address.h"

#include <httplib.h>

#include <chrono>

namespace bondstore {

namespace {

struct Current {
    bool begun = false;
    std::chrono::steady_clock::time_point start;
    std::string route, merchant, kiosk;
};
thread_local Current current;

// A client's id is taken as it is when it could not be mistaken for anything else in a log.
bool SaneRequestId(std::string_view id)
{
    if (id.empty() || id.size() > 128) return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':'))
            return false;
    return true;
}

} // namespace

void RequestLog::Begin(const httplib::Request& req, httplib::Response& res) const
{
    current = Current{};
    current.begun = true;
    current.start = std::chrono::steady_clock::now();
    std::string id = req.get_header_value("X-Request-Id");
    if (!SaneRequestId(id)) id = MakeRequestId();
    res.set_header("X-Request-Id", id);
    SetCurrentRequestId(std::move(id));
}

void RequestLog::End(const httplib::Request& req, httplib::Response& res) const
{
    // (A request too malformed to route is answered without Begin: it gets an id of its own.)
    double seconds = current.begun ? std::chrono::duration<double>(std::chrono::steady_clock::now() - current.start).count() : 0;
    std::string id = current.begun ? CurrentRequestId() : MakeRequestId();
    if (!res.has_header("X-Request-Id")) res.set_header("X-Request-Id", id);
    std::vector<LogField> fields = {
        {"request_id", id},
        {"method", req.method},
        {"route", current.route},
        {"status", int64_t(res.status)},
        {"duration_ms", int64_t(seconds * 1000 + 0.5)},
        {"bytes", int64_t(res.body.empty() ? res.content_length_ : res.body.size())}, // (a prepared body is streamed)
        {"client", ClientNetwork(ClientAddress(req, trusted_proxies_))},
    };
    if (!current.merchant.empty()) fields.push_back({"merchant", current.merchant});
    if (!current.kiosk.empty()) fields.push_back({"kiosk", current.kiosk});
    LogEvent(res.status >= 500 ? LogLevel::Error : LogLevel::Info, "request", std::move(fields));
    if (after) after(AnsweredRequest{req.method, current.route, res.status, seconds});
    current = Current{};
    SetCurrentRequestId({});
}

void NoteRoute(std::string_view route) { current.route = std::string(route); }
void NoteMerchant(std::string_view merchant) { current.merchant = std::string(merchant); }
void NoteKiosk(std::string_view kiosk) { current.kiosk = std::string(kiosk); }

std::string ClientNetwork(std::string_view address)
{
    if (address.find(':') == std::string_view::npos) {
        size_t last = address.rfind('.');
        return last == std::string_view::npos ? std::string() : std::string(address.substr(0, last)) + ".0";
    }
    // IPv6 (an IPv4-mapped one, "::ffff:203.0.113.77", as its IPv4 network)
    if (address.rfind("::ffff:", 0) == 0 && address.find('.') != std::string_view::npos) return ClientNetwork(address.substr(7));
    std::string out;
    int groups = 0;
    size_t i = 0;
    while (groups < 3 && i < address.size()) {
        size_t colon = address.find(':', i);
        if (colon == i) break; // "::" — the rest is zeros
        out += std::string(address.substr(i, colon == std::string_view::npos ? std::string_view::npos : colon - i)) + ":";
        groups++;
        if (colon == std::string_view::npos) break;
        i = colon + 1;
    }
    return out.empty() ? "::" : out + ":";
}

} // namespace bondstore
