// SqlStore: schema migrations, the catalog and merchants (orders: order_store.cpp).
#include "sql_store.h"

#include "china_time.h"

#include "core/wire.h"

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <thread>

namespace bondstore {

namespace {

// Schema migrations, applied in order, the same text on both back ends (sql.h). "{{id}}" is an
// auto-numbered primary key column in each dialect. Never edit a released migration: add one.
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
        position BIGINT NOT NULL      -- catalog order
    );
    CREATE TABLE stock (
        sku       TEXT NOT NULL REFERENCES products(sku),
        warehouse TEXT NOT NULL REFERENCES warehouses(code),
        on_hand   BIGINT NOT NULL CHECK (on_hand >= 0),
        reserved  BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
        PRIMARY KEY (sku, warehouse)
    );
    )sql",
    R"sql(
    CREATE TABLE merchants (
        id         TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    );
    INSERT INTO merchants(id, created_at) SELECT DISTINCT merchant, '2026-11-26T00:00:00Z' FROM products;
    CREATE TABLE merchant_tokens (
        hash       TEXT PRIMARY KEY,          -- SHA-256 of the token, hex; the token itself is never stored
        merchant   TEXT NOT NULL REFERENCES merchants(id),
        label      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    CREATE INDEX products_by_merchant ON products(merchant, position);
    )sql",
    R"sql(
    CREATE TABLE orders (
        order_no            TEXT PRIMARY KEY,
        status              TEXT NOT NULL,
        created_at          BIGINT NOT NULL,  -- unix seconds
        updated_at          BIGINT NOT NULL,
        pay_before          BIGINT NOT NULL,  -- unpaid orders expire then
        released_at         BIGINT,           -- customs released the inventory list
        warehouse           TEXT NOT NULL REFERENCES warehouses(code),
        buyer_id_hash       TEXT NOT NULL,    -- keyed hash of the ID number (the quota's key)
        contact_sealed      TEXT NOT NULL,    -- buyer and consignee, AES-256-GCM (personal_data.h)
        receipt_masked      TEXT NOT NULL,    -- the masked personal data answers show
        quota_year          BIGINT NOT NULL,
        counts_towards_annual_fen BIGINT NOT NULL,
        regime              TEXT NOT NULL,
        goods_fen           BIGINT NOT NULL,
        freight_fen         BIGINT NOT NULL,
        insurance_fen       BIGINT NOT NULL,
        tariff_fen          BIGINT NOT NULL,
        consumption_tax_fen BIGINT NOT NULL,
        vat_fen             BIGINT NOT NULL,
        tax_total_fen       BIGINT NOT NULL,
        amount_to_pay_fen   BIGINT NOT NULL,
        quote               TEXT NOT NULL     -- the whole TaxQuote as charged (core/wire.h)
    );
    CREATE INDEX orders_by_status ON orders(status, pay_before);
    CREATE TABLE order_lines (
        order_no            TEXT NOT NULL REFERENCES orders(order_no),
        line_no             BIGINT NOT NULL,
        sku                 TEXT NOT NULL,
        qty                 BIGINT NOT NULL CHECK (qty > 0),
        price_fen           BIGINT NOT NULL,
        goods_fen           BIGINT NOT NULL,
        freight_fen         BIGINT NOT NULL,
        insurance_fen       BIGINT NOT NULL,
        dutiable_fen        BIGINT NOT NULL,
        tariff_fen          BIGINT NOT NULL,
        consumption_tax_fen BIGINT NOT NULL,
        vat_fen             BIGINT NOT NULL,
        tax_fen             BIGINT NOT NULL,
        PRIMARY KEY (order_no, line_no)
    );
    CREATE TABLE order_events (
        order_no TEXT NOT NULL REFERENCES orders(order_no),
        seq      BIGINT NOT NULL,
        status   TEXT NOT NULL,
        at       BIGINT NOT NULL,
        detail   TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (order_no, seq)
    );
    CREATE TABLE buyer_quota (
        id_hash  TEXT NOT NULL,
        year     BIGINT NOT NULL,
        used_fen BIGINT NOT NULL CHECK (used_fen >= 0),
        PRIMARY KEY (id_hash, year)
    );
    CREATE TABLE idempotency_keys (
        key          TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        order_no     TEXT NOT NULL,           -- claimed before the order row exists: no foreign key
        response     TEXT NOT NULL,
        created_at   BIGINT NOT NULL
    );
    CREATE TABLE outbox (
        id         {{id}},
        order_no   TEXT NOT NULL REFERENCES orders(order_no),
        kind       TEXT NOT NULL,             -- what the relay must send: "order" (CEB311), …
        -- Written with the order, held until it is paid (customs is told only of paid orders),
        -- withdrawn if it is cancelled or expires first:
        -- awaiting_payment → ready → (sent by the relay) ; awaiting_payment → withdrawn
        state      TEXT NOT NULL DEFAULT 'awaiting_payment',
        created_at BIGINT NOT NULL,
        ready_at   BIGINT,
        sent_at    BIGINT,
        attempts   BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX outbox_pending ON outbox(state, sent_at, id);
    -- Money owed back to a shopper (cancelled after payment, rejected by customs, returned): the
    -- payment provider's work list. The sandbox provider has no money to move.
    CREATE TABLE refunds (
        order_no   TEXT NOT NULL REFERENCES orders(order_no),
        reason     TEXT NOT NULL,             -- the event: cancel, reject, return
        amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
        state      TEXT NOT NULL DEFAULT 'due',
        created_at BIGINT NOT NULL,
        PRIMARY KEY (order_no, reason)
    );
    CREATE TABLE stock_adjustments (
        id            TEXT PRIMARY KEY,       -- the merchant's id for it
        merchant      TEXT NOT NULL,
        sku           TEXT NOT NULL,
        warehouse     TEXT NOT NULL,
        delta         BIGINT NOT NULL,
        reason        TEXT NOT NULL,
        on_hand_after BIGINT NOT NULL,
        created_at    BIGINT NOT NULL
    );
    )sql",
    R"sql(
    -- What the single-window messages need from an order, fixed when it is taken.
    ALTER TABLE orders ADD COLUMN merchant TEXT NOT NULL DEFAULT '';
    ALTER TABLE order_lines ADD COLUMN product TEXT NOT NULL DEFAULT '';  -- the product as sold (catalog JSON)
    ALTER TABLE outbox ADD COLUMN guid TEXT NOT NULL DEFAULT '';          -- the message's guid: the receiver de-duplicates by it
    ALTER TABLE outbox ADD COLUMN message TEXT;                           -- the signed message as sent (audit)
    )sql",
    R"sql(
    -- The relay: when to try a message again, and why the last attempt failed. (state 'parked':
    -- kept and reported, never dropped.)
    ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0; -- unix milliseconds
    ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
    CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
    -- Customs' receipts (CEB312, CEB622) as they arrived; the same receipt twice is stored once.
    CREATE TABLE customs_receipts (
        order_no    TEXT NOT NULL REFERENCES orders(order_no),
        kind        TEXT NOT NULL,            -- "order" (CEB312), "inventory" (CEB622)
        status      TEXT NOT NULL,            -- returnStatus: 2, 120, 800, -621018, …
        return_time TEXT NOT NULL,            -- returnTime as customs wrote it
        info        TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (order_no, kind, status, return_time)
    );
    )sql",
    R"sql(
    -- Parking counts from a message's first failed delivery (not from when it became ready: a
    -- message that waited for the relay to be switched on has not failed yet).
    ALTER TABLE outbox ADD COLUMN first_failed_at BIGINT;
    )sql",
    R"sql(
    -- What became of a kiosk's sealed order (order_seal.h), for the shopper following it on their
    -- phone: the kiosk's outbox lets go of an order once answered. Found by the keyed hash of the
    -- follow secret sealed inside the order (never by the Idempotency-Key, which a kiosk keeps).
    CREATE TABLE queued_orders (
        follow_hash TEXT PRIMARY KEY,
        key         TEXT NOT NULL,            -- the order's Idempotency-Key
        status      INTEGER NOT NULL,         -- the HTTP status it was answered with (201, 4xx)
        response    TEXT NOT NULL,            -- the answer's body
        created_at  BIGINT NOT NULL
    );
    )sql",
};

