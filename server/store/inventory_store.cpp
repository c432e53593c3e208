#include "server/store/inventory_store.h"

#include "server/store/migrations.h"

#include <algorithm>
#include <tuple>

namespace bondstore {

const std::vector<Migration>& InventoryMigrations()
{
    static const std::vector<Migration> parts = {
        {1, R"sql(
        CREATE TABLE stock (
            sku       TEXT NOT NULL REFERENCES products(sku),
            warehouse TEXT NOT NULL REFERENCES warehouses(code),
            on_hand   BIGINT NOT NULL CHECK (on_hand >= 0),
            reserved  BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
            PRIMARY KEY (sku, warehouse)
        );
        )sql"},
        {3, R"sql(
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
        )sql"},
        {8, R"sql(
        -- An adjustment's id is the merchant's own: two merchants may both use "recv-1".
        CREATE TABLE stock_adjustments_v8 (
            id            TEXT NOT NULL,          -- the merchant's id for it
            merchant      TEXT NOT NULL,
            sku           TEXT NOT NULL,
            warehouse     TEXT NOT NULL,
            delta         BIGINT NOT NULL,
            reason        TEXT NOT NULL,
            on_hand_after BIGINT NOT NULL,
            created_at    BIGINT NOT NULL,
            PRIMARY KEY (merchant, id)
        );
        INSERT INTO stock_adjustments_v8 (id, merchant, sku, warehouse, delta, reason, on_hand_after, created_at)
            SELECT id, merchant, sku, warehouse, delta, reason, on_hand_after, created_at FROM stock_adjustments;
        DROP TABLE stock_adjustments;
        ALTER TABLE stock_adjustments_v8 RENAME TO stock_adjustments;
        )sql"},
    };
    return parts;
}

constexpr std::chrono::milliseconds kInventoryFreshness{500};

std::optional<std::vector<SkuAvailability>> InventoryStore::Inventory(std::string* error)
{
    std::shared_ptr<const Cached> c = Current(error);
    if (!c) return std::nullopt;
    return c->items;
}

std::optional<std::vector<SkuAvailability>> InventoryStore::InventoryOf(const std::vector<std::string_view>& skus, std::string* error)
{
    std::vector<SkuAvailability> out;
    out.reserve(skus.size());
    for (std::string_view sku : skus) out.push_back({std::string(sku), 0, {}});
    if (skus.empty()) return out;
    std::shared_ptr<const Cached> c;
    {
        std::lock_guard lock(cache_mutex_);
        if (cache_ && cache_generation_ == db_.writers().generation() &&
            std::chrono::steady_clock::now() - cache_at_ < kInventoryFreshness)
            c = cache_;
    }
    if (c) {
        for (SkuAvailability& a : out)
            if (auto it = c->by_sku.find(a.sku); it != c->by_sku.end()) a = c->items[it->second];
        return out;
    }
    // Not fresh: these SKUs' rows alone (a page's 50), not the whole store's (50,000 rows, 60 ms).
    std::string sql = "SELECT sku, warehouse, on_hand - reserved FROM stock WHERE sku IN (";
    std::vector<SqlValue> params;
    for (size_t i = 0; i < skus.size(); i++) {
        sql += (i ? ", $" : "$") + std::to_string(i + 1);
        params.emplace_back(std::string(skus[i]));
    }
    sql += ") ORDER BY sku, warehouse";
    auto r = db_.readers().Acquire()->Query(sql, params, error);
    if (!r) return std::nullopt;
    std::unordered_map<std::string_view, size_t> at;
    for (size_t i = 0; i < out.size(); i++) at.emplace(out[i].sku, i);
    for (const auto& row : r->rows) {
        auto it = at.find(row[0].Text());
        if (it == at.end()) continue;
        SkuAvailability& a = out[it->second];
        a.available += row[2].Int();
        a.warehouses.emplace_back(row[1].Text(), row[2].Int());
    }
    // The same SKU asked twice gets the same answer.
    for (size_t i = 0; i < out.size(); i++)
        if (size_t first = at[out[i].sku]; first != i) out[i] = out[first];
    return out;
}

std::shared_ptr<const InventoryStore::Cached> InventoryStore::Current(std::string* error)
{
    // The generation is read before the query: a write that finishes during it changes the
    // generation, and the next call reads again.
    uint64_t generation = db_.writers().generation();
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(cache_mutex_);
        if (cache_ && cache_generation_ == generation && now - cache_at_ < kInventoryFreshness) return cache_;
    }
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT sku, warehouse, on_hand - reserved FROM stock ORDER BY sku, warehouse", {}, error);
    if (!r) return nullptr;
    auto out = std::make_shared<Cached>();
    std::vector<SkuAvailability>& items = out->items;
    for (const auto& row : r->rows) {
        if (items.empty() || items.back().sku != row[0].Text()) items.push_back({row[0].Text(), 0, {}});
        items.back().available += row[2].Int();
        items.back().warehouses.emplace_back(row[1].Text(), row[2].Int());
    }
    out->by_sku.reserve(items.size());
    for (size_t i = 0; i < items.size(); i++) out->by_sku.emplace(items[i].sku, i);
    std::lock_guard lock(cache_mutex_);
    cache_ = out;
    cache_generation_ = generation;
    cache_at_ = now;
    return out;
}

