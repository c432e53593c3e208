#include "server/store/catalog_store.h"

#include "server/store/merchant_store.h"
#include "server/store/migrations.h"

#include "core/wire/catalog_json.h"

namespace bondstore {

const std::vector<Migration>& CatalogMigrations()
{
    static const std::vector<Migration> parts = {
        {1, R"sql(
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
            doc      TEXT NOT NULL,       -- the product in the wire format (core/wire/catalog_json.h)
            position BIGINT NOT NULL      -- catalog order
        );
        )sql"},
        {2, R"sql(
        CREATE INDEX products_by_merchant ON products(merchant, position);
        )sql"},
    };
    return parts;
}

namespace {

const char* kCountProductsAndWarehouses = "SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM warehouses)";

std::optional<int64_t> ReadVersion(SqlConnection& c, std::string* error)
{
    auto r = c.Query("SELECT value FROM meta WHERE key = 'catalog_version'", {}, error);
    if (!r || r->rows.empty()) return std::nullopt;
    return r->rows[0][0].Int();
}

// A stored product document, back as a Product; the store wrote it, so a failure is a defect.
bool ReadStoredProduct(const std::string& doc, Product* out, std::string* error)
{
    ProductParse parsed = ParseProductJson(doc);
    if (!parsed.ok()) {
        const Problem& p = parsed.problems.front();
        *error = "a stored product does not parse (" + p.code + " at " + p.sku + "." + p.field + ")";
        return false;
    }
    *out = std::move(parsed.product);
    return true;
}

} // namespace

std::optional<int64_t> CatalogStore::CatalogVersion(std::string* error)
{
    auto c = db_.readers().Acquire();
    return ReadVersion(*c, error);
}

bool CatalogStore::IsEmpty(std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query(kCountProductsAndWarehouses, {}, error);
    return r && !r->rows.empty() && r->rows[0][0].Int() == 0;
}

bool CatalogStore::SeedCatalog(const Catalog& c, std::string* error)
{
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        // Servers starting together: one seeds, the others find the store no longer empty.
        if (db_.postgres() && !db.Exec("SELECT pg_advisory_xact_lock(80187)", e)) return false;
        auto count = db.Query(kCountProductsAndWarehouses, {}, e);
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
        return db.Query("UPDATE meta SET value = $1 WHERE key = 'catalog_version'", {std::to_string(c.version > 0 ? c.version : 1)}, e)
            .has_value();
    }, error);
}

std::optional<Catalog> CatalogStore::LoadCatalog(std::string* error)
{
    auto c = db_.readers().Acquire();
    std::optional<std::vector<std::vector<SqlValue>>> warehouses, products, stock;
    std::optional<int64_t> version;
    {
        // One consistent read: the catalog and its version together.
        ReadTransaction read{*c};
        if (!read.Begin(error)) return std::nullopt;
        version = ReadVersion(*c, error);
        auto w = c->Query("SELECT code, name FROM warehouses ORDER BY code", {}, error);
        auto p = c->Query("SELECT doc FROM products ORDER BY position, sku", {}, error);
        auto s = c->Query("SELECT sku, warehouse, on_hand FROM stock ORDER BY sku, warehouse", {}, error);
        if (!version || !w || !p || !s) return std::nullopt;
        warehouses = std::move(w->rows);
        products = std::move(p->rows);
        stock = std::move(s->rows);
    }
    Catalog catalog;
    catalog.version = *version;
    for (const auto& row : *warehouses) {
        std::optional<LocalizedText> name = ParseLocalizedTextJson(row[1].Text());
        if (!name) { *error = "warehouse " + row[0].Text() + ": its stored name does not parse"; return std::nullopt; }
        catalog.warehouses.push_back({row[0].Text(), std::move(*name)});
    }
    catalog.products.reserve(products->size());
    for (const auto& row : *products) {
        catalog.products.emplace_back();
        if (!ReadStoredProduct(row[0].Text(), &catalog.products.back(), error)) return std::nullopt;
    }
    for (const auto& row : *stock) {
        StockLevel level;
        level.sku = row[0].Text();
        level.warehouse = row[1].Text();
        level.on_hand = row[2].Int();
        catalog.stock.push_back(std::move(level));
    }
    return catalog;
}

std::optional<std::map<std::string, std::string>> CatalogStore::OwnersOf(const std::vector<std::string>& skus, std::string* error)
{
    auto c = db_.readers().Acquire();
    std::map<std::string, std::string> out;
    for (const std::string& sku : skus) {
        auto r = c->Query("SELECT merchant FROM products WHERE sku = $1", {sku}, error);
        if (!r) return std::nullopt;
        if (!r->rows.empty()) out[sku] = r->rows[0][0].Text();
    }
    return out;
}

std::optional<CatalogStore::UpsertResult> CatalogStore::UpsertProducts(const std::string& merchant, const std::vector<Product>& products,
                                                                     bool dry_run, bool all_or_nothing, std::string* error)
{
    std::optional<UpsertResult> result;
    bool committed = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        UpsertResult r;
        auto next = db.Query("SELECT coalesce(max(position), -1) + 1 FROM products", {}, e);
        if (!next) return false;
        int64_t position = next->rows[0][0].Int();
        if (!dry_run && !AddMerchant(db, merchant, e)) return false;
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
                if (!db.Query("UPDATE products SET doc = $1, handle = $2 WHERE sku = $3 AND merchant = $4", {doc, stored.handle, p.sku, merchant}, e))
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
        std::optional<int64_t> version = ReadVersion(db, e);
        if (!version) return false;
        r.catalog_version = *version;
        result = r;
        // A dry run, or another merchant's SKU when it is all or nothing, changes nothing.
        return !dry_run && !(all_or_nothing && !r.owned_by_others.empty());
    }, error);
    if (committed) result->applied = true;
    else if (!error->empty()) return std::nullopt; // a statement failed
    return result;
}

std::optional<std::vector<Product>> CatalogStore::MerchantProducts(const std::string& merchant, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT doc FROM products WHERE merchant = $1 ORDER BY position, sku", {merchant}, error);
    if (!r) return std::nullopt;
    std::vector<Product> out(r->rows.size());
    for (size_t i = 0; i < r->rows.size(); i++)
        if (!ReadStoredProduct(r->rows[i][0].Text(), &out[i], error)) return std::nullopt;
    return out;
}

} // namespace bondstore
