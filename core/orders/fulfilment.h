// Fulfilment: which bonded warehouse ships an order. Customs clears one inventory list (CEB621)
// per order, declared from one bonded area, so one warehouse must hold every line of it. The
// server applies this rule when it reserves stock (inside the order's transaction, against stock
// it has locked); the browser applies the same rule to the inventory it was sent, so a cart that
// cannot ship as one order says so before checkout instead of being refused there.
#pragma once

#include "core/catalog/bonded_stock.h"
#include "core/orders/order.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bondstore {

struct Fulfilment {
    std::string warehouse;               // the warehouse that ships the order ("" if none can)
    // When none can: the lines no single warehouse holds enough of; or, when each line is held
    // somewhere but no warehouse holds them all, every line (the order must be split).
    std::vector<std::string> short_skus;
    bool split = false;                  // each line is in stock somewhere, but not all in one place
    bool ok() const { return !warehouse.empty(); }
};

// The first warehouse (by code) holding `qty` of every line, from what each warehouse has
// available. `stock` in any order; SKUs missing from it have none.
Fulfilment ChooseWarehouse(const std::vector<OrderLineRequest>& lines, const std::vector<SkuAvailability>& stock);

// The most of one SKU a single order can take: what the best-stocked warehouse holds (not the
// total over warehouses — an order ships from one).
int64_t OrderableQty(const SkuAvailability& availability);

} // namespace bondstore
