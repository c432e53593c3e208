// Cart: what a shopper means to buy — SKUs and quantities — and how it becomes the lines of a tax
// quote, from the catalog (price, HS code, legal quantities). The browser and the server build
// quote lines with these same functions, so they cannot disagree about an item.
#pragma once

#include "core/base/problem.h"
#include "core/catalog/catalog.h"
#include "core/tax/tax.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bondstore {

struct CartLine {
    std::string sku;
    int64_t qty = 0;
};

struct Cart {
    std::vector<CartLine> lines; // in the order they were added

    void Add(const std::string& sku, int64_t qty = 1);  // adds to an existing line
    void SetQty(const std::string& sku, int64_t qty);   // 0 or less removes the line
    void Remove(const std::string& sku);
    int64_t QtyOf(const std::string& sku) const;
    int64_t ItemCount() const;
    bool empty() const { return lines.empty(); }
};

// The quote line for `qty` of `product` (its listed price, HS code and legal quantities).
QuoteLine QuoteLineFor(const Product& product, int64_t qty);

// Quote lines for cart lines from the catalog. Unknown SKUs and quantities ≤ 0 become problems
// ("cart.unknown_sku", "cart.qty_not_positive"; section "lines", index = the line).
std::vector<Problem> FillQuoteLines(const Catalog& catalog, const std::vector<CartLine>& cart,
                                    std::vector<QuoteLine>* out);

} // namespace bondstore
