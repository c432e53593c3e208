// The promises under load, on both back ends (bounded in time):
//   - never oversell: 2,000 concurrent order attempts for 100 units sell exactly 100; on
//     PostgreSQL, two server processes share the load;
//   - never lose an acknowledged order: kill -9 in the middle of a load, restart: every order that
//     was answered 2xx is there, whole, and stock = initial − what those orders reserved;
//   - retries after client time-outs with the same key never book twice;
//   - PostgreSQL: servers sharing a database price from the same catalog and survive a database
//     restart.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include <atomic>
#include <csignal>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

struct Load {
    std::atomic<int> attempts{0}, created{0}, out_of_stock{0}, other{0}, failed{0};
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> orders; // order_no, lookup secret (2xx answers)
    std::set<std::string> errors;                             // why requests got no answer
};

// `threads` clients, each on its own connection, send order attempts for one random test SKU
// each until `total` have been sent (or `stop` is set). Buyers vary so quotas never interfere.
void RunLoad(const std::vector<std::string>& urls, int threads, int total, int64_t expected_total, Load& load,
             const std::atomic<bool>* stop = nullptr, const std::string& key_prefix = "load", bool every_sku_in_turn = false)
{
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; t++) {
        pool.emplace_back([&, t] {
            httplib::Client c(urls[size_t(t) % urls.size()]);
            c.set_connection_timeout(5);
            c.set_read_timeout(30);
            std::mt19937 rng(uint32_t(t * 7919 + 1));
            for (;;) {
                if (stop && *stop) return;
                int n = load.attempts.fetch_add(1);
                if (n >= total) return;
                char sku[16];
                std::snprintf(sku, sizeof sku, "T-%03d", every_sku_in_turn ? n % 50 : int(rng() % 50));
                // A request that got no answer (the connection closed under it) is sent again with
                // the same key, as any client should: the key makes that safe.
                std::string key = key_prefix + "-" + std::to_string(n), body = OrderBody({{sku, 1}}, n, expected_total);
                auto r = PlaceOrder(c, key, body);
                for (int retry = 0; !r && retry < 3 && !(stop && *stop); retry++) r = PlaceOrder(c, key, body);
                if (!r) {
                    load.failed++;
                    std::lock_guard lock(load.mutex);
                    load.errors.insert(httplib::to_string(r.error()));
                    continue;
                }
                if (r->status == 201) {
                    json o = json::parse(r->body);
                    std::lock_guard lock(load.mutex);
                    load.orders.emplace_back(o["order_no"].get<std::string>(), o["lookup_secret"].get<std::string>());
                    load.created++;
                } else if (r->status == 409 && json::parse(r->body)["error"]["code"] == "out_of_stock") {
                    load.out_of_stock++;
                } else {
                    load.other++;
                    MESSAGE("unexpected answer " << r->status << ": " << r->body);
                }
            }
        });
    }
    for (std::thread& t : pool) t.join();
}

struct Shop {
    Backend& backend;
    TempDir files;
    std::vector<std::string> args;

    explicit Shop(Backend& b) : backend(b)
    {
        WriteFile(files.path + "/web/index.html", "<!doctype html>");
        WriteOrderCatalog(files.path + "/catalog.json");
        args = b.ServerArgs();
        for (const std::string& a : {std::string("--web-dir"), files.path + "/web", std::string("--seed-catalog"), files.path + "/catalog.json"})
            args.push_back(a);
    }
    ServerProcess Start() { return ServerProcess::Start(args); }

    // The store is whole: every order has its lines, timeline and outbox message; stock reserved
    // is exactly what open orders hold; nothing below zero.
    void CheckConsistent()
    {
        Backend& b = backend;
        CHECK(b.SqlInt("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_no = o.order_no)") == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_no = o.order_no)") == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM outbox x WHERE x.order_no = o.order_no)") == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM idempotency_keys") == b.SqlInt("SELECT count(*) FROM orders"));
        CHECK(b.SqlInt("SELECT coalesce(sum(reserved), 0) FROM stock WHERE sku LIKE 'T-0%'") ==
              b.SqlInt("SELECT coalesce(sum(qty), 0) FROM order_lines"));
        CHECK(b.SqlInt("SELECT count(*) FROM stock WHERE reserved > on_hand OR on_hand < 0") == 0);
    }
};

} // namespace