std::string MigrationSql(const char* migration, const char* dialect)
{
    std::string sql = migration;
    const std::string id = std::string(dialect) == "postgresql" ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                                                                : "INTEGER PRIMARY KEY";
    for (size_t at; (at = sql.find("{{id}}")) != std::string::npos;) sql.replace(at, 6, id);
    return sql;
}

} // namespace

bool SqlStore::BindDataKey(const std::string& fingerprint, std::string* error)
{
    std::string recorded;
    bool ok = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        if (!db.Query("INSERT INTO meta(key, value) VALUES ('data_key_fingerprint', $1) ON CONFLICT DO NOTHING", {fingerprint}, e))
            return false;
        auto r = db.Query("SELECT value FROM meta WHERE key = 'data_key_fingerprint'", {}, e);
        if (!r || r->rows.empty()) return false;
        recorded = r->rows[0][0].Text();
        return true;
    }, error);
    if (!ok) return false;
    if (recorded != fingerprint) {
        *error = "this store's personal data was sealed under another data key (fingerprint " + recorded +
                 "; the key given has " + fingerprint + "): start the server with the key it was created with";
        return false;
    }
    return true;
}

bool SqlStore::InWriteTransaction(const std::function<bool(SqlConnection&, std::string*)>& body, std::string* error)
{
    auto c = pool_->Acquire();
    for (int attempt = 0;; attempt++) {
        std::string e;
        if (!c->BeginWrite(&e)) {
            if (c->last_failure() == SqlFailure::Retry && attempt < 20) continue;
            if (error) *error = e;
            return false;
        }
        bool commit = false;
        try {
            commit = body(*c, &e);
        } catch (...) {
            c->Exec("ROLLBACK", nullptr); // never back to the pool inside a transaction
            throw;
        }
        if (commit && c->Exec("COMMIT", &e)) return true;
        SqlFailure failure = c->last_failure();
        c->Exec("ROLLBACK", nullptr);
        if (!commit && e.empty()) return false; // the body chose to roll back
        if (failure == SqlFailure::Retry && attempt < 20) {
            // Another transaction holds what this one needs: back off a little, then again.
            std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt * 2));
            continue;
        }
        if (error) *error = e;
        return false;
    }
}

