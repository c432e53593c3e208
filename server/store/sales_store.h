// SalesStore: a merchant's sales figures, read from the orders as the store holds them, for the
// merchant screen's charts (GET /api/merchant/stats). What counts as a sale is core's status model
// (CountsAsSale in core/orders/order.h), not a list kept here.
#pragma once

#include "server/store/database.h"

#include "core/orders/retail_statistics.h"

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

    // Where orders since `since` came from, by experience store and kiosk (both "" for shoppers'
    // own devices): orders placed, and the goods and tax of those that count as sales.
    struct PlaceSales {
        std::string store, kiosk;
        int64_t orders = 0, goods_fen = 0, tax_fen = 0;
    };
    std::optional<std::vector<PlaceSales>> SalesByPlace(int64_t since, std::string* error);
    // Orders placed since `since` by China calendar day (days with orders, oldest first), and how
    // many of them came from experience stores.
    struct DayOrders {
        int64_t day = 0, orders = 0, at_stores = 0;
    };
    std::optional<std::vector<DayOrders>> OrdersByDay(int64_t since, std::string* error);

    // The newest orders, at most `limit`, of one experience store and one kiosk if given (a store
    // or kiosk "" for shoppers' own devices); every merchant's.
    struct OrderRow {
        std::string order_no, status, merchant, store, kiosk;
        int64_t placed_at = 0, goods_fen = 0, tax_fen = 0, amount_fen = 0;
    };
    std::optional<std::vector<OrderRow>> RecentOrders(const std::optional<std::string>& store, const std::optional<std::string>& kiosk,
                                                      int limit, std::string* error);

    // Every line of the orders placed from `since` to before `until` (unix seconds), as the
    // regulator's statistics read them (core/orders/retail_statistics.h): the product as sold
    // gives the HS code and origin; an order's trade mode is bonded import (1210).
    std::optional<std::vector<StatisticsLine>> StatisticsLines(int64_t since, int64_t until, std::string* error);
    // The regulator's figures of a period (core counts the lines above).
    std::optional<RetailStatistics> Statistics(const StatisticsPeriod& period, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
