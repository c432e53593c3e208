// BondedStock: how many of each SKU sit in each bonded warehouse.
//
// Goods in a bonded warehouse are already in the country but not yet cleared; they ship only after
// customs releases the order's inventory list. The shopper sees availability; the server reserves
// stock when it takes an order.
#pragma once

#include "product.h"

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

} // namespace bondstore
