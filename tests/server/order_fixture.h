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
    // A write by another process, as a second server or the admin CLI would make one.
    void SqlWrite(const std::string& statement) const;
};

// Both back ends, fresh. PostgreSQL is started on first use (scripts/postgres.sh) and stopped
// when the test run ends.
std::vector<Backend> BothBackends();
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

// POST /api/orders with an Idempotency-Key.
httplib::Result PlaceOrder(httplib::Client& c, const std::string& key, const std::string& body);

} // namespace bondstore::test
