#include "core/orders/fulfilment.h"

#include <algorithm>
#include <map>

namespace bondstore {

Fulfilment ChooseWarehouse(const std::vector<OrderLineRequest>& lines, const std::vector<SkuAvailability>& stock)
{
    std::map<std::string, std::map<std::string, int64_t>> available; // warehouse → sku → units
    for (const SkuAvailability& a : stock)
        for (const auto& [warehouse, units] : a.warehouses) available[warehouse][a.sku] += units;
    auto units = [&](const std::string& warehouse, const std::string& sku) {
        auto w = available.find(warehouse);
        if (w == available.end()) return int64_t(0);
        auto s = w->second.find(sku);
        return s == w->second.end() ? int64_t(0) : s->second;
    };
    Fulfilment f;
    for (const auto& [warehouse, skus] : available) {
        bool all = !lines.empty();
        for (const OrderLineRequest& l : lines) all = all && units(warehouse, l.sku) >= l.qty;
        if (all) { f.warehouse = warehouse; return f; }
    }
    for (const OrderLineRequest& l : lines) {
        int64_t best = 0;
        for (const auto& [warehouse, skus] : available) best = std::max(best, units(warehouse, l.sku));
        if (best < l.qty) f.short_skus.push_back(l.sku);
    }
    if (f.short_skus.empty()) {
        f.split = true;
        for (const OrderLineRequest& l : lines) f.short_skus.push_back(l.sku);
    }
    return f;
}

int64_t OrderableQty(const SkuAvailability& a)
{
    int64_t best = 0;
    for (const auto& [warehouse, units] : a.warehouses) best = std::max(best, units);
    return best;
}

} // namespace bondstore
