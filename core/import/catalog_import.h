// CatalogImport: merchants' catalog files in, products and a row-level report out.
//
// Formats: Bondstore's native JSON (the schema GET /api/catalog serves), Shopify's product CSV in
// both header dialects (legacy "Handle, Title, Body (HTML), … Variant SKU, Variant Price, …" and
// 2024+ "Title, URL handle, Description, … SKU, Price, …"), and Google Merchant Center feeds (TSV
// and RSS 2.0 XML). Customs fields come from Shopify metafield columns and Google custom
// attributes; docs/catalog-import.md names them.
//
// Pure: bytes in (in chunks, so a CLI can count rows while it uploads), products and Problems out.
// A CSV file is read record by record, so 100,000 rows never sit in memory twice. Every problem
// names the row as a spreadsheet shows it (header = 1) or the item's index, the column, a stable
// code and a severity; a product with an error is reported and left out of `products`.
#pragma once

#include "core/catalog/product.h"
#include "core/import/catalog_file.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// Streaming import: Feed() the file in pieces, then Finish(). rows() grows as CSV records arrive.
class CatalogImporter {
public:
    CatalogImporter(CatalogFormat format, ImportOptions options);
    ~CatalogImporter();
    void Feed(std::string_view chunk);
    CatalogImport Finish();
    int64_t rows() const;
    uint64_t bytes() const { return bytes_; }

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
    uint64_t bytes_ = 0;
};

// The whole file at once.
CatalogImport ImportCatalog(std::string_view bytes, CatalogFormat format, const ImportOptions& options);

// The merchant's products as a Shopify (legacy dialect) CSV with Bondstore's customs metafield
// columns, which imports back unchanged (docs/catalog-import.md).
std::string ProductsToShopifyCsv(const std::vector<Product>& products);

} // namespace bondstore
