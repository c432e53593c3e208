// The store under attack (docs/security.md), over real sockets on loopback: bodies refused before
// they are read, bodies that never end or trickle in, a compressed bomb; one client holding the
// stock hostage; rate limits; kiosks that must be enrolled; secrets never on a command line;
// files the web server must not serve; the headers every answer carries.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include "server/security/order_seal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace bondstore::test;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

json Body(const httplib::Result& r) { return json::parse(r->body); }

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A client that writes raw bytes, as an attacker's would.
struct RawClient {
    int fd = -1;
    explicit RawClient(int port)
    {
        fd = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(uint16_t(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    }
    ~RawClient() { close(fd); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool Send(std::string_view bytes) { return send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == ssize_t(bytes.size()); }
    // What arrives within `seconds` (less if the server closes first).
    std::string Read(double seconds)
    {
        std::string got;
        auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            timeval tv{0, 50000};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            char buf[4096];
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n == 0) break; // closed
            if (n > 0) got.append(buf, size_t(n));
            else if (errno != EAGAIN && errno != EWOULDBLOCK) break;
        }
        return got;
    }
    // One whole answer (its headers and Content-Length bytes of body), waiting up to `seconds`.
    std::string ReadAnswer(double seconds)
    {
        std::string got;
        auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            size_t end = got.find("\r\n\r\n");
            if (end != std::string::npos) {
                size_t at = got.find("Content-Length: ");
                size_t length = at != std::string::npos && at < end ? std::stoul(got.substr(at + 16)) : 0;
                if (got.size() >= end + 4 + length) return got;
            }
            timeval tv{0, 50000};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            char buf[4096];
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n == 0) break;
            if (n > 0) got.append(buf, size_t(n));
            else if (errno != EAGAIN && errno != EWOULDBLOCK) break;
        }
        return got;
    }
    // Something readable right now (an answer), without waiting.
    bool Answered()
    {
        char c;
        return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
    }
};

int Status(const std::string& answer) { return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(answer.substr(9, 3)) : 0; }

// The server's peak resident memory (kB).
int64_t PeakMemoryKb(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
    return -1;
}

std::string Gzip(const std::string& in)
{
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&zs, uLong(in.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

// A catalog upload of valid JSON as far as it goes: `{"products":[` and then `mib` MiB of spaces,
// compressed ("gzip" or "br") a MiB at a time (never whole in memory).
std::string Bomb(const std::string& encoding, int mib)
{
    const std::string head = "{\"products\":[", chunk(1u << 20, ' ');
    std::string out;
    if (encoding == "gzip") {
        z_stream zs{};
        REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
        std::vector<char> buf(1u << 16);
        for (int i = -1; i <= mib; i++) {
            const std::string& in = i < 0 ? head : chunk;
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
            zs.avail_in = i < mib ? uInt(in.size()) : 0;
            int rc;
            do {
                zs.next_out = reinterpret_cast<Bytef*>(buf.data());
                zs.avail_out = uInt(buf.size());
                rc = deflate(&zs, i < mib ? Z_NO_FLUSH : Z_FINISH);
                out.append(buf.data(), buf.size() - zs.avail_out);
            } while (zs.avail_out == 0 || (i == mib && rc != Z_STREAM_END));
        }
        deflateEnd(&zs);
        return out;
    }
    BrotliEncoderState* s = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
    BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, 5);
    BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, 24);
    uint8_t buf[1u << 16];
    for (int i = -1; i <= mib; i++) {
        const std::string& in = i < 0 ? head : chunk;
        const uint8_t* next = reinterpret_cast<const uint8_t*>(in.data());
        size_t avail = i < mib ? in.size() : 0;
        BrotliEncoderOperation op = i < mib ? BROTLI_OPERATION_PROCESS : BROTLI_OPERATION_FINISH;
        do {
            uint8_t* o = buf;
            size_t room = sizeof buf;
            REQUIRE(BrotliEncoderCompressStream(s, op, &avail, &next, &room, &o, nullptr));
            out.append(reinterpret_cast<char*>(buf), sizeof buf - room);
        } while (avail > 0 || BrotliEncoderHasMoreOutput(s) || (op == BROTLI_OPERATION_FINISH && !BrotliEncoderIsFinished(s)));
    }
    BrotliEncoderDestroyInstance(s);
    return out;
}