TEST_CASE("2,000 concurrent order attempts for 100 units sell exactly 100, and every 2xx order is stored")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        // PostgreSQL: two servers on the one database share the load.
        std::vector<ServerProcess> servers;
        servers.push_back(shop.Start());
        if (b.kind == "postgresql") servers.push_back(shop.Start());
        std::vector<std::string> urls;
        for (const ServerProcess& s : servers) urls.push_back(s.url);
        int64_t total = QuotedTotal(urls[0], {{"T-000", 1}});

        Load load;
        auto start = std::chrono::steady_clock::now();
        RunLoad(urls, 32, 2000, total, load);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        MESSAGE(b.kind << ": 2000 attempts from 32 connections over " << servers.size() << " server(s) in " << seconds
                       << " s: " << int(load.created) << " created, " << int(load.out_of_stock) << " out of stock, "
                       << int(load.failed) << " without an answer");
        for (const std::string& e : load.errors) MESSAGE("no answer: " << e);

        CHECK(int(load.failed) == 0);
        CHECK(int(load.other) == 0);
        CHECK(int(load.created) == 100);              // exactly the units there were
        CHECK(int(load.out_of_stock) == 1900);
        CHECK(b.SqlInt("SELECT count(*) FROM orders") == 100);
        CHECK(b.SqlInt("SELECT sum(on_hand - reserved) FROM stock WHERE sku LIKE 'T-0%'") == 0); // zero oversell
        shop.CheckConsistent();
        // Every acknowledged order can be read back with its secret.
        httplib::Client c(urls.back());
        int found = 0;
        for (const auto& [no, secret] : load.orders) {
            auto r = c.Get("/api/orders/" + no, {{"X-Order-Secret", secret}});
            found += r && r->status == 200;
        }
        CHECK(found == 100);
    }
}

TEST_CASE("kill -9 in the middle of a load: after a restart every acknowledged order is there, whole")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        ServerProcess server = shop.Start();
        int64_t total = QuotedTotal(server.url, {{"T-000", 1}});

        Load load;
        std::atomic<bool> stop{false};
        std::thread killer([&] {
            // Once some orders are acknowledged, and while others are in flight: SIGKILL.
            while (load.created < 30 && load.attempts < 1900) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            server.Stop(SIGKILL);
            stop = true;
        });
        RunLoad({server.url}, 16, 2000, total, load, &stop);
        killer.join();
        int acknowledged = load.created;
        MESSAGE(b.kind << ": killed after " << acknowledged << " acknowledged orders; " << int(load.failed) << " requests cut");
        CHECK(acknowledged >= 30);

        ServerProcess again = shop.Start();
        httplib::Client c(again.url);
        int found = 0;
        for (const auto& [no, secret] : load.orders) {
            auto r = c.Get("/api/orders/" + no, {{"X-Order-Secret", secret}});
            found += r && r->status == 200;
        }
        CHECK(found == acknowledged); // zero lost
        // Orders committed whose answer the kill cut off may be there too; nothing else is.
        int64_t stored = b.SqlInt("SELECT count(*) FROM orders");
        CHECK(stored >= acknowledged);
        CHECK(stored <= acknowledged + 16);
        CHECK(b.SqlInt("SELECT sum(on_hand) - sum(reserved) FROM stock WHERE sku LIKE 'T-0%'") == 100 - stored);
        shop.CheckConsistent();
        // And the restarted server goes on selling what is left, and no more.
        Load rest;
        RunLoad({again.url}, 8, 150, total, rest, nullptr, "after", true); // every SKU three times
        CHECK(int64_t(rest.created) == 100 - stored);
        CHECK(b.SqlInt("SELECT sum(on_hand - reserved) FROM stock WHERE sku LIKE 'T-0%'") == 0);
        shop.CheckConsistent();
    }
}