bool SqlStore::Migrate(std::string* error)
{
    auto c = pool_->Acquire();
    if (!c->BeginWrite(error)) return false;
    // On PostgreSQL, servers starting together wait here for one another.
    if (std::string(c->dialect()) == "postgresql" && !c->Exec("SELECT pg_advisory_xact_lock(80186)", error)) {
        c->Exec("ROLLBACK", nullptr);
        return false;
    }
    std::optional<int64_t> applied = c->SchemaVersion(error);
    const int64_t total = int64_t(std::size(kMigrations));
    bool ok = applied.has_value();
    if (ok && *applied > total) {
        *error = "the database was written by a newer Bondstore (schema " + std::to_string(*applied) + ")";
        ok = false;
    }
    for (int64_t i = ok ? *applied : total; ok && i < total; i++)
        ok = c->Exec(MigrationSql(kMigrations[i], c->dialect()), error) && c->SetSchemaVersion(i + 1, error);
    if (ok) ok = c->Exec("COMMIT", error);
    if (!ok) c->Exec("ROLLBACK", nullptr);
    return ok;
}

std::optional<int64_t> SqlStore::CatalogVersion(std::string* error)
{
    auto c = readers().Acquire();
    auto r = c->Query("SELECT value FROM meta WHERE key = 'catalog_version'", {}, error);
    if (!r || r->rows.empty()) return std::nullopt;
    return std::stoll(r->rows[0][0].Text());
}

bool SqlStore::IsEmpty(std::string* error)
{
    auto c = pool_->Acquire();
    auto r = c->Query("SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM warehouses)", {}, error);
    return r && !r->rows.empty() && r->rows[0][0].Int() == 0;
}

bool SqlStore::SeedCatalog(const Catalog& c, std::string* error)
{
    return InWriteTransaction([&](SqlConnection& db, std::string* e) {
        // Servers starting together: one seeds, the others find the store no longer empty.
        if (std::string(db.dialect()) == "postgresql" && !db.Exec("SELECT pg_advisory_xact_lock(80187)", e)) return false;
        auto count = db.Query("SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM warehouses)", {}, e);
        if (!count) return false;
        if (count->rows[0][0].Int() != 0) return true; // seeded meanwhile: nothing to do
        for (const Warehouse& w : c.warehouses)
            if (!db.Query("INSERT INTO warehouses(code, name) VALUES ($1, $2)", {w.code, LocalizedTextToJson(w.name)}, e)) return false;
        int64_t position = 0;
        for (const Product& p : c.products)
            if (!db.Query("INSERT INTO products(sku, merchant, handle, doc, position) VALUES ($1, $2, $3, $4, $5)",
                          {p.sku, p.merchant.empty() ? std::string("demo") : p.merchant, p.handle, ProductToJson(p), position++}, e))
                return false;
        for (const StockLevel& s : c.stock)
            if (!db.Query("INSERT INTO stock(sku, warehouse, on_hand) VALUES ($1, $2, $3)", {s.sku, s.warehouse, s.on_hand}, e)) return false;
        return db.Query("UPDATE meta SET value = $1 WHERE key = 'catalog_version'",
                        {std::to_string(c.version > 0 ? c.version : 1)}, e).has_value();
    }, error);
}

