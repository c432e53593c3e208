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
    R"sql(
    CREATE TABLE merchants (
        id         TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    INSERT INTO merchants(id, created_at)
        SELECT DISTINCT merchant, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM products;
    CREATE TABLE merchant_tokens (
        hash       TEXT PRIMARY KEY,          -- SHA-256 of the token, hex; the token itself is never stored
        merchant   TEXT NOT NULL REFERENCES merchants(id),
        label      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    CREATE INDEX products_by_merchant ON products(merchant, position);
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

    // --- merchants and tokens -------------------------------------------------------------------

    bool AddToken(const std::string& merchant, const std::string& hash, const std::string& label, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        if (!Exec("BEGIN IMMEDIATE", error)) return false;
        Statement m(db_, "INSERT OR IGNORE INTO merchants(id, created_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
        Statement t(db_, "INSERT INTO merchant_tokens(hash, merchant, label, created_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
        bool ok = m.ok() && t.ok();
        if (ok) ok = m.Bind(1, merchant).Step() == SQLITE_DONE;
        if (ok) ok = t.Bind(1, hash).Bind(2, merchant).Bind(3, label).Step() == SQLITE_DONE;
        if (!ok) { *error = sqlite3_errmsg(db_); Exec("ROLLBACK", nullptr); return false; }
        return Exec("COMMIT", error);
    }

    std::string MerchantForToken(const std::string& hash, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        Statement s(db_, "SELECT merchant FROM merchant_tokens WHERE hash = ?1 AND revoked_at IS NULL");
        if (!s.ok()) { *error = sqlite3_errmsg(db_); return {}; }
        s.Bind(1, hash);
        return s.Step() == SQLITE_ROW ? s.Text(0) : std::string();
    }

    std::vector<TokenInfo> ListTokens(std::string* error) override
    {
        std::lock_guard lock(mutex_);
        std::vector<TokenInfo> out;
        Statement s(db_, "SELECT merchant, label, substr(hash, 1, 12), created_at, revoked_at IS NOT NULL FROM merchant_tokens ORDER BY created_at, merchant");
        if (!s.ok()) { *error = sqlite3_errmsg(db_); return out; }
        while (s.Step() == SQLITE_ROW) out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4) != 0});
        return out;
    }

    bool RevokeToken(const std::string& prefix, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        if (prefix.size() < 8) { *error = "give at least 8 hex digits of the token's hash"; return false; }
        Statement count(db_, "SELECT count(*) FROM merchant_tokens WHERE substr(hash, 1, ?2) = ?1 AND revoked_at IS NULL");
        count.Bind(1, prefix).Bind(2, int64_t(prefix.size()));
        if (!count.ok() || count.Step() != SQLITE_ROW) { *error = sqlite3_errmsg(db_); return false; }
        if (count.Int(0) != 1) {
            *error = count.Int(0) == 0 ? "no active token starts with " + prefix : "more than one token starts with " + prefix;
            return false;
        }
        Statement s(db_, "UPDATE merchant_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE substr(hash, 1, ?2) = ?1 AND revoked_at IS NULL");
        s.Bind(1, prefix).Bind(2, int64_t(prefix.size()));
        if (s.Step() != SQLITE_DONE) { *error = sqlite3_errmsg(db_); return false; }
        return true;
    }

    // --- merchant catalog writes ---------------------------------------------------------------

    std::map<std::string, std::string> OwnersOf(const std::vector<std::string>& skus, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        std::map<std::string, std::string> out;
        Statement s(db_, "SELECT merchant FROM products WHERE sku = ?1");
        if (!s.ok()) { *error = sqlite3_errmsg(db_); return out; }
        for (const std::string& sku : skus) {
            s.Bind(1, sku);
            if (s.Step() == SQLITE_ROW) out[sku] = s.Text(0);
            s.Reset();
        }
        return out;
    }

    std::optional<UpsertResult> UpsertProducts(const std::string& merchant, const std::vector<Product>& products,
                                               bool dry_run, bool all_or_nothing, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        if (!Exec("BEGIN IMMEDIATE", error)) return std::nullopt;
        std::optional<UpsertResult> r = WriteProducts(merchant, products, dry_run, error);
        bool keep = r && !dry_run && !(all_or_nothing && !r->owned_by_others.empty());
        if (keep && Exec("COMMIT", error)) {
            r->applied = true;
            return r;
        }
        Exec("ROLLBACK", nullptr);
        return r && (dry_run || !keep) ? r : std::nullopt;
    }

    std::optional<StockResult> SetStock(const std::string& merchant, const std::vector<StockLevel>& levels, bool dry_run,
                                        std::string* error) override
    {
        std::lock_guard lock(mutex_);
        if (!Exec("BEGIN IMMEDIATE", error)) return std::nullopt;
        Statement owner(db_, "SELECT merchant FROM products WHERE sku = ?1");
        Statement warehouse(db_, "SELECT 1 FROM warehouses WHERE code = ?1");
        Statement current(db_, "SELECT on_hand, reserved FROM stock WHERE sku = ?1 AND warehouse = ?2");
        Statement upsert(db_, "INSERT INTO stock(sku, warehouse, on_hand) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT(sku, warehouse) DO UPDATE SET on_hand = excluded.on_hand");
        if (!owner.ok() || !warehouse.ok() || !current.ok() || !upsert.ok()) {
            *error = sqlite3_errmsg(db_);
            Exec("ROLLBACK", nullptr);
            return std::nullopt;
        }
        StockResult r;
        for (size_t i = 0; i < levels.size(); i++) {
            const StockLevel& l = levels[i];
            owner.Bind(1, l.sku);
            std::string who = owner.Step() == SQLITE_ROW ? owner.Text(0) : std::string();
            owner.Reset();
            // Another merchant's SKU reads as unknown: its existence is not another's business.
            if (who.empty() || who != merchant) { r.problems.emplace_back(i, "stock.unknown_sku"); continue; }
            warehouse.Bind(1, l.warehouse);
            bool known = warehouse.Step() == SQLITE_ROW;
            warehouse.Reset();
            if (!known) { r.problems.emplace_back(i, "stock.unknown_warehouse"); continue; }
            current.Bind(1, l.sku).Bind(2, l.warehouse);
            bool exists = current.Step() == SQLITE_ROW;
            int64_t on_hand = exists ? current.Int(0) : 0, reserved = exists ? current.Int(1) : 0;
            current.Reset();
            if (l.on_hand < reserved) { r.problems.emplace_back(i, "stock.below_reserved"); continue; }
            if (exists && on_hand == l.on_hand) { r.unchanged++; continue; }
            r.updated++;
            if (dry_run) continue;
            upsert.Bind(1, l.sku).Bind(2, l.warehouse).Bind(3, l.on_hand);
            if (upsert.Step() != SQLITE_DONE) { *error = sqlite3_errmsg(db_); Exec("ROLLBACK", nullptr); return std::nullopt; }
            upsert.Reset();
        }
        // All or nothing: any refused row, or a dry run, leaves the stock as it was.
        if (!r.problems.empty() || dry_run) {
            Exec("ROLLBACK", nullptr);
            return r;
        }
        if (!Exec("COMMIT", error)) { Exec("ROLLBACK", nullptr); return std::nullopt; }
        return r;
    }

    std::vector<Product> MerchantProducts(const std::string& merchant, std::string* error) override
    {
        std::lock_guard lock(mutex_);
        std::string doc = "{\"products\":[";
        Statement s(db_, "SELECT doc FROM products WHERE merchant = ?1 ORDER BY position, sku");
        if (!s.ok()) { *error = sqlite3_errmsg(db_); return {}; }
        s.Bind(1, merchant);
        bool first = true;
        while (s.Step() == SQLITE_ROW) {
            if (!first) doc += ',';
            first = false;
            doc += s.Text(0);
        }
        doc += "]}";
        CatalogParse parsed = ParseCatalogJson(doc);
        return std::move(parsed.catalog.products);
    }

private:
    std::optional<UpsertResult> WriteProducts(const std::string& merchant, const std::vector<Product>& products,
                                              bool dry_run, std::string* error)
    {
        Statement find(db_, "SELECT merchant, doc FROM products WHERE sku = ?1");
        Statement update(db_, "UPDATE products SET doc = ?1, handle = ?2 WHERE sku = ?3 AND merchant = ?4");
        Statement insert(db_, "INSERT INTO products(sku, merchant, handle, doc, position) VALUES (?1, ?2, ?3, ?4, ?5)");
        Statement next(db_, "SELECT coalesce(max(position), -1) + 1 FROM products");
        Statement merchant_row(db_, "INSERT OR IGNORE INTO merchants(id, created_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
        Statement version(db_, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'catalog_version'");
        Statement read_version(db_, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'catalog_version'");
        if (!find.ok() || !update.ok() || !insert.ok() || !next.ok() || !merchant_row.ok() || !version.ok() || !read_version.ok()) {
            *error = sqlite3_errmsg(db_);
            return std::nullopt;
        }
        auto fail = [&]() -> std::optional<UpsertResult> { *error = sqlite3_errmsg(db_); return std::nullopt; };
        if (next.Step() != SQLITE_ROW) return fail();
        int64_t position = next.Int(0);
        if (!dry_run && merchant_row.Bind(1, merchant).Step() != SQLITE_DONE) return fail();

        UpsertResult r;
        for (const Product& p : products) {
            Product stored = p;
            stored.merchant = merchant;
            std::string doc = ProductToJson(stored);
            find.Bind(1, p.sku);
            int rc = find.Step();
            if (rc == SQLITE_ROW) {
                std::string owner = find.Text(0), old_doc = find.Text(1);
                find.Reset();
                if (owner != merchant) { r.owned_by_others.push_back(p.sku); continue; }
                if (old_doc == doc) { r.unchanged++; continue; }
                r.updated++;
                if (dry_run) continue;
                update.Bind(1, doc).Bind(2, stored.handle).Bind(3, p.sku).Bind(4, merchant);
                if (update.Step() != SQLITE_DONE) return fail();
                update.Reset();
            } else {
                find.Reset();
                if (rc != SQLITE_DONE) return fail();
                r.created++;
                if (dry_run) continue;
                insert.Bind(1, p.sku).Bind(2, merchant).Bind(3, stored.handle).Bind(4, doc).Bind(5, position++);
                if (insert.Step() != SQLITE_DONE) return fail();
                insert.Reset();
            }
        }
        if (!dry_run && r.created + r.updated > 0 && version.Step() != SQLITE_DONE) return fail();
        if (read_version.Step() != SQLITE_ROW) return fail();
        r.catalog_version = read_version.Int(0);
        return r;
    }

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
