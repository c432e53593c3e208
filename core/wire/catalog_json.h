// Catalog documents, products, their localized text and search results as JSON.
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"
#include "core/catalog/catalog.h"
#include "core/search/search.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CatalogParse {
    Catalog catalog;
    std::vector<Problem> problems; // JSON shape problems, then ValidateCatalog's
    bool ok() const { return !HasErrors(problems); }
};

// Parses a catalog document: {"version"?, "warehouses"?, "products": [...], "stock"?}.
// The schema is documented in docs/catalog-format.md. A syntax error yields one problem with code
// "json.syntax" and the byte offset as `value`.
CatalogParse ParseCatalogJson(std::string_view json);

// {"version":N,"products":[...]} — what GET /api/catalog serves. With `with_stock`, also the
// warehouses and stock sections (the full file format).
std::string CatalogToJson(const Catalog& catalog, bool with_stock = false);

// How much of a product: all of it (its page, the catalog file), or what a list of products
// draws, searches and prices (catalog_page_json.h): no description, tags, barcode, merchant or
// customs-only fields, and the first picture only — about a third of the bytes.
enum class ProductDetail { Full, Listing };

// One product as JSON (the element format of "products").
std::string ProductToJson(const Product& product, ProductDetail detail = ProductDetail::Full);

struct ProductParse {
    Product product;
    std::vector<Problem> problems; // JSON shape only (ValidateProduct checks the content)
    bool ok() const { return !HasErrors(problems); }
};
// One product as ProductToJson writes it (a stored product as it was sold).
ProductParse ParseProductJson(std::string_view json);

// {"zh-Hans": "…", "en": "…"}
std::string LocalizedTextToJson(const LocalizedText& text);
// Nothing unless an object of strings.
std::optional<LocalizedText> ParseLocalizedTextJson(std::string_view json);

// A page of the catalog as a list shows it: GET /api/catalog/page (docs/api.md). A small store's
// page is the whole catalog (`complete`: the client keeps it and searches it itself); a large
// store's is one page of a search (the catalog's order when nothing is asked), its products in
// listing form, their availability, and the counts the filters show — the first screen costs the
// same for 50,000 products as for 36.
struct CatalogPage {
    int64_t version = 0;
    bool complete = false;       // `products` is the whole catalog, in full
    int64_t product_count = 0;   // products in the catalog
    int64_t total = 0;           // products matching the query
    int64_t offset = 0;          // the position of products[0] among them
    std::vector<Warehouse> warehouses;
    std::vector<Product> products;
    std::vector<SkuAvailability> availability; // of `products` (not when complete)
    std::vector<FacetCount> categories, origins;
    int64_t price_bands[kPriceBandCount] = {};
};
// The whole catalog as a complete page.
std::string CompleteCatalogPageToJson(const Catalog& catalog);
// Hits [offset, end) of `result` (searched with a limit of at least their end).
std::string CatalogPageToJson(const Catalog& catalog, const SearchResult& result, size_t offset,
                              const std::vector<SkuAvailability>& availability);
struct CatalogPageParse {
    CatalogPage page;
    std::vector<Problem> problems; // shape only: the server checked the products when it took them
    bool ok() const { return !HasErrors(problems); }
};
CatalogPageParse ParseCatalogPageJson(std::string_view json);

// {"total":N,"hits":[product, …],"facets":{"category":{value:count},"origin":{…},"price_band":[…]}}
std::string SearchResultToJson(const SearchResult& result, const std::vector<Product>& products);

} // namespace bondstore
