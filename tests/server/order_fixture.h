// What the order and reliability tests share: a store on either back end (SQLite in a data
// directory, or a fresh database on a throwaway PostgreSQL server started once per test run),
// direct SQL on it for checks, a test catalog, valid buyers, and order requests.
#pragma once

#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace bondstore::test {

// A store the server runs on. SQLite: a data directory; PostgreSQL: its own database.
struct Backend {
    std::string kind;              // "sqlite", "postgresql"
    std::unique_ptr<TempDir> dir;  // data directory (the key file; the SQLite file)
    std::string conninfo;          // PostgreSQL only

    // bondstore-server arguments that select this store (plus the data directory).
    std::vector<std::string> ServerArgs() const;
    // One value from a query, through the sqlite3 or psql client.
    std::string Sql(const std::string& query) const;
    int64_t SqlInt(const std::string& query) const { return std::stoll(Sql(query)); }
    // Every byte the store holds, as a thief of the disk or a backup would read it: the SQLite
    // file with its write-ahead log, or a pg_dump of the database.
    std::string StoredBytes() const;
    // A write by another process, as a second server or the admin CLI would make one.
    void SqlWrite(const std::string& statement) const;
};

// Both back ends, fresh. PostgreSQL is started on first use (scripts/postgres.sh) and stopped
// when the test run ends.
std::vector<Backend> BothBackends();
Backend SqliteBackend();
Backend PostgresBackend();
// Restarts the tests' PostgreSQL server (fast shutdown: every client connection is cut).
void RestartPostgres();

// A catalog for order tests: 50 SKUs "T-000"…"T-049" at ¥50.00 with 2 units each in warehouse
// CQ-LL (100 units in all), "T-BIG" at ¥4,900.00 with 100 units, "T-XY" only in CQ-XY, all of
// merchant "demo"; and "T-OTHER" (10 units in CQ-LL) of merchant "other".
// Written to `path`.
void WriteOrderCatalog(const std::string& path);

// A resident ID number that passes GB 11643 (Beijing Dongcheng, born 1990), numbered by `n`.
std::string ValidIdNumber(int n);

// An order request body for the given lines, buyer number and the amount to pay.
std::string OrderBody(const std::vector<std::pair<std::string, int>>& lines, int buyer, int64_t expected_total_fen,
                      int64_t freight_fen = 0);

// The amount to pay the server quotes for `lines` (POST /api/quote).
int64_t QuotedTotal(const std::string& url, const std::vector<std::pair<std::string, int>>& lines, int64_t freight_fen = 0);

// Customs' import schema, read from the shared folder beside the checkout (never copied here).
std::string CebXsdFile();

// A store on `b` with the order catalog (WriteOrderCatalog) and a stand-in web app.
struct OrderShop {
    Backend& backend;
    TempDir files;
    ServerProcess server;
    int64_t one_item_total = 0; // one ¥50 test item

    explicit OrderShop(Backend& b, std::vector<std::string> extra = {}, std::vector<std::string> env = {});
    int64_t Orders() const { return backend.SqlInt("SELECT count(*) FROM orders"); }
};

// POST /api/orders with an Idempotency-Key (and any other `headers`).
httplib::Result PlaceOrder(httplib::Client& c, const std::string& key, const std::string& body, httplib::Headers headers = {});

// bondstore-admin arguments that open this store.
std::vector<std::string> AdminStoreArgs(const Backend& b);
// A new API token of `merchant` (bondstore-admin tokens create).
std::string MerchantToken(const Backend& b, const std::string& merchant);
// A kiosk added with bondstore-admin kiosks add, enrolled at `url` with its one-time code: its
// bearer token.
std::string KioskToken(const Backend& b, const std::string& url, const std::string& kiosk);

} // namespace bondstore::test