std::optional<InventoryStore::StockResult> InventoryStore::SetStock(const std::string& merchant, const std::vector<StockLevel>& levels,
                                                                    bool dry_run, std::string* error)
{
    std::optional<StockResult> result;
    bool committed = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
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
    if (!committed && !error->empty()) return std::nullopt;
    return result;
}

std::optional<InventoryStore::AdjustmentResult> InventoryStore::AdjustStock(const std::string& merchant, const Adjustment& a,
                                                                            std::string* error)
{
    AdjustmentResult result;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        result = {};
        // Claim the id first (as checkout claims its key): a concurrent request with the same id
        // waits on the claim (PostgreSQL) and then finds it.
        auto claimed = db.Query("INSERT INTO stock_adjustments(id, merchant, sku, warehouse, delta, reason, on_hand_after, created_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT DO NOTHING",
                                {a.id, merchant, a.sku, a.warehouse, a.delta, a.reason, a.now}, e);
        if (!claimed) return false;
        if (claimed->changed == 0) {
            auto before = db.Query("SELECT merchant, sku, warehouse, delta, reason, on_hand_after FROM stock_adjustments "
                                   "WHERE merchant = $2 AND id = $1",
                                   {a.id, merchant}, e);
            if (!before || before->rows.empty()) return false;
            const auto& row = before->rows[0];
            bool same = row[0].Text() == merchant && row[1].Text() == a.sku && row[2].Text() == a.warehouse &&
                        row[3].Int() == a.delta && row[4].Text() == a.reason;
            if (!same) { result.problem = "stock.adjustment_reused"; return false; }
            result.replayed = true;
            result.on_hand = row[5].Int();
            auto now = db.Query("SELECT reserved FROM stock WHERE sku = $1 AND warehouse = $2", {a.sku, a.warehouse}, e);
            if (!now) return false;
            result.reserved = now->rows.empty() ? 0 : now->rows[0][0].Int();
            return false; // nothing to write
        }
        auto owner = db.Query("SELECT merchant FROM products WHERE sku = $1", {a.sku}, e);
        if (!owner) return false;
        if (owner->rows.empty() || owner->rows[0][0].Text() != merchant) { result.problem = "stock.unknown_sku"; return false; }
        auto warehouse = db.Query("SELECT 1 FROM warehouses WHERE code = $1", {a.warehouse}, e);
        if (!warehouse) return false;
        if (warehouse->rows.empty()) { result.problem = "stock.unknown_warehouse"; return false; }
        if (a.delta >= 0 && !db.Query("INSERT INTO stock(sku, warehouse, on_hand) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
                                      {a.sku, a.warehouse}, e))
            return false;
        // Never below what open orders have reserved.
        auto updated = db.Query("UPDATE stock SET on_hand = on_hand + $3 WHERE sku = $1 AND warehouse = $2 "
                                "AND on_hand + $3 >= reserved RETURNING on_hand, reserved",
                                {a.sku, a.warehouse, a.delta}, e);
        if (!updated) return false;
        if (updated->rows.empty()) { result.problem = "stock.below_reserved"; return false; }
        result.on_hand = updated->rows[0][0].Int();
        result.reserved = updated->rows[0][1].Int();
        return db.Query("UPDATE stock_adjustments SET on_hand_after = $2 WHERE merchant = $3 AND id = $1", {a.id, result.on_hand, merchant}, e)
            .has_value();
    }, error);
    if (!ok && !error->empty()) return std::nullopt;
    return result;
}

} // namespace bondstore
