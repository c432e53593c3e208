// Readiness and shutdown (docs/operations.md): GET /api/ready answers for the database and the
// relay; on SIGTERM the server takes no new connection, answers the request under way and exits
// cleanly — and a client that never finishes its request cannot hold it past --drain-seconds.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <regex>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

int Connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(port));
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

void Send(int fd, const std::string& bytes) { REQUIRE(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == ssize_t(bytes.size())); }

std::string ReadAll(int fd)
{
    timeval tv{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, size_t(n));
    return out;
}

using Clock = std::chrono::steady_clock;

} // namespace

TEST_CASE("ready: the database answers and no relay is configured (the contract test asks one with its relay on)")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    httplib::Client c(shop.server.url);
    auto r = c.Get("/api/ready");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json::parse(r->body) == json{{"ready", true}, {"database", "ok"}, {"relay", "off"}, {"stopping", false}});
}

TEST_CASE("ready: a PostgreSQL store that refuses connections is not ready, and is again once it takes them")
{
    Backend b = PostgresBackend();
    OrderShop shop(b);
    httplib::Client c(shop.server.url);
    REQUIRE(c.Get("/api/ready")->status == 200);
    const std::string db = b.Sql("SELECT current_database()");
    // (as a database being failed over or restored: new sessions refused, the old ones cut) —
    // from the server's maintenance database, as a database cannot refuse its own sessions
    const std::string maintenance = std::regex_replace(b.conninfo, std::regex("dbname=[^ ]+"), "dbname=postgres");
    auto psql = [&](const std::string& statement) {
        RunResult r = Run("/usr/bin/psql", {maintenance, "-At", "-c", statement});
        REQUIRE_MESSAGE(r.exit_code == 0, statement << ": " << r.err);
    };
    REQUIRE(maintenance != b.conninfo);
    psql("ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS false");
    psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
    auto down = c.Get("/api/ready");
    REQUIRE(down);
    CHECK(down->status == 503);
    CHECK(json::parse(down->body)["database"] == "unavailable");
    CHECK(json::parse(down->body)["ready"] == false);
    psql("ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS true");
    bool back = false;
    for (int i = 0; i < 50 && !back; i++) {
        auto r = c.Get("/api/ready");
        back = r && r->status == 200;
        if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(back);
}

TEST_CASE("SIGTERM: no new connection, the request under way answered, a clean exit")
{
    Backend b = SqliteBackend();
    OrderShop shop(b, {"--drain-seconds", "10"});
    std::string token = MerchantToken(b, "demo");
    const std::string body = "sku,warehouse,on_hand\nT-002,CQ-LL,7\n";
    int fd = Connect(shop.server.port);
    REQUIRE(fd >= 0);
    // A stock upload under way: its headers and half its body sent.
    Send(fd, "POST /api/merchant/stock HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                 "\r\nContent-Type: text/csv\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto t0 = Clock::now();
    REQUIRE(kill(shop.server.pid, SIGTERM) == 0);
    // The listening socket closes: a new client is refused.
    bool refused = false;
    for (int i = 0; i < 40 && !refused; i++) {
        int other = Connect(shop.server.port);
        refused = other < 0;
        if (other >= 0) close(other);
        else break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(refused);
    // The upload finishes, and is answered and applied.
    Send(fd, body.substr(10));
    std::string answer = ReadAll(fd);
    close(fd);
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-002'") == 7);
    int code = shop.server.Stop(SIGTERM); // (waits for the exit the first signal began)
    CHECK(code == 0);
    CHECK(Clock::now() - t0 < std::chrono::seconds(8));
    CHECK(shop.server.Stderr().find("stopping (drain 10 s)") != std::string::npos);
}

TEST_CASE("SIGTERM: a client that never finishes its request does not hold the server past its drain time")
{
    Backend b = SqliteBackend();
    OrderShop shop(b, {"--drain-seconds", "2"});
    std::string token = MerchantToken(b, "demo");
    int fd = Connect(shop.server.port);
    REQUIRE(fd >= 0);
    Send(fd, "POST /api/merchant/stock HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                 "\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\nsku,ware");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto t0 = Clock::now();
    int code = shop.server.Stop(SIGTERM);
    auto took = Clock::now() - t0;
    close(fd);
    CHECK(code == 1);
    CHECK(took >= std::chrono::milliseconds(1900));
    CHECK(took < std::chrono::seconds(5));
    CHECK(shop.server.Stderr().find("drain time over (2 s)") != std::string::npos);
}
