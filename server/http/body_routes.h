// BodyRoutes: every route that takes a request body, with the most it takes, enforced before the
// body is read. httplib reads a body before routing unless told otherwise, and bounds only a
// declared Content-Length: a chunked body, or a compressed one, grows without limit. So:
//
// - a gate (httplib's pre-routing handler) answers before a byte of the body is read: 413 for a
//   declared length over the route's limit, 404 for a large or chunked body sent to a route that
//   takes none, 415 for a large compressed body where the route does not take one; the connection
//   then closes. A refused body of 64 KiB or less is read and dropped instead, and the connection
//   kept: closing a socket with unread bytes resets it, and the client often loses the answer;
// - every body is read through a counting receiver: past the limit (counted after decompression,
//   so a small gzip that inflates to gigabytes stops at the limit) it answers 413; a body that
//   trickles in (slower than 32 KB/s after its first 10 s: a slow client holding a thread) 408;
// - a route may check its credentials first (`before`): a request without them is refused before
//   its body is read (a small one is then dropped as above).
#pragma once

#include "server/http/error_reply.h"
#include "server/http/route_table.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
}

namespace bondstore {

class BodyRoutes {
public:
    // Each route is recorded in `routes` too.
    BodyRoutes(httplib::Server& server, ErrorReply& errors, RouteTable& routes);

    struct Limits {
        size_t max_bytes = 64 * 1024;
        bool compressed = false; // Content-Encoding gzip/deflate/br accepted (and inflated, bounded)
    };
    // Runs before the body is read; false after answering (then the body is never read).
    using Before = std::function<bool(const httplib::Request&, httplib::Response&)>;
    using Handler = std::function<void(const httplib::Request&, httplib::Response&, const std::string& body)>;
    // The body handed over as it arrives; `feed` returns false to stop reading.
    using Chunk = std::function<bool(const char* data, size_t length)>;
    using StreamHandler = std::function<void(const httplib::Request&, httplib::Response&, const std::function<bool(const Chunk&)>& read)>;

    // POST `path` (as RouteTable names it: "/api/orders/{order_no}/cancel"): the whole body (at
    // most limits.max_bytes) in one string.
    void Post(const std::string& path, Limits limits, Handler handler, Before before = nullptr);
    // POST `path`: the body streamed through `read` (a catalog upload). Past the limit, `read`
    // returns false and the route has answered 413.
    void PostStream(const std::string& path, Limits limits, StreamHandler handler, Before before = nullptr);

    // The gate, as the server's pre-routing handler (routes.cpp installs it).
    bool RefuseBeforeReading(const httplib::Request& req, httplib::Response& res) const;
    // 404 for a (small) body sent where nothing takes one; after every Post.
    void MountNotFound();

private:
    struct Rule {
        std::string path;
        std::regex pattern;
        Limits limits;
    };
    httplib::Server& server_;
    ErrorReply& errors_;
    RouteTable& routes_;
    std::vector<Rule> rules_;
};

} // namespace bondstore
