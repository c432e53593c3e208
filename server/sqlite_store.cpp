// The SQLite back end of Store: one file (bondstore.db) in the data directory, WAL journal,
// synchronous=FULL so an acknowledged write survives power loss.
#include "store.h"

#include "core/wire.h"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <vector>

namespace bondstore {

namespace {

// Schema migrations, applied in order; PRAGMA user_version records how many have run.
// Never edit a released migration: add a new one.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO meta(key, value) VALUES ('catalog_version', '0');
    CREATE TABLE warehouses (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL            -- JSON object: locale -> name
    );
    CREATE TABLE products (
        sku      TEXT PRIMARY KEY,
        merchant TEXT NOT NULL,
        handle   TEXT NOT NULL,
        doc      TEXT NOT NULL,       -- the product in the wire format (core/wire.h)
        position INTEGER NOT NULL     -- catalog order
    );
    CREATE TABLE stock (
        sku       TEXT NOT NULL REFERENCES products(sku),
        warehouse TEXT NOT NULL REFERENCES warehouses(code),
        on_hand   INTEGER NOT NULL CHECK (on_hand >= 0),
        reserved  INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
        PRIMARY KEY (sku, warehouse)
    );
    )sql",
};

class Statement {
public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return stmt_ != nullptr; }
    Statement& Bind(int i, const std::string& s) { sqlite3_bind_text(stmt_, i, s.data(), int(s.size()), SQLITE_TRANSIENT); return *this; }
    Statement& Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); return *this; }
    int Step() { return sqlite3_step(stmt_); }
    void Reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }
    std::string Text(int col) const
    {
        const unsigned char* t = sqlite3_column_text(stmt_, col);
        return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(sqlite3* db) : db_(db) {}
    ~SqliteStore() override { sqlite3_close(db_); }

    const char* kind() const override { return "sqlite"; }

    bool Exec(const char* sql, std::string* error)
    {
        char* msg = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
            if (error) *error = msg ? msg : sqlite3_errmsg(db_);
            sqlite3_free(msg);
            return false;
        }
        return true;
    }

    bool Migrate(std::string* error)
    {
        Statement v(db_, "PRAGMA user_version");
        if (!v.ok() || v.Step() != SQLITE_ROW) { *error = sqlite3_errmsg(db_); return false; }
        int64_t applied = v.Int(0);
        const int64_t total = int64_t(std::size(kMigrations));
        if (applied > total) {
            *error = "the database was written by a newer Bondstore (schema " + std::to_string(applied) + ")";
            return false;
        }
        for (int64_t i = applied; i < total; i++) {
            std::string sql = std::string("BEGIN IMMEDIATE;") + kMigrations[i] +
                              "PRAGMA user_version = " + std::to_string(i + 1) + "; COMMIT;";
            if (!Exec(sql.c_str(), error)) { Exec("ROLLBACK", nullptr); return false; }
        }
        return true;
    }

    bool IsEmpty(std::string* error) override
    {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM warehouses)");
        if (!s.ok() || s.Step() != SQLITE_ROW) { *error = sqlite3_errmsg(db_); return false; }
        return s.Int(0) == 0;
    }

    bool SeedCatalog(const Catalog& c, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        if (!Exec("BEGIN IMMEDIATE", error)) return false;
        bool ok = WriteCatalog(c, error);
        if (ok) ok = Exec("COMMIT", error);
        if (!ok) Exec("ROLLBACK", nullptr);
        return ok;
    }

    std::optional<Catalog> LoadCatalog(std::string* error) override
    {
        std::lock_guard lock(mutex_);
        if (!Exec("BEGIN", error)) return std::nullopt;
        std::optional<Catalog> out = ReadCatalog(error);
        Exec("COMMIT", nullptr);
        return out;
    }