std::string OrderHead(const std::string& extra)
{
    return "POST /api/orders HTTP/1.1\r\nHost: shop\r\nIdempotency-Key: attack-0000000001\r\nContent-Type: application/json\r\n" + extra +
           "\r\n";
}

int64_t UnixNow() { return int64_t(std::time(nullptr)); }

// Under ThreadSanitizer every byte the server holds costs several more in shadow memory.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr int64_t kMemoryFactor = 4;
#else
constexpr int64_t kMemoryFactor = 1;
#endif
#else
constexpr int64_t kMemoryFactor = 1;
#endif

} // namespace

TEST_CASE("a large body is refused before a byte of it is read: no route 404, too large 413; a small refused one is read, the connection kept")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    struct Case {
        const char* what;
        std::string head;
        int status;
    };
    const Case unread[] = {
        {"a body to no route", "POST /api/nowhere HTTP/1.1\r\nHost: shop\r\nContent-Length: 104857600\r\n\r\n", 404},
        {"a body to a route that takes none", "PUT /api/orders HTTP/1.1\r\nHost: shop\r\nContent-Length: 104857600\r\n\r\n", 404},
        {"a chunked body to no route", "POST /api/nowhere HTTP/1.1\r\nHost: shop\r\nTransfer-Encoding: chunked\r\n\r\n", 404},
        {"a declared length over the limit", OrderHead("Content-Length: 10485760\r\n"), 413},
        {"a transfer coding other than chunked", OrderHead("Transfer-Encoding: gzip, chunked\r\n"), 400},
    };
    for (const Case& c : unread) {
        CAPTURE(c.what);
        RawClient raw(shop.server.port);
        auto start = Clock::now();
        REQUIRE(raw.Send(c.head)); // and not a byte of the body
        std::string answer = raw.Read(3);
        CHECK(Status(answer) == c.status);
        CHECK(answer.find("Connection: close") != std::string::npos);
        CHECK(SecondsSince(start) < 2.0); // answered at once, the connection closed: nothing waited for the body
    }
    // Small ones are read and answered; the connection serves the next request.
    const Case small[] = {
        {"a small body to no route", "POST /api/nowhere HTTP/1.1\r\nHost: shop\r\nContent-Length: 10\r\n\r\n0123456789", 404},
        {"a small compressed body where none is taken",
         OrderHead("Content-Encoding: gzip\r\nContent-Length: " + std::to_string(Gzip("{}").size()) + "\r\n") + Gzip("{}"), 415},
        {"a small body without a merchant's token",
         "POST /api/merchant/stock HTTP/1.1\r\nHost: shop\r\nContent-Type: text/csv\r\nContent-Length: 10\r\n\r\n0123456789", 401},
    };
    for (const Case& c : small) {
        CAPTURE(c.what);
        RawClient raw(shop.server.port);
        REQUIRE(raw.Send(c.head));
        std::string answer = raw.ReadAnswer(3);
        CHECK(Status(answer) == c.status);
        CHECK(answer.find("Connection: close") == std::string::npos);
        REQUIRE(raw.Send("GET /api/tax-table HTTP/1.1\r\nHost: shop\r\n\r\n"));
        CHECK(Status(raw.ReadAnswer(3)) == 200);
    }
    CHECK(shop.Orders() == 0);
}

