// libFuzzer target: the HTTP layer's body handling (server/http/body_routes.h) — raw bytes sent
// over a socket to an httplib server whose routes take bodies as the store's do: a small JSON
// body, a compressed upload streamed in, a body behind a credential check, and the gate before
// all of them. Whatever arrives, a route never sees more than its limit (the handlers report what
// they got, and the target checks it), and the server answers HTTP or closes.
#include "server/http/body_routes.h"
#include "server/http/connection.h"
#include "server/http/error_reply.h"

#include <httplib.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

using namespace bondstore;

namespace {

constexpr size_t kSmall = 1024, kUpload = 64 * 1024;

struct Served {
    httplib::Server server;
    ErrorReply errors;
    RouteTable routes{server};
    BodyRoutes posts{server, errors, routes};
    int port = 0;
    std::thread thread;
};

Served& TheServer()
{
    static Served* s = [] {
        auto* s = new Served;
        std::string error;
        if (!s->errors.Load(&error)) std::abort();
        s->posts.Post("/small", {kSmall}, [](const httplib::Request&, httplib::Response& res, const std::string& body) {
            res.set_content("got " + std::to_string(body.size()), "text/plain");
        });
        s->posts.PostStream("/upload", {kUpload, true}, [](const httplib::Request&, httplib::Response& res, const auto& read) {
            size_t got = 0;
            read([&](const char*, size_t n) { got += n; return true; });
            res.set_content("got " + std::to_string(got), "text/plain");
        });
        s->posts.Post("/auth", {kSmall}, [](const httplib::Request&, httplib::Response& res, const std::string& body) {
            res.set_content("got " + std::to_string(body.size()), "text/plain");
        }, [s](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("X-Token") == "yes") return true;
            s->errors.Send(req, res, 401, "unauthorized");
            return false;
        });
        s->posts.MountNotFound();
        s->server.set_pre_routing_handler([s](const httplib::Request& req, httplib::Response& res) {
            return s->posts.RefuseBeforeReading(req, res) ? httplib::Server::HandlerResponse::Handled
                                                          : httplib::Server::HandlerResponse::Unhandled;
        });
        s->server.set_logger(FinishAnswer);
        s->server.set_read_timeout(0, 200000);
        s->server.set_keep_alive_max_count(4);
        s->port = s->server.bind_to_any_port("127.0.0.1");
        if (s->port <= 0) std::abort();
        s->thread = std::thread([s] { s->server.listen_after_bind(); });
        return s;
    }();
    return *s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Served& s = TheServer();
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(s.port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) std::abort();
    send(fd, data, size, MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    std::string answer;
    char buf[4096];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 3000) <= 0) std::abort(); // the server neither answered nor closed
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        answer.append(buf, size_t(n));
    }
    close(fd);
    if (!answer.empty() && answer.rfind("HTTP/1.1 ", 0) != 0) std::abort();
    // Every "got N" a route answered is within its limit.
    for (size_t at = answer.find("\r\n\r\ngot "); at != std::string::npos; at = answer.find("\r\n\r\ngot ", at + 1)) {
        size_t got = std::strtoull(answer.c_str() + at + 8, nullptr, 10);
        if (got > kUpload) std::abort();
    }
    return 0;
}