std::optional<Catalog> SqlStore::LoadCatalog(std::string* error)
{
    auto c = readers().Acquire();
    // One consistent read: the catalog and its version together.
    if (!c->BeginRead(error)) return std::nullopt;
    auto version = c->Query("SELECT value FROM meta WHERE key = 'catalog_version'", {}, error);
    auto warehouses = c->Query("SELECT code, name FROM warehouses ORDER BY code", {}, error);
    auto products = c->Query("SELECT doc FROM products ORDER BY position, sku", {}, error);
    auto stock = c->Query("SELECT sku, warehouse, on_hand FROM stock ORDER BY sku, warehouse", {}, error);
    c->Exec("COMMIT", nullptr);
    if (!version || version->rows.empty() || !warehouses || !products || !stock) return std::nullopt;

    // Reassemble a wire-format document and let core parse it: one parser for every path.
    std::string doc = "{\"version\":" + version->rows[0][0].Text() + ",\"warehouses\":[";
    for (size_t i = 0; i < warehouses->rows.size(); i++)
        doc += (i ? "," : "") + std::string("{\"code\":") + JsonQuote(warehouses->rows[i][0].Text()) +
               ",\"name\":" + warehouses->rows[i][1].Text() + "}";
    doc += "],\"products\":[";
    for (size_t i = 0; i < products->rows.size(); i++) doc += (i ? "," : "") + products->rows[i][0].Text();
    doc += "],\"stock\":[";
    for (size_t i = 0; i < stock->rows.size(); i++)
        doc += (i ? "," : "") + std::string("{\"sku\":") + JsonQuote(stock->rows[i][0].Text()) + ",\"warehouse\":" +
               JsonQuote(stock->rows[i][1].Text()) + ",\"on_hand\":" + std::to_string(stock->rows[i][2].Int()) + "}";
    doc += "]}";
    CatalogParse parsed = ParseCatalogJson(doc);
    if (!parsed.ok()) {
        const Problem& p = parsed.problems.front();
        *error = "the stored catalog does not parse (" + p.code + " at " + p.section + "[" + std::to_string(p.index) + "]." + p.field + ")";
        return std::nullopt;
    }
    return std::move(parsed.catalog);
}

// --- merchants and tokens -----------------------------------------------------------------------

bool SqlStore::AddToken(const std::string& merchant, const std::string& hash, const std::string& label, std::string* error)
{
    std::string now = IsoUtc(UnixNow());
    return InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return db.Query("INSERT INTO merchants(id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", {merchant, now}, e) &&
               db.Query("INSERT INTO merchant_tokens(hash, merchant, label, created_at) VALUES ($1, $2, $3, $4)",
                        {hash, merchant, label, now}, e);
    }, error);
}

std::string SqlStore::MerchantForToken(const std::string& hash, std::string* error)
{
    auto c = readers().Acquire();
    auto r = c->Query("SELECT merchant FROM merchant_tokens WHERE hash = $1 AND revoked_at IS NULL", {hash}, error);
    return r && !r->rows.empty() ? r->rows[0][0].Text() : std::string();
}

std::vector<Store::TokenInfo> SqlStore::ListTokens(std::string* error)
{
    auto c = pool_->Acquire();
    std::vector<TokenInfo> out;
    auto r = c->Query("SELECT merchant, label, substr(hash, 1, 12), created_at, "
                      "CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END FROM merchant_tokens ORDER BY created_at, merchant",
                      {}, error);
    if (!r) return out;
    for (const auto& row : r->rows) out.push_back({row[0].Text(), row[1].Text(), row[2].Text(), row[3].Text(), row[4].Int() != 0});
    return out;
}