TEST_CASE("a chunked body that never ends is cut at the route's limit (413); the server goes on serving")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    RawClient raw(shop.server.port);
    REQUIRE(raw.Send(OrderHead("Transfer-Encoding: chunked\r\n")));
    const std::string chunk = "2000\r\n" + std::string(8192, ' ') + "\r\n";
    auto start = Clock::now();
    size_t sent = 0;
    while (!raw.Answered() && SecondsSince(start) < 10 && raw.Send(chunk)) sent += chunk.size();
    std::string answer = raw.Read(3);
    MESSAGE("answered after " << sent / 1024 << " KiB sent, " << SecondsSince(start) << " s");
    CHECK(Status(answer) == 413);
    CHECK(answer.find("body_too_large") != std::string::npos);
    CHECK(SecondsSince(start) < 10);
    httplib::Client c(shop.server.url);
    auto catalog = c.Get("/api/catalog");
    REQUIRE(catalog);
    CHECK(catalog->status == 200);
}

TEST_CASE("decompression bombs — an 800-byte brotli and a 1 MiB gzip that inflate to 1 GiB — stop at the upload's limit, quickly, without the memory")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    std::string token = MerchantToken(b, "demo");
    int64_t products = b.SqlInt("SELECT count(*) FROM products");
    for (const std::string encoding : {"br", "gzip"}) {
        CAPTURE(encoding);
        std::string bomb = Bomb(encoding, 1024);
        CHECK(bomb.size() < (encoding == "br" ? 2048u : 1100u * 1024));
        int64_t before_kb = PeakMemoryKb(shop.server.pid);
        httplib::Client c(shop.server.url);
        c.set_read_timeout(30);
        auto start = Clock::now();
        auto r = c.Post("/api/merchant/catalog?format=json", {{"Authorization", "Bearer " + token}, {"Content-Encoding", encoding}},
                        bomb, "application/json");
        double took = SecondsSince(start);
        REQUIRE(r);
        CHECK(r->status == 413);
        CHECK(Body(r)["error"]["code"] == "body_too_large");
        int64_t after_kb = PeakMemoryKb(shop.server.pid);
        MESSAGE(encoding << ": " << bomb.size() << " bytes (1 GiB inflated) answered " << r->status << " in " << took
                         << " s; the server's peak memory " << before_kb / 1024 << " → " << after_kb / 1024 << " MiB");
        CHECK(took < 15);
        CHECK(after_kb - before_kb < kMemoryFactor * 200 * 1024); // the 64 MiB limit, not a GiB
    }
    CHECK(b.SqlInt("SELECT count(*) FROM products") == products);
}

TEST_CASE("a body that trickles in is cut (408) once its first 10 s are over; others are served meanwhile")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    RawClient raw(shop.server.port);
    REQUIRE(raw.Send(OrderHead("Content-Length: 4000\r\n")));
    auto start = Clock::now();
    httplib::Client c(shop.server.url);
    bool served = false;
    while (!raw.Answered() && SecondsSince(start) < 20) {
        if (!raw.Send(" ")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (!served && SecondsSince(start) > 3) {
            auto r = c.Get("/api/catalog");
            served = r && r->status == 200;
        }
    }
    double took = SecondsSince(start);
    std::string answer = raw.Read(3);
    MESSAGE("cut after " << took << " s");
    CHECK(Status(answer) == 408);
    CHECK(took > 9.5);
    CHECK(took < 13);
    CHECK(served);
    CHECK(shop.Orders() == 0);
}

