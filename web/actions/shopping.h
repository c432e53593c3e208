// Shopping: the cart and its tax quote, and the browse screen's search — each recomputed by core
// only when what it depends on changed. (Inventory, checkout and the order: ordering.h.)
#pragma once

#include "core/cart/cart.h"
#include "core/orders/fulfilment.h"
#include "core/search/search.h"
#include "core/tax/tax.h"

#include <cstdint>
#include <optional>
#include <string>

namespace bondstore::web {

struct App;

// Cart changes; each marks the quote for recomputation.
void AddToCart(App& app, const std::string& sku, int64_t qty = 1);
void SetCartQty(App& app, const std::string& sku, int64_t qty);

// The cart's quote, from core, recomputed if needed (the same function the server runs).
const TaxQuote& CartQuote(App& app);

// What one unit of `sku` costs with its tax today (goods, freight and tax: what the shopper pays),
// by core's quote, as a card shows it; -1 if it cannot be bought on its own (over the single-order
// limit) or is not loaded. Quoted once per SKU, date and catalog version.
int64_t PriceWithTax(App& app, const std::string& sku);

// The picture a category's tile shows: its first product's (of those loaded) that has one; "" if none.
const std::string& CategoryPicture(App& app, const std::string& category);

// Shows the product's page (for a large catalog, asking for the full product).
void OpenProduct(App& app, const std::string& sku);

// Units of `sku` one order can take: what the best-stocked bonded warehouse holds (-1 before the
// inventory has arrived; for a large catalog, before this SKU's has). core/orders/fulfilment.h.
int64_t Available(const App& app, const std::string& sku);
// Whether one bonded warehouse holds the whole cart, by core's rule (the server applies the same
// at checkout); nothing before the inventory has arrived (the server decides then).
std::optional<Fulfilment> CartFulfilment(const App& app);

// The browse screen's results, from core's search, recomputed if the text or a filter changed —
// here for a catalog loaded whole, by the server for a large one (catalog_pages.h; until its answer
// arrives, the previous results).
const SearchResult& BrowseResults(App& app);

} // namespace bondstore::web
