// BondedStock: how many of each SKU sit in each bonded warehouse.
//
// Goods in a bonded warehouse are already in the country but not yet cleared; they ship only after
// customs releases the order's inventory list. The shopper sees availability; the server reserves
// stock when it takes an order.
#pragma once

#include "core/base/localized_text.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bondstore {

struct Warehouse {
    std::string code;      // e.g. "CQ-LJ" (Chongqing Lianglu bonded port)
    LocalizedText name;
};

struct StockLevel {
    std::string sku;
    std::string warehouse; // Warehouse::code
    int64_t on_hand = 0;
    int64_t reserved = 0;

    int64_t available() const { return on_hand - reserved; }
};

// What a shopper may know about a SKU's stock: how many can still be ordered, and where.
struct SkuAvailability {
    std::string sku;
    int64_t available = 0; // Σ (on_hand − reserved) over the warehouses
    std::vector<std::pair<std::string, int64_t>> warehouses; // code → available there
};

// "in_stock", "low" (kLowStock or fewer left) or "out".
constexpr int64_t kLowStock = 5;
const char* AvailabilityLevel(int64_t available);

} // namespace bondstore

#include "core/base/problem.h"

#include <string_view>

namespace bondstore {

struct StockImport {
    std::vector<StockLevel> levels;
    std::vector<int64_t> rows;       // the spreadsheet row of each level
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};

// A stock file: CSV with the header "sku,warehouse,on_hand" (in any column order; other columns
// are ignored) and one row per SKU and warehouse. Problems name the row and column:
// "stock.missing_column", "stock.on_hand_not_a_count" (not a whole number ≥ 0), "stock.sku_missing",
// "stock.warehouse_missing", "stock.duplicate_row", and the CSV reader's own.
StockImport ImportStockCsv(std::string_view bytes);

} // namespace bondstore
