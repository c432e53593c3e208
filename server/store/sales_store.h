// SalesStore: a merchant's sales figures, read from the orders as the store holds them, for the
// merchant screen's charts (GET /api/merchant/stats). What counts as a sale is core's status model
// (CountsAsSale in core/orders/order.h), not a list kept here.
#pragma once

#include "server/store/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class SalesStore {
public:
    explicit SalesStore(Database& db) : db_(db) {}

    struct SalesDay {
        int64_t day = 0; // days since 1970-01-01 in China time (UTC+8)
        int64_t orders = 0, goods_fen = 0, tax_fen = 0, rejected = 0;
    };
    struct TopProduct {
        std::string sku;
        int64_t qty = 0, goods_fen = 0;
    };
    struct SalesStats {
        std::vector<SalesDay> days;  // days with orders, oldest first
        std::vector<TopProduct> top; // at most 10
    };
    // A merchant's sales since `since` (unix seconds), by China calendar day: orders placed; the
    // goods and the tax of those that count as sales; those customs rejected. And the products
    // that sold most (by units in orders that count as sales).
    std::optional<SalesStats> MerchantSales(const std::string& merchant, int64_t since, std::string* error);
    // The store's best sellers since `since`, all merchants: SKUs by units in orders that count as
    // sales, most first (ties by SKU), at most `limit`.
    std::optional<std::vector<std::string>> BestSellers(int64_t since, size_t limit, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
