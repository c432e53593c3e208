// Sql: the little the store needs from a SQL database, with two drivers — SQLite (embedded, the
// default) and PostgreSQL (libpq, when one machine is not enough). The store's SQL is written
// once, in the dialect both accept: "$1"-numbered parameters, ON CONFLICT … DO NOTHING/UPDATE,
// RETURNING, BIGINT and TEXT columns, timestamps passed in as ISO 8601 text.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bondstore {

// A parameter or column value: NULL, a 64-bit integer or text.
struct SqlValue {
    std::variant<std::monostate, int64_t, std::string> v;

    SqlValue() = default;
    SqlValue(int64_t i) : v(i) {}
    SqlValue(int i) : v(int64_t(i)) {}
    SqlValue(std::string s) : v(std::move(s)) {}
    SqlValue(const char* s) : v(std::string(s)) {}

    bool is_null() const { return v.index() == 0; }
    // PostgreSQL answers in text: both read either way.
    int64_t Int() const;
    std::string Text() const;
};
using SqlParams = std::vector<SqlValue>;

struct SqlResult {
    std::vector<std::vector<SqlValue>> rows;
    int64_t changed = 0; // rows inserted, updated or deleted
};

// Why a statement failed, when the caller can do something about it.
enum class SqlFailure {
    Other,
    Retry,     // serialization failure or deadlock (PostgreSQL): run the transaction again
    Conflict,  // a unique or check constraint
};

class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    virtual const char* dialect() const = 0; // "sqlite", "postgresql"

    // A script of statements without parameters (migrations, BEGIN, COMMIT).
    virtual bool Exec(std::string_view sql, std::string* error) = 0;
    // One statement with parameters $1, $2, …
    virtual std::optional<SqlResult> Query(std::string_view sql, const SqlParams& params, std::string* error) = 0;
    // Starts a write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE), so two
    // writers never deadlock on an upgrade; PostgreSQL starts a READ COMMITTED transaction and
    // locks rows as statements touch them.
    virtual bool BeginWrite(std::string* error) = 0;
    // Starts a read-only transaction that sees one snapshot for all its statements (end it with
    // Exec("COMMIT")): a reader never sees an order without its lines.
    virtual bool BeginRead(std::string* error) = 0;
    // How the last failed statement failed.
    virtual SqlFailure last_failure() const = 0;

    // Set by the driver when a statement that may write ran (MayWrite); the pool reads and clears
    // it when the connection comes back (SqlPool::generation).
    bool wrote = false;

    // The schema version (migrations applied); kept in the database.
    virtual std::optional<int64_t> SchemaVersion(std::string* error) = 0;
    virtual bool SetSchemaVersion(int64_t version, std::string* error) = 0;
};

// `reader`: a connection that may only read (PRAGMA query_only), for the store's read pool.
// False only for statements that cannot change data: SELECT, and BEGIN/COMMIT/ROLLBACK (a
// write inside a transaction is caught by its own statement).
bool MayWrite(std::string_view sql);

std::unique_ptr<SqlConnection> OpenSqliteConnection(const std::string& path, std::string* error, bool reader = false);
// `conninfo`: a libpq connection string ("host=/tmp port=5432 dbname=bondstore user=bondstore")
// or URI.
// `statement_timeout_ms`: PostgreSQL's statement_timeout for the session.
std::unique_ptr<SqlConnection> OpenPostgresConnection(const std::string& conninfo, std::string* error, int statement_timeout_ms = 30000);

// A read-only snapshot for several statements (an order with its lines): begun, and ended
// whatever happens.
struct ReadTransaction {
    SqlConnection& c;
    bool open = false;
    bool Begin(std::string* error) { return open = c.BeginRead(error); }
    ~ReadTransaction()
    {
        std::string ignored;
        if (open) c.Exec("COMMIT", &ignored);
    }
};

// A fixed set of connections shared by the server's threads, handed out in the order they were
// asked for: under load no request waits behind a stream of later ones (a plain mutex lets the
// same few threads win again and again, and the unlucky ones time out).
class SqlPool {
public:
    explicit SqlPool(std::vector<std::unique_ptr<SqlConnection>> connections);

    class Lease {
    public:
        Lease(SqlPool* pool, std::unique_ptr<SqlConnection> c) : pool_(pool), c_(std::move(c)) {}
        Lease(Lease&&) = default;
        ~Lease() { if (c_) pool_->Return(std::move(c_)); }
        SqlConnection* operator->() const { return c_.get(); }
        SqlConnection& operator*() const { return *c_; }
    private:
        SqlPool* pool_;
        std::unique_ptr<SqlConnection> c_;
    };
    // Waits for a free connection, at most wait() — then throws std::runtime_error: a request that
    // cannot be served in time is answered 500 (logged with its cause), not queued without bound.
    Lease Acquire();
    void set_wait(std::chrono::milliseconds wait) { wait_ = wait; }
    std::chrono::milliseconds wait() const { return wait_; }
    const char* dialect() const { return dialect_; }
    // Changes every time a connection that wrote comes back: a reader that saw the same value
    // before and after knows no write through this pool finished in between.
    uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

private:
    void Return(std::unique_ptr<SqlConnection> c);
    // A thread waiting for a connection; Return hands one straight to the longest waiting.
    struct Waiter {
        std::condition_variable wake;
        std::unique_ptr<SqlConnection> connection;
    };
    std::mutex mutex_;
    std::vector<std::unique_ptr<SqlConnection>> free_;
    std::deque<Waiter*> waiters_;
    std::atomic<uint64_t> generation_{0};
    const char* dialect_;
    std::chrono::milliseconds wait_{10000};
};

} // namespace bondstore