TEST_CASE("one client cannot hold the stock hostage: unpaid orders per client and per buyer, orders an hour, expiry gives stock back at once")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b, {"--max-unpaid-per-buyer", "2", "--max-unpaid-per-client", "5", "--max-orders-per-buyer-hour", "10",
                           "--payment-timeout", "4", "--rate-limit", "checkout=0"});
        httplib::Client c(shop.server.url);
        const int64_t big = QuotedTotal(shop.server.url, {{"T-BIG", 1}});
        // The server sits behind a front on this machine (a trusted proxy): X-Forwarded-For names
        // the client.
        auto order = [&](int buyer, const std::string& client, const std::string& key) {
            httplib::Headers h;
            if (!client.empty()) h.insert({"X-Forwarded-For", client});
            return PlaceOrder(c, key, OrderBody({{"T-BIG", 1}}, buyer, big), h);
        };
        // A hoarder, one address, a new ID number each time: five unpaid orders, then no more.
        for (int i = 1; i <= 5; i++) {
            auto placed = order(i, "", "hoard-" + std::to_string(i));
            REQUIRE(placed);
            CHECK_MESSAGE(placed->status == 201, placed->body);
        }
        auto sixth = order(6, "", "hoard-6");
        REQUIRE(sixth);
        CHECK(sixth->status == 429);
        CHECK(Body(sixth)["error"]["code"] == "too_many_unpaid_orders");
        CHECK(Body(sixth)["reason"] == "unpaid_per_client");
        int retry = std::stoi(sixth->get_header_value("Retry-After"));
        CHECK(retry >= 1);
        CHECK(retry <= 4);
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-BIG'") == 5);
        // A shopper elsewhere still buys.
        auto shopper = order(50, "203.0.113.7", "shopper-1");
        REQUIRE(shopper);
        CHECK(shopper->status == 201);
        // One ID number from many addresses: two unpaid orders, then no more.
        CHECK(order(60, "203.0.113.10", "buyer-60-a")->status == 201);
        CHECK(order(60, "203.0.113.11", "buyer-60-b")->status == 201);
        auto third = order(60, "203.0.113.12", "buyer-60-c");
        REQUIRE(third);
        CHECK(third->status == 429);
        CHECK(Body(third)["reason"] == "unpaid_per_buyer");
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-BIG'") == 8);

        // Unpaid past the deadline: the stock is back within the second, not at the next visit.
        int64_t deadline = b.SqlInt("SELECT max(pay_before) FROM orders");
        int64_t back_at = 0;
        for (int i = 0; i < 200 && !back_at; i++) {
            if (b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-BIG'") == 0) back_at = UnixNow();
            else std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        REQUIRE(back_at);
        MESSAGE(b.kind << ": the last unpaid order's stock back " << back_at - deadline << " s after its deadline");
        CHECK(back_at - deadline <= 2);
        CHECK(order(6, "", "hoard-7")->status == 201); // and the hoarder's turn again

        // Orders an hour, paid or not: ten per ID number.
        for (int i = 0; i < 10; i++) {
            auto placed = order(70, "198.51.100." + std::to_string(i), "hour-" + std::to_string(i));
            REQUIRE(placed);
            REQUIRE(placed->status == 201);
            json o = Body(placed);
            auto cancelled = c.Post("/api/orders/" + o["order_no"].get<std::string>() + "/cancel",
                                    {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}, "", "application/json");
            REQUIRE(cancelled);
            REQUIRE(cancelled->status == 200);
        }
        auto eleventh = order(70, "198.51.100.99", "hour-10");
        REQUIRE(eleventh);
        CHECK(eleventh->status == 429);
        CHECK(Body(eleventh)["error"]["code"] == "too_many_orders");
        CHECK(std::stoi(eleventh->get_header_value("Retry-After")) > 3000);
    }
}

TEST_CASE("X-Forwarded-For counts only from a trusted front: a client naming itself is still one client")
{
    Backend b = SqliteBackend();
    OrderShop shop(b, {"--trusted-proxy", "none", "--max-unpaid-per-client", "1", "--rate-limit", "checkout=0"});
    httplib::Client c(shop.server.url);
    auto first = PlaceOrder(c, "xff-1", OrderBody({{"T-001", 1}}, 1, shop.one_item_total), {{"X-Forwarded-For", "203.0.113.1"}});
    auto second = PlaceOrder(c, "xff-2", OrderBody({{"T-002", 1}}, 2, shop.one_item_total), {{"X-Forwarded-For", "203.0.113.2"}});
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->status == 201);
    CHECK(second->status == 429);
}