private:
    bool WriteCatalog(const Catalog& c, std::string* error)
    {
        Statement wh(db_, "INSERT INTO warehouses(code, name) VALUES (?1, ?2)");
        Statement pr(db_, "INSERT INTO products(sku, merchant, handle, doc, position) VALUES (?1, ?2, ?3, ?4, ?5)");
        Statement st(db_, "INSERT INTO stock(sku, warehouse, on_hand) VALUES (?1, ?2, ?3)");
        Statement ver(db_, "UPDATE meta SET value = ?1 WHERE key = 'catalog_version'");
        if (!wh.ok() || !pr.ok() || !st.ok() || !ver.ok()) { *error = sqlite3_errmsg(db_); return false; }
        for (const Warehouse& w : c.warehouses) {
            wh.Bind(1, w.code).Bind(2, LocalizedTextToJson(w.name));
            if (wh.Step() != SQLITE_DONE) { *error = sqlite3_errmsg(db_); return false; }
            wh.Reset();
        }
        int64_t position = 0;
        for (const Product& p : c.products) {
            pr.Bind(1, p.sku).Bind(2, p.merchant.empty() ? std::string("demo") : p.merchant)
              .Bind(3, p.handle).Bind(4, ProductToJson(p)).Bind(5, position++);
            if (pr.Step() != SQLITE_DONE) { *error = sqlite3_errmsg(db_); return false; }
            pr.Reset();
        }
        for (const StockLevel& s : c.stock) {
            st.Bind(1, s.sku).Bind(2, s.warehouse).Bind(3, s.on_hand);
            if (st.Step() != SQLITE_DONE) { *error = sqlite3_errmsg(db_); return false; }
            st.Reset();
        }
        ver.Bind(1, std::to_string(c.version > 0 ? c.version : 1));
        if (ver.Step() != SQLITE_DONE) { *error = sqlite3_errmsg(db_); return false; }
        return true;
    }

    std::optional<Catalog> ReadCatalog(std::string* error)
    {
        // Reassemble a wire-format document and let core parse it: one parser for every path.
        std::string doc = "{\"version\":";
        {
            Statement v(db_, "SELECT value FROM meta WHERE key = 'catalog_version'");
            if (!v.ok() || v.Step() != SQLITE_ROW) { *error = sqlite3_errmsg(db_); return std::nullopt; }
            doc += v.Text(0);
        }
        doc += ",\"warehouses\":[";
        {
            Statement s(db_, "SELECT code, name FROM warehouses ORDER BY code");
            bool first = true;
            while (s.Step() == SQLITE_ROW) {
                if (!first) doc += ',';
                first = false;
                doc += "{\"code\":" + JsonQuote(s.Text(0)) + ",\"name\":" + s.Text(1) + "}";
            }
        }
        doc += "],\"products\":[";
        {
            Statement s(db_, "SELECT doc FROM products ORDER BY position, sku");
            bool first = true;
            while (s.Step() == SQLITE_ROW) {
                if (!first) doc += ',';
                first = false;
                doc += s.Text(0);
            }
        }
        doc += "],\"stock\":[";
        {
            Statement s(db_, "SELECT sku, warehouse, on_hand FROM stock ORDER BY sku, warehouse");
            bool first = true;
            while (s.Step() == SQLITE_ROW) {
                if (!first) doc += ',';
                first = false;
                doc += "{\"sku\":" + JsonQuote(s.Text(0)) + ",\"warehouse\":" + JsonQuote(s.Text(1)) +
                       ",\"on_hand\":" + std::to_string(s.Int(2)) + "}";
            }
        }
        doc += "]}";
        CatalogParse parsed = ParseCatalogJson(doc);
        if (!parsed.ok()) {
            *error = "the stored catalog does not parse (" + parsed.problems.front().code + " at " +
                     parsed.problems.front().section + "[" + std::to_string(parsed.problems.front().index) + "]." +
                     parsed.problems.front().field + ")";
            return std::nullopt;
        }
        return std::move(parsed.catalog);
    }

    sqlite3* db_;
    std::mutex mutex_;
};

} // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, std::string* error)
{
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) { *error = "cannot create the data directory " + data_dir + ": " + ec.message(); return nullptr; }
    std::string path = (std::filesystem::path(data_dir) / "bondstore.db").string();
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        *error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    auto store = std::make_unique<SqliteStore>(db);
    if (!store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", error)) return nullptr;
    if (!store->Migrate(error)) { *error = path + ": " + *error; return nullptr; }
    return store;
}

} // namespace bondstore
