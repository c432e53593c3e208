#include "server/http/body_routes.h"

#include "server/http/connection.h"
#include "server/http/request_log.h"

#include <httplib.h>

#include <chrono>
#include <strings.h>

namespace bondstore {

namespace {

bool Chunked(const httplib::Request& req) { return strcasecmp(req.get_header_value("Transfer-Encoding").c_str(), "chunked") == 0; }

bool Compressed(const httplib::Request& req)
{
    std::string e = req.get_header_value("Content-Encoding");
    return !e.empty() && strcasecmp(e.c_str(), "identity") != 0;
}

uint64_t DeclaredLength(const httplib::Request& req)
{
    std::string v = req.get_header_value("Content-Length");
    uint64_t n = 0;
    for (char c : v) {
        if (c < '0' || c > '9' || n > (UINT64_MAX - 9) / 10) return UINT64_MAX;
        n = n * 10 + uint64_t(c - '0');
    }
    return n;
}

// What a body may cost: its bytes (after decompression) and its pace. A body must arrive at 32 KB/s
// or faster once its first 10 s are over.
struct Budget {
    size_t max;
    size_t received = 0;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    enum class State { Reading, TooLarge, TooSlow } state = State::Reading;

    bool Take(size_t n)
    {
        received += n;
        if (received > max) { state = State::TooLarge; return false; }
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > 10.0 + double(received) / 32768.0) { state = State::TooSlow; return false; }
        return true;
    }
};

// A refused body this small (declared, not chunked) is read and dropped, and the connection kept:
// closing a socket with unread bytes in it resets the connection, and a client in the middle of
// sending often loses the answer with it. A larger one is not worth reading: the answer, and close.
constexpr uint64_t kDrainBytes = 64 * 1024;

bool Small(const httplib::Request& req)
{
    return !Chunked(req) && (!req.has_header("Content-Length") || DeclaredLength(req) <= kDrainBytes);
}

void Refuse(ErrorReply& errors, const httplib::Request& req, httplib::Response& res, int status, const char* code)
{
    errors.Send(req, res, status, code);
    CloseAfterAnswer(req, res);
}

// After `before` (or a check of the headers) answered: a small body is read and dropped, a large
// one left unread and the connection closed.
void DropBody(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& content)
{
    if (!Small(req)) return CloseAfterAnswer(req, res);
    Budget drain{kDrainBytes};
    int status = res.status; // a read that fails (a broken compressed body) sets 400: the answer stays
    if (!content([&](const char*, size_t length) { return drain.Take(length); })) CloseAfterAnswer(req, res);
    res.status = status;
}

// After a read that stopped: why, answered, and the connection closed.
void RefuseBody(ErrorReply& errors, const httplib::Request& req, httplib::Response& res, const Budget& b)
{
    if (b.state == Budget::State::TooLarge) Refuse(errors, req, res, 413, "body_too_large");
    else if (b.state == Budget::State::TooSlow) Refuse(errors, req, res, 408, "request_timeout");
    else Refuse(errors, req, res, 400, "invalid_request"); // broken framing, a bad compressed stream, a client gone
}

} // namespace

BodyRoutes::BodyRoutes(httplib::Server& server, ErrorReply& errors, RouteTable& routes) : server_(server), errors_(errors), routes_(routes) {}

void BodyRoutes::Post(const std::string& path, Limits limits, Handler handler, Before before)
{
    PostStream(path, limits, [handler](const httplib::Request& req, httplib::Response& res, const std::function<bool(const Chunk&)>& read) {
        std::string body;
        if (read([&](const char* data, size_t length) { body.append(data, length); return true; })) handler(req, res, body);
    }, before);
}

void BodyRoutes::PostStream(const std::string& path, Limits limits, StreamHandler handler, Before before)
{
    const std::string pattern = RoutePattern(path);
    routes_.Record("POST", path);
    rules_.push_back({path, std::regex(pattern), limits});
    server_.Post(pattern, [this, path, limits, handler, before](const httplib::Request& req, httplib::Response& res,
                                                                 const httplib::ContentReader& content) {
        NoteRoute(path);
        if (Compressed(req) && !limits.compressed) {
            errors_.Send(req, res, 415, "encoding_not_accepted");
            return DropBody(req, res, content);
        }
        if (before && !before(req, res)) return DropBody(req, res, content);
        Budget budget{limits.max_bytes};
        bool stopped = false, route_stopped = false;
        auto read = [&](const Chunk& feed) {
            bool whole = content([&](const char* data, size_t length) {
                if (!budget.Take(length)) return false;
                if (!feed(data, length)) route_stopped = true;
                return !route_stopped;
            });
            stopped = !whole;
            return whole;
        };
        handler(req, res, read);
        if (!stopped) return;
        if (route_stopped) return CloseAfterAnswer(req, res); // the route stopped reading, and answered
        RefuseBody(errors_, req, res, budget);                 // too large, too slow, or broken framing
    });
}

bool BodyRoutes::RefuseBeforeReading(const httplib::Request& req, httplib::Response& res) const
{
    bool may_have_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
    if (!may_have_body) return false;
    const Limits* limits = nullptr;
    for (const Rule& r : rules_)
        if (std::regex_match(req.path, r.pattern)) {
            limits = &r.limits;
            if (req.method == "POST") NoteRoute(r.path); // (its log line names it, refused or not)
            break;
        }
    std::string te = req.get_header_value("Transfer-Encoding");
    if (!te.empty() && !Chunked(req)) {
        Refuse(errors_, req, res, 400, "invalid_request");
        return true;
    }
    // Nothing here takes this body: a small one goes on to the catch-all (MountNotFound), read
    // and answered 404; a large one is refused unread.
    if (!limits || req.method != "POST") {
        if (Small(req)) return false;
        Refuse(errors_, req, res, 404, "not_found");
        return true;
    }
    if (!Chunked(req) && req.has_header("Content-Length") && DeclaredLength(req) > limits->max_bytes) {
        Refuse(errors_, req, res, 413, "body_too_large");
        return true;
    }
    if (Compressed(req) && !limits->compressed && !Small(req)) {
        Refuse(errors_, req, res, 415, "encoding_not_accepted");
        return true;
    }
    return false;
}

void BodyRoutes::MountNotFound()
{
    // Reached only with a small body (the gate refuses larger ones unread): httplib has read it.
    auto not_found = [this](const httplib::Request& req, httplib::Response& res) { errors_.Send(req, res, 404, "not_found"); };
    server_.Post(".*", not_found);
    server_.Put(".*", not_found);
    server_.Patch(".*", not_found);
    server_.Delete(".*", not_found);
}

} // namespace bondstore
