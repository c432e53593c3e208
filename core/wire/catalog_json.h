// Catalog documents, products, their localized text and search results as JSON.
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"
#include "core/catalog/catalog.h"

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

// One product as JSON (the element format of "products").
std::string ProductToJson(const Product& product);

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

// {"total":N,"hits":[product, …],"facets":{"category":{value:count},"origin":{…},"price_band":[…]}}
struct SearchResult;
std::string SearchResultToJson(const SearchResult& result, const std::vector<Product>& products);

} // namespace bondstore