TEST_CASE("retries after client time-outs with the same key never book twice")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        ServerProcess server = shop.Start();
        int64_t total = QuotedTotal(server.url, {{"T-000", 1}});
        std::set<std::string> numbers;
        std::mutex mutex;
        std::vector<std::thread> shoppers;
        for (int k = 0; k < 20; k++) {
            shoppers.emplace_back([&, k] {
                std::string body = OrderBody({{"T-0" + std::to_string(10 + k), 1}}, 500 + k, total);
                // A client that gives up almost at once, three times (its requests may or may not
                // have been taken), then one that waits for the answer.
                for (int i = 0; i < 3; i++) {
                    httplib::Client impatient(server.url);
                    impatient.set_read_timeout(0, 1000); // 1 ms
                    PlaceOrder(impatient, "retry-" + std::to_string(k), body);
                }
                httplib::Client patient(server.url);
                auto r = PlaceOrder(patient, "retry-" + std::to_string(k), body);
                std::lock_guard lock(mutex); // (doctest's checks are not for several threads at once)
                CHECK_MESSAGE((r && r->status == 201), (r ? r->body : std::string("no answer")));
                if (r && r->status == 201) numbers.insert(json::parse(r->body)["order_no"].get<std::string>());
            });
        }
        for (std::thread& t : shoppers) t.join();
        CHECK_MESSAGE(numbers.size() == 20, server.Stderr());
        CHECK(b.SqlInt("SELECT count(*) FROM orders") == 20);
        CHECK(b.SqlInt("SELECT sum(reserved) FROM stock") == 20);
        shop.CheckConsistent();
    }
}

TEST_CASE("PostgreSQL: servers on one database follow each other's catalog, and ride out a database restart")
{
    Backend b = PostgresBackend();
    Shop shop(b);
    ServerProcess a = shop.Start(), other = shop.Start();
    std::vector<std::string> admin = {"tokens", "create", "--merchant", "demo", "--data-dir", b.dir->path + "/store",
                                      "--database", b.conninfo};
    std::string token = Run(AdminBinary(), admin).out;
    token = token.substr(0, token.find('\n'));

    // A merchant re-prices T-000 through one server; the other prices orders from the new catalog
    // within a couple of seconds (it polls the catalog version every second).
    json catalog = json::parse(ReadFile(shop.files.path + "/catalog.json"));
    json product = catalog["products"][0];
    REQUIRE(product["sku"] == "T-000");
    product["price_fen"] = 6000;
    httplib::Client to_a(a.url), to_other(other.url);
    auto upload = to_a.Post("/api/merchant/catalog?format=json", {{"Authorization", "Bearer " + token}},
                            json{{"products", json::array({product})}}.dump(), "application/json");
    REQUIRE(upload);
    REQUIRE_MESSAGE(upload->status == 200, upload->body);
    int64_t before = QuotedTotal(a.url, {{"T-001", 1}}), repriced = QuotedTotal(a.url, {{"T-000", 1}});
    CHECK(repriced > before);
    int64_t seen = 0;
    for (int i = 0; i < 50 && seen != repriced; i++) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        seen = QuotedTotal(other.url, {{"T-000", 1}});
    }
    CHECK(seen == repriced);
    auto stale = PlaceOrder(to_other, "follow-1", OrderBody({{"T-000", 1}}, 1, before));
    REQUIRE(stale);
    CHECK(stale->status == 409); // the old price is not charged anywhere

    // The database restarts under both servers (every connection is cut): the next order, the
    // next inventory read and the next look-up work without a server restart.
    RestartPostgres();
    auto placed = PlaceOrder(to_a, "restart-1", OrderBody({{"T-001", 1}}, 2, before));
    REQUIRE(placed);
    CHECK_MESSAGE(placed->status == 201, placed->body << a.Stderr());
    auto inventory = to_other.Get("/api/inventory");
    REQUIRE(inventory);
    CHECK(inventory->status == 200);
    if (placed && placed->status == 201) {
        json o = json::parse(placed->body);
        auto read = to_other.Get("/api/orders/" + o["order_no"].get<std::string>(), {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}});
        REQUIRE(read);
        CHECK(read->status == 200);
    }
    CHECK(b.SqlInt("SELECT count(*) FROM orders") == 1);
}
