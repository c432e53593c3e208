// Backups under load (docs/operations.md#backups), on both stores: a backup taken while orders
// are being placed — bondstore-admin backup for SQLite, pg_dump for PostgreSQL, as documented —
// restored elsewhere holds every order acknowledged before the backup began, whole, and a server
// started on it with the store's data key reads them. A restore never overwrites a store.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

struct Placed {
    std::string order_no, secret;
};

// Places orders of one T-BIG each, for a new buyer each time, until told to stop.
struct Load {
    std::mutex mutex;
    std::vector<Placed> acknowledged;
    std::atomic<bool> stop{false};
    std::thread thread;

    void Start(const std::string& url, int64_t total)
    {
        thread = std::thread([this, url, total] {
            httplib::Client c(url);
            for (int i = 0; !stop && i < 90; i++) {
                auto r = PlaceOrder(c, "backup-" + std::to_string(i), OrderBody({{"T-BIG", 1}}, 1000 + i, total));
                if (r && r->status == 201) {
                    json j = json::parse(r->body);
                    std::lock_guard lock(mutex);
                    acknowledged.push_back({j["order_no"].get<std::string>(), j["lookup_secret"].get<std::string>()});
                }
            }
        });
    }
    size_t Count()
    {
        std::lock_guard lock(mutex);
        return acknowledged.size();
    }
    std::vector<Placed> Snapshot()
    {
        std::lock_guard lock(mutex);
        return acknowledged;
    }
    void Finish()
    {
        stop = true;
        if (thread.joinable()) thread.join();
    }
    ~Load() { Finish(); }
};

void WaitFor(Load& load, size_t n)
{
    for (int i = 0; i < 600 && load.Count() < n; i++) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(load.Count() >= n);
}

} // namespace

TEST_CASE("a backup taken under load, restored elsewhere, holds every order acknowledged before it began")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        const int64_t total = QuotedTotal(shop.server.url, {{"T-BIG", 1}});
        TempDir files;
        const std::string file = files.path + (b.kind == "sqlite" ? "/store.db" : "/store.dump");

        Load load;
        load.Start(shop.server.url, total);
        WaitFor(load, 10);
        const std::vector<Placed> before = load.Snapshot(); // acknowledged before the backup began
        RunResult backup = b.kind == "sqlite"
                               ? Run(AdminBinary(), {"backup", "--out", file, "--data-dir", b.dir->path + "/store"}, {}, 60)
                               : Run("/usr/bin/pg_dump", {"--format=custom", "--file=" + file, "--dbname=" + b.conninfo}, {}, 60);
        REQUIRE_MESSAGE(backup.exit_code == 0, backup.err);
        WaitFor(load, before.size() + 10); // orders went on being taken meanwhile
        load.Finish();
        const size_t after = load.Count();
        MESSAGE(b.kind << ": " << before.size() << " orders acknowledged before the backup, " << after << " by the end");

        // Elsewhere: a new data directory (and, for PostgreSQL, a new database), the data key beside it.
        Backend restored = b.kind == "sqlite" ? SqliteBackend() : PostgresBackend();
        std::filesystem::create_directories(restored.dir->path + "/store");
        std::filesystem::copy_file(b.dir->path + "/store/data-key", restored.dir->path + "/store/data-key");
        RunResult put = b.kind == "sqlite"
                            ? Run(AdminBinary(), {"restore", "--from", file, "--data-dir", restored.dir->path + "/store"}, {}, 60)
                            : Run("/usr/bin/pg_restore", {"--no-owner", "--exit-on-error", "--dbname=" + restored.conninfo, file}, {}, 120);
        REQUIRE_MESSAGE(put.exit_code == 0, put.err);

        // Every order acknowledged before the backup is there, with its lines; none is half there.
        std::string list;
        for (const Placed& p : before) list += (list.empty() ? "'" : ",'") + p.order_no + "'";
        CHECK(restored.SqlInt("SELECT count(*) FROM orders WHERE order_no IN (" + list + ")") == int64_t(before.size()));
        CHECK(restored.SqlInt("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_no = o.order_no)") == 0);
        const int64_t orders = restored.SqlInt("SELECT count(*) FROM orders");
        CHECK(orders >= int64_t(before.size()));
        CHECK(orders <= int64_t(after));
        // Stock held for them adds up: T-BIG's reserved units are the restored orders' units.
        CHECK(restored.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-BIG'") == orders);

        // A server on the restored store, with the store's key, reads an order's sealed data.
        OrderShop again(restored);
        httplib::Client c(again.server.url);
        auto r = c.Get("/api/orders/" + before.front().order_no, {{"X-Order-Secret", before.front().secret}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(json::parse(r->body)["buyer"]["name"] == "王**");

        if (b.kind == "sqlite") {
            // A restore never overwrites a store, and a damaged backup is refused.
            RunResult twice = Run(AdminBinary(), {"restore", "--from", file, "--data-dir", restored.dir->path + "/store"});
            CHECK(twice.exit_code == 1);
            CHECK(twice.err.find("exists") != std::string::npos);
            std::string bytes = ReadFile(file);
            bytes.replace(bytes.size() / 2, 4096, 4096, '\x5a');
            WriteFile(files.path + "/damaged.db", bytes);
            TempDir elsewhere;
            RunResult damaged = Run(AdminBinary(), {"restore", "--from", files.path + "/damaged.db", "--data-dir", elsewhere.path + "/store"});
            CHECK(damaged.exit_code == 1);
            CHECK(!std::filesystem::exists(elsewhere.path + "/store/bondstore.db"));
            RunResult over = Run(AdminBinary(), {"backup", "--out", file, "--data-dir", b.dir->path + "/store"});
            CHECK(over.exit_code == 1); // never overwrites a file
        }
    }
}
