// Database: the connections every store shares, and the one way they write — a transaction that
// happens completely or not at all. SQLite (embedded, the default: one writer connection and a few
// readers that never wait for it) or PostgreSQL (a pool; several servers may share one database).
//
// The concept stores (catalog_store.h, merchant_store.h, inventory_store.h, order_store.h,
// relay_store.h, sales_store.h) each hold a Database& and write their SQL once, in the dialect both
// back ends accept (sql.h). Their schema comes with them (migrations.h).
#pragma once

#include "server/store/sql.h"

#include <functional>
#include <memory>
#include <string>

namespace bondstore {

class Database {
public:
    // `readers`: connections for reads that need not wait for writers (SQLite in WAL mode: any
    // number of readers beside its one writer); nullptr reads through `writers`.
    explicit Database(std::unique_ptr<SqlPool> writers, std::unique_ptr<SqlPool> readers = nullptr)
        : writers_(std::move(writers)), readers_(std::move(readers)) {}

    // "sqlite", "postgresql".
    const char* dialect() const { return writers_->dialect(); }
    bool postgres() const { return std::string_view(dialect()) == "postgresql"; }

    // Runs `body` inside one write transaction on one connection: commits if it returns true,
    // rolls back if it returns false or a statement fails. PostgreSQL serialization failures and
    // deadlocks run it again (a few times), so callers see them only when they persist. A body
    // that rolls back on purpose returns false and leaves its `error` argument empty.
    bool InWriteTransaction(const std::function<bool(SqlConnection&, std::string*)>& body, std::string* error);

    // The database answers a query now (GET /api/ready).
    bool Ping(std::string* error);

    SqlPool& writers() { return *writers_; }
    SqlPool& readers() { return readers_ ? *readers_ : *writers_; }

    // The data key (security/personal_data.h) the sealed data and buyer hashes are written under:
    // recorded on first use. False, with a sentence, if the database already holds another key's
    // fingerprint — started with the wrong key, a server could read no buyer's data and would
    // count every buyer's annual quota from zero.
    bool BindDataKey(const std::string& fingerprint, std::string* error);

private:
    std::unique_ptr<SqlPool> writers_;
    std::unique_ptr<SqlPool> readers_;
};

struct DatabaseOptions {
    int connections = 8;               // PostgreSQL sessions
    int wait_ms = 10000;               // the longest a caller waits for a free connection
    int statement_timeout_ms = 30000;  // PostgreSQL's statement_timeout
};

// Opens (creating if needed, mode 0700) the SQLite database in `data_dir` and brings its schema
// up to date (migrations.h).
std::unique_ptr<Database> OpenSqliteDatabase(const std::string& data_dir, const DatabaseOptions& options, std::string* error);

// Connects to PostgreSQL (`conninfo`: a libpq connection string or URI) and brings the schema up
// to date (several servers may start at once: migrations take a lock).
std::unique_ptr<Database> OpenPostgresDatabase(const std::string& conninfo, const DatabaseOptions& options, std::string* error);

} // namespace bondstore