bool SqlStore::RevokeToken(const std::string& prefix, std::string* error)
{
    if (prefix.size() < 8) { *error = "give at least 8 hex digits of the token's hash"; return false; }
    std::string now = IsoUtc(UnixNow());
    std::string why;
    bool ok = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto count = db.Query("SELECT count(*) FROM merchant_tokens WHERE substr(hash, 1, $2) = $1 AND revoked_at IS NULL",
                              {prefix, int64_t(prefix.size())}, e);
        if (!count) return false;
        int64_t n = count->rows[0][0].Int();
        if (n != 1) {
            why = n == 0 ? "no active token starts with " + prefix : "more than one token starts with " + prefix;
            return false;
        }
        return db.Query("UPDATE merchant_tokens SET revoked_at = $3 WHERE substr(hash, 1, $2) = $1 AND revoked_at IS NULL",
                        {prefix, int64_t(prefix.size()), now}, e).has_value();
    }, error);
    if (!why.empty()) *error = why;
    return ok;
}

// --- merchant catalog writes ------------------------------------------------------------------

std::map<std::string, std::string> SqlStore::OwnersOf(const std::vector<std::string>& skus, std::string* error)
{
    auto c = readers().Acquire();
    std::map<std::string, std::string> out;
    for (const std::string& sku : skus) {
        auto r = c->Query("SELECT merchant FROM products WHERE sku = $1", {sku}, error);
        if (!r) return {};
        if (!r->rows.empty()) out[sku] = r->rows[0][0].Text();
    }
    return out;
}

std::optional<Store::UpsertResult> SqlStore::UpsertProducts(const std::string& merchant, const std::vector<Product>& products,
                                                            bool dry_run, bool all_or_nothing, std::string* error)
{
    std::optional<UpsertResult> result;
    std::string now = IsoUtc(UnixNow());
    bool committed = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        UpsertResult r;
        auto next = db.Query("SELECT coalesce(max(position), -1) + 1 FROM products", {}, e);
        if (!next) return false;
        int64_t position = next->rows[0][0].Int();
        if (!dry_run && !db.Query("INSERT INTO merchants(id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", {merchant, now}, e))
            return false;
        for (const Product& p : products) {
            Product stored = p;
            stored.merchant = merchant;
            std::string doc = ProductToJson(stored);
            auto found = db.Query("SELECT merchant, doc FROM products WHERE sku = $1", {p.sku}, e);
            if (!found) return false;
            if (!found->rows.empty()) {
                if (found->rows[0][0].Text() != merchant) { r.owned_by_others.push_back(p.sku); continue; }
                if (found->rows[0][1].Text() == doc) { r.unchanged++; continue; }
                r.updated++;
                if (dry_run) continue;
                if (!db.Query("UPDATE products SET doc = $1, handle = $2 WHERE sku = $3 AND merchant = $4",
                              {doc, stored.handle, p.sku, merchant}, e))
                    return false;
            } else {
                r.created++;
                if (dry_run) continue;
                if (!db.Query("INSERT INTO products(sku, merchant, handle, doc, position) VALUES ($1, $2, $3, $4, $5)",
                              {p.sku, merchant, stored.handle, doc, position++}, e))
                    return false;
            }
        }
        if (!dry_run && r.created + r.updated > 0 &&
            !db.Query("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'catalog_version'", {}, e))
            return false;
        auto version = db.Query("SELECT value FROM meta WHERE key = 'catalog_version'", {}, e);
        if (!version) return false;
        r.catalog_version = version->rows[0][0].Int();
        result = r;
        // A dry run, or another merchant's SKU when it is all or nothing, changes nothing.
        return !dry_run && !(all_or_nothing && !r.owned_by_others.empty());
    }, error);
    if (committed) result->applied = true;
    else if (result && !error->empty()) return std::nullopt; // a statement failed
    return result;
}