TEST_CASE("rate limits per client: a burst, then 429 with Retry-After; other clients unaffected")
{
    Backend b = SqliteBackend();
    OrderShop shop(b, {"--rate-limit", "search=60"}); // a burst of 15, then one a second
    httplib::Client c(shop.server.url);
    int ok = 0, limited = 0;
    std::string retry;
    for (int i = 0; i < 30; i++) {
        auto r = c.Get("/api/search?q=T");
        REQUIRE(r);
        if (r->status == 200) ok++;
        if (r->status == 429) {
            limited++;
            retry = r->get_header_value("Retry-After");
            CHECK(Body(r)["error"]["code"] == "too_many_requests");
        }
    }
    CHECK(ok >= 15);
    CHECK(ok <= 17);
    CHECK(limited == 30 - ok);
    CHECK(std::stoi(retry) >= 1);
    auto other = c.Get("/api/search?q=T", {{"X-Forwarded-For", "203.0.113.9"}});
    REQUIRE(other);
    CHECK(other->status == 200);
}

TEST_CASE("kiosks: a one-time code buys a token once; a revoked kiosk's sealed orders are refused")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    httplib::Client c(shop.server.url);
    std::vector<std::string> add = {"kiosks", "add", "jfb-2", "--name", "解放碑 2"};
    for (const std::string& a : AdminStoreArgs(b)) add.push_back(a);
    RunResult added = Run(AdminBinary(), add);
    REQUIRE(added.exit_code == 0);
    std::string code = added.out.substr(0, added.out.find('\n'));
    CHECK(code.size() >= 12);
    CHECK(b.Sql("SELECT count(*) FROM kiosks WHERE code_hash LIKE '%" + code + "%'") == "0"); // kept hashed

    auto enroll = [&](const std::string& typed) { return c.Post("/api/kiosks/enroll", json{{"code", typed}}.dump(), "application/json"); };
    auto wrong = enroll("AAAA-BBBB-CCCC");
    REQUIRE(wrong);
    CHECK(wrong->status == 400);
    CHECK(Body(wrong)["error"]["code"] == "enrollment_code_invalid");
    auto enrolled = enroll(code);
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 200);
    CHECK(Body(enrolled)["kiosk"] == "jfb-2");
    std::string token = Body(enrolled)["token"].get<std::string>();
    auto twice = enroll(code);
    REQUIRE(twice);
    CHECK(twice->status == 400);

    auto key = c.Get("/api/order-seal-key");
    REQUIRE(key);
    std::string error;
    auto sealed = [&](const std::string& idempotency_key, int buyer) {
        std::string plaintext = "{\"order\":" + OrderBody({{"T-020", 1}}, buyer, shop.one_item_total) + ",\"follow\":\"" +
                                std::string(30, char('a' + buyer)) + "\"}";
        return *bondstore::OrderSeal::Seal(key->body, idempotency_key, plaintext, &error);
    };
    const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    CHECK(PlaceOrder(c, "kiosk-a", sealed("kiosk-a", 1), auth)->status == 201);

    std::vector<std::string> revoke = {"kiosks", "revoke", "jfb-2"};
    for (const std::string& a : AdminStoreArgs(b)) revoke.push_back(a);
    REQUIRE(Run(AdminBinary(), revoke).exit_code == 0);
    auto after = PlaceOrder(c, "kiosk-b", sealed("kiosk-b", 2), auth);
    REQUIRE(after);
    CHECK(after->status == 401);
    CHECK(Body(after)["error"]["code"] == "kiosk_not_enrolled");
    CHECK(shop.Orders() == 1);
    std::vector<std::string> list = {"kiosks", "list"};
    for (const std::string& a : AdminStoreArgs(b)) list.push_back(a);
    RunResult listed = Run(AdminBinary(), list);
    CHECK(listed.out.find("jfb-2") != std::string::npos);
    CHECK(listed.out.find("revoked") != std::string::npos);
    CHECK(listed.out.find(token) == std::string::npos);
}

