// InventoryStore: bonded stock — units on hand per SKU and warehouse, and how many of them open
// orders have reserved. Merchants set and adjust on-hand counts; orders reserve and consume stock
// inside their own transactions (order_store.h), always with a conditional update, so nothing is
// ever sold that is not there.
#pragma once

#include "server/store/database.h"

#include "core/catalog/bonded_stock.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bondstore {

class InventoryStore {
public:
    explicit InventoryStore(Database& db) : db_(db) {}

    // Available units per SKU and warehouse (on hand − reserved), every SKU with a stock row.
    // Shoppers ask on every page, and it changes only when something is written: kept until this
    // server writes anything, and at most half a second for writes by other processes (a second
    // server on PostgreSQL, bondstore-admin). Orders never trust it: they decrement stock
    // conditionally in their own transaction.
    std::optional<std::vector<SkuAvailability>> Inventory(std::string* error);
    // The same for `skus` alone, in their order (a SKU without stock: none available) — a page of
    // a large catalog.
    std::optional<std::vector<SkuAvailability>> InventoryOf(const std::vector<std::string_view>& skus, std::string* error);

    struct StockResult {
        int64_t updated = 0, unchanged = 0;
        std::vector<std::pair<size_t, std::string>> problems; // (index into the levels, code)
    };
    // Sets on-hand counts for the merchant's SKUs in one transaction (all or nothing).
    std::optional<StockResult> SetStock(const std::string& merchant, const std::vector<StockLevel>& levels, bool dry_run,
                                        std::string* error);

    // A merchant's change to on-hand stock, idempotent on its id: the same id again answers what
    // the first one did; the same id with other content is refused.
    struct Adjustment {
        std::string id;        // client-chosen, unique per adjustment
        std::string sku, warehouse;
        int64_t delta = 0;     // + received, − damaged/lost/counted
        std::string reason;    // "received", "damaged", "count", … (free text, ≤ 200 bytes)
        int64_t now = 0;
    };
    struct AdjustmentResult {
        std::string problem;   // "" when applied; "stock.unknown_sku", "stock.unknown_warehouse",
                               // "stock.below_reserved", "stock.adjustment_reused"
        bool replayed = false; // this id was applied before: nothing changed now
        int64_t on_hand = 0, reserved = 0;
    };
    std::optional<AdjustmentResult> AdjustStock(const std::string& merchant, const Adjustment& adjustment, std::string* error);

private:
    Database& db_;
    std::mutex cache_mutex_;
    struct Cached {
        std::vector<SkuAvailability> items;
        std::unordered_map<std::string_view, size_t> by_sku; // into items
    };
    std::shared_ptr<const Cached> Current(std::string* error);
    std::shared_ptr<const Cached> cache_;
    uint64_t cache_generation_ = 0;
    std::chrono::steady_clock::time_point cache_at_;
};

} // namespace bondstore