std::optional<Store::StockResult> SqlStore::SetStock(const std::string& merchant, const std::vector<StockLevel>& levels,
                                                     bool dry_run, std::string* error)
{
    std::optional<StockResult> result;
    bool committed = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        StockResult r;
        // Rows are locked in SKU byte order, as orders lock them (order_store.cpp).
        std::vector<size_t> order(levels.size());
        for (size_t i = 0; i < order.size(); i++) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return std::tie(levels[a].sku, levels[a].warehouse) < std::tie(levels[b].sku, levels[b].warehouse);
        });
        for (size_t i : order) {
            const StockLevel& l = levels[i];
            auto owner = db.Query("SELECT merchant FROM products WHERE sku = $1", {l.sku}, e);
            if (!owner) return false;
            // Another merchant's SKU reads as unknown: its existence is not another's business.
            if (owner->rows.empty() || owner->rows[0][0].Text() != merchant) { r.problems.emplace_back(i, "stock.unknown_sku"); continue; }
            auto warehouse = db.Query("SELECT 1 FROM warehouses WHERE code = $1", {l.warehouse}, e);
            if (!warehouse) return false;
            if (warehouse->rows.empty()) { r.problems.emplace_back(i, "stock.unknown_warehouse"); continue; }
            auto current = db.Query("SELECT on_hand, reserved FROM stock WHERE sku = $1 AND warehouse = $2", {l.sku, l.warehouse}, e);
            if (!current) return false;
            bool exists = !current->rows.empty();
            int64_t on_hand = exists ? current->rows[0][0].Int() : 0, reserved = exists ? current->rows[0][1].Int() : 0;
            if (l.on_hand < reserved) { r.problems.emplace_back(i, "stock.below_reserved"); continue; }
            if (exists && on_hand == l.on_hand) { r.unchanged++; continue; }
            r.updated++;
            if (dry_run) continue;
            // Conditional: an order may have reserved more since the read above (PostgreSQL).
            auto written = db.Query("INSERT INTO stock(sku, warehouse, on_hand) VALUES ($1, $2, $3) "
                                    "ON CONFLICT(sku, warehouse) DO UPDATE SET on_hand = excluded.on_hand "
                                    "WHERE stock.reserved <= excluded.on_hand",
                                    {l.sku, l.warehouse, l.on_hand}, e);
            if (!written) return false;
            if (written->changed == 0) { r.updated--; r.problems.emplace_back(i, "stock.below_reserved"); }
        }
        std::sort(r.problems.begin(), r.problems.end()); // reported in the file's row order
        result = r;
        // All or nothing: any refused row, or a dry run, leaves the stock as it was.
        return r.problems.empty() && !dry_run;
    }, error);
    if (!committed && result && !error->empty()) return std::nullopt;
    return result;
}

std::vector<Product> SqlStore::MerchantProducts(const std::string& merchant, std::string* error)
{
    auto c = pool_->Acquire();
    auto r = c->Query("SELECT doc FROM products WHERE merchant = $1 ORDER BY position, sku", {merchant}, error);
    if (!r) return {};
    std::string doc = "{\"products\":[";
    for (size_t i = 0; i < r->rows.size(); i++) doc += (i ? "," : "") + r->rows[i][0].Text();
    doc += "]}";
    return std::move(ParseCatalogJson(doc).catalog.products);
}

// --- opening ------------------------------------------------------------------------------------

constexpr int kSqliteReaders = 4;

std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, std::string* error)
{
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) { *error = "cannot create the data directory " + data_dir + ": " + ec.message(); return nullptr; }
    std::string path = (std::filesystem::path(data_dir) / "bondstore.db").string();
    std::unique_ptr<SqlConnection> c = OpenSqliteConnection(path, error);
    if (!c) return nullptr;
    std::vector<std::unique_ptr<SqlConnection>> one;
    one.push_back(std::move(c));
    auto store = std::make_unique<SqlStore>(std::make_unique<SqlPool>(std::move(one)));
    if (!store->Migrate(error)) { *error = path + ": " + *error; return nullptr; }
    // Writes go through the one writer connection (SQLite serialises them anyway); shoppers'
    // reads (inventory, order look-ups) go through readers that never wait for it.
    std::vector<std::unique_ptr<SqlConnection>> readers;
    for (int i = 0; i < kSqliteReaders; i++) {
        std::unique_ptr<SqlConnection> r = OpenSqliteConnection(path, error, true);
        if (!r) return nullptr;
        readers.push_back(std::move(r));
    }
    store->SetReaders(std::make_unique<SqlPool>(std::move(readers)));
    return store;
}

std::unique_ptr<Store> OpenPostgresStore(const std::string& conninfo, int connections, std::string* error)
{
    std::vector<std::unique_ptr<SqlConnection>> pool;
    for (int i = 0; i < std::max(1, connections); i++) {
        std::unique_ptr<SqlConnection> c = OpenPostgresConnection(conninfo, error);
        if (!c) return nullptr;
        pool.push_back(std::move(c));
    }
    auto store = std::make_unique<SqlStore>(std::make_unique<SqlPool>(std::move(pool)));
    if (!store->Migrate(error)) { *error = "PostgreSQL: " + *error; return nullptr; }
    return store;
}

} // namespace bondstore
