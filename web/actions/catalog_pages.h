// CatalogPages: a catalog too large to send whole (GET /api/catalog/page, issue 19) as this
// browser gets it — the rows its lists show, asked for as the shopper searches and scrolls and
// searched by the server with the same core search; the full product when its page opens; and, on
// a kiosk, the whole catalog kept in IndexedDB for when the server cannot be reached. A small
// catalog arrives whole in the same first answer and is searched here (shopping.h).
#pragma once

#include "core/search/search.h"
#include "core/wire/catalog_json.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bondstore::web {

struct App;

// The answer to GET /api/catalog/page asked with nothing (`kept`: the copy kept offline): a whole
// catalog, or a large catalog's first rows, availability and filter counts.
void TakeCatalogStart(App& app, CatalogPage page, bool kept);

// What identifies a query's answer from the server (the locale only where it orders the rows).
std::string PagedQueryKey(const SearchQuery& q);
// A paged catalog: asks the server for the rows of `q` the browse screen lacks — its first page,
// or the next rows up to browse.limit — unless they are already asked for. The answer replaces or
// extends browse.result.
void AskForBrowseRows(App& app, const SearchQuery& q);

// A paged catalog: the full product (description, every picture) for its page, once; then
// `then`, if the product is known (also at once when there is nothing to fetch).
void AskForProduct(App& app, const std::string& sku, std::function<void()> then = {});

// A paged catalog: the availability of `skus` (at most 500: a cart's), merged into the inventory.
void AskForAvailability(App& app, const std::vector<std::string>& skus);

// A paged catalog on a kiosk, after its first frame: the whole catalog kept for offline use.
void KeepWholeCatalog(App& app);

// The server could not be reached: search what is here — the kiosk's kept whole catalog, once read
// back, else the products loaded so far. Asking the server again once it answers anything.
void SearchOffline(App& app);

// Glyphs for the text of catalog.products[first, end): titles, descriptions, brands, origin
// countries' names.
void AddProductGlyphs(App& app, size_t first, size_t end = SIZE_MAX);

} // namespace bondstore::web