TEST_CASE("secrets never on a command line, never weak; the gateway over TLS unless on this machine")
{
    TempDir dir;
    WriteFile(dir.path + "/web/index.html", "<!doctype html>");
    const std::vector<std::string> base = {"--data-dir", dir.path + "/data", "--web-dir", dir.path + "/web", "--port", "0"};
    auto refused = [&](std::vector<std::string> extra, std::vector<std::string> env, const std::string& says) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        RunResult r = Run(ServerBinary(), args, env, 10);
        CAPTURE(says);
        CHECK(r.exit_code == 2);
        CHECK_MESSAGE(r.err.find(says) != std::string::npos, r.err);
    };
    refused({"--receipt-token", "0123456789abcdefghijklmnopqrstuvwxyz"}, {}, "BONDSTORE_RECEIPT_TOKEN");
    refused({"--admin-token", "0123456789abcdefghijklmnopqrstuvwxyz"}, {}, "BONDSTORE_ADMIN_TOKEN");
    refused({}, {"BONDSTORE_RECEIPT_TOKEN=secret"}, "too weak");
    refused({}, {"BONDSTORE_ADMIN_TOKEN=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, "too weak");
    refused({"--single-window", "http://203.0.113.5/ceb"}, {}, "https");
    // From a file: taken.
    WriteFile(dir.path + "/receipt-token", "0123456789abcdefghijklmnopqrstuvwxyz\n");
    std::vector<std::string> args = base;
    for (const std::string& a : {std::string("--receipt-token-file"), dir.path + "/receipt-token"}) args.push_back(a);
    ServerProcess server = ServerProcess::Start(args);
    CHECK(server.port > 0);
}

TEST_CASE("the web server serves the app's files only: no dotfiles, no symlinks; every answer carries the security headers")
{
    TempDir dir;
    std::string web = dir.path + "/web";
    WriteFile(web + "/index.html", "<!doctype html><html><head><style>body{margin:0}</style></head><body><script>boot()</script></body></html>");
    WriteFile(web + "/app.js", "boot()");
    WriteFile(web + "/.env", "SECRET=1");
    WriteFile(web + "/.git/config", "[core]");
    WriteFile(dir.path + "/outside.txt", "outside");
    std::filesystem::create_symlink(dir.path + "/outside.txt", web + "/linked.txt");
    ServerProcess server = ServerProcess::Start({"--data-dir", dir.path + "/data", "--web-dir", web});
    httplib::Client c(server.url);
    for (const char* path : {"/.env", "/.git/config", "/linked.txt", "/../outside.txt"}) {
        CAPTURE(path);
        auto r = c.Get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("SECRET") == std::string::npos);
        CHECK(r->body.find("outside") == std::string::npos);
    }
    auto page = c.Get("/");
    REQUIRE(page);
    REQUIRE(page->status == 200);
    std::string csp = page->get_header_value("Content-Security-Policy");
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval' 'sha256-") != std::string::npos); // the inline script, by its hash
    CHECK(csp.find("style-src 'self' 'sha256-") != std::string::npos);
    CHECK(csp.find("'unsafe-inline'") == std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    // Revalidated (304): no policy at all — a cache takes a 304's headers over the page's own.
    auto again = c.Get("/", {{"If-None-Match", page->get_header_value("ETag")}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(!again->has_header("Content-Security-Policy"));
    for (const char* path : {"/", "/app.js", "/api/catalog", "/api/nowhere"}) {
        CAPTURE(path);
        auto r = c.Get(path);
        REQUIRE(r);
        CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(r->get_header_value("X-Frame-Options") == "DENY");
        CHECK(r->get_header_value("Referrer-Policy") == "no-referrer");
        CHECK(!r->get_header_value("Content-Security-Policy").empty());
    }
    CHECK(c.Get("/api/catalog")->get_header_value("Content-Security-Policy").rfind("default-src 'none'", 0) == 0);
    // The data directory, made by the server: its owner's only.
    struct stat st{};
    REQUIRE(stat((dir.path + "/data").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
}
