// The TLS front (scripts/front.sh, nginx; docs/security.md#tls-front) before a real server: HTTPS
// with HSTS and the server's own headers, plain HTTP redirected, headers that trickle in cut, and
// a client's own X-Forwarded-For replaced by the address the front sees.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <thread>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

// front.sh in the foreground; stopped with SIGTERM (nginx's fast shutdown takes its workers along).
struct Front {
    TempDir dir;
    int https_port = 0, http_port = 0;
    ServerProcess nginx;

    explicit Front(int upstream_port)
    {
        https_port = FreePort();
        http_port = FreePort();
        nginx = ServerProcess::StartBinary(std::string(BONDSTORE_SOURCE_DIR) + "/scripts/front.sh",
                                           {"--upstream", "127.0.0.1:" + std::to_string(upstream_port), "--port", std::to_string(https_port),
                                            "--http-port", std::to_string(http_port), "--bind", "127.0.0.1", "--dir", dir.path});
        // front.sh prints its line just before nginx binds: wait for the port.
        for (int i = 0; i < 100; i++) {
            httplib::Client probe("127.0.0.1", http_port);
            if (probe.Get("/")) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ~Front() { nginx.Stop(SIGTERM); }
    // A client that trusts the front's (self-signed) certificate and nothing else.
    std::unique_ptr<httplib::SSLClient> Https() const
    {
        auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", https_port);
        c->set_ca_cert_path((dir.path + "/self-signed-cert.pem").c_str());
        c->enable_server_certificate_verification(true);
        return c;
    }
};

} // namespace

TEST_CASE("the TLS front: HTTPS with HSTS, HTTP redirected, slow headers cut, a client's own X-Forwarded-For replaced")
{
    Backend b = SqliteBackend();
    OrderShop shop(b, {"--max-unpaid-per-client", "1", "--rate-limit", "checkout=0"});
    Front front(shop.server.port);

    // HTTPS, verified against the front's certificate: the server's answer, the front's HSTS.
    std::unique_ptr<httplib::SSLClient> https = front.Https();
    auto page = https->Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body == "<!doctype html>");
    CHECK(page->get_header_value("Strict-Transport-Security").find("max-age=31536000") == 0);
    CHECK(page->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");

    // Plain HTTP: only a redirect, path and query kept.
    httplib::Client http("127.0.0.1", front.http_port);
    auto redirect = http.Get("/product/T-001?lang=en");
    REQUIRE(redirect);
    CHECK(redirect->status == 301);
    CHECK(redirect->get_header_value("Location") == "https://127.0.0.1:" + std::to_string(front.https_port) + "/product/T-001?lang=en");

    // A client naming itself in X-Forwarded-For is still the address the front sees: one client,
    // one unpaid order.
    auto order = [&](int buyer, const std::string& spoofed) {
        return https->Post("/api/orders", {{"Idempotency-Key", "front-" + std::to_string(buyer)}, {"X-Forwarded-For", spoofed}},
                          OrderBody({{"T-00" + std::to_string(buyer), 1}}, buyer, shop.one_item_total), "application/json");
    };
    auto first = order(1, "203.0.113.1");
    auto second = order(2, "203.0.113.2");
    REQUIRE(first);
    REQUIRE(second);
    CHECK_MESSAGE(first->status == 201, first->body);
    CHECK(second->status == 429);

    // Headers that trickle in (slowloris): the front cuts them after 10 s; the server never saw them.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(front.http_port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    auto start = std::chrono::steady_clock::now();
    std::string head = "GET / HTTP/1.1\r\nHost: shop\r\n";
    send(fd, head.data(), head.size(), MSG_NOSIGNAL);
    bool closed = false;
    while (!closed && std::chrono::steady_clock::now() - start < std::chrono::seconds(20)) {
        if (send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL) < 0) closed = true;
        char c;
        ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) closed = true;
        if (!closed) std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    }
    close(fd);
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("headers sent a line a second: cut after " << took << " s");
    CHECK(closed);
    CHECK(took > 9);
    CHECK(took < 13);
}
