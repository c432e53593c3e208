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

#include "calendar_date.h"
#include "csv.h"
#include "problem.h"
#include "product.h"
#include "tax_table.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

enum class CatalogFormat { Unknown, NativeJson, ShopifyCsv, GoogleTsv, GoogleXml };

const char* FormatName(CatalogFormat format);          // "json", "shopify", "google-tsv", "google-xml"
CatalogFormat ParseFormatName(std::string_view name);  // Unknown if not one of those

// Guesses the format from the first bytes of the file (and its name, when known).
CatalogFormat DetectCatalogFormat(std::string_view head, std::string_view filename = {});

struct ImportOptions {
    std::string merchant;               // stamped on every product
    std::string source_locale = "en";   // the language of a title that carries none (Shopify, Google)
    uint64_t max_file_bytes = 64ull << 20;
    CsvLimits csv;
    // When set, each product's HS code must be on the positive list on `date`.
    const TaxTable* tax_table = nullptr;
    CalendarDate date;
};

struct ImportedProduct {
    Product product;
    int64_t row = -1;   // CSV: the spreadsheet row of the variant; XML: the line of its <item>
    int64_t index = -1; // JSON / XML: the item's position
};

struct CatalogImport {
    CatalogFormat format = CatalogFormat::Unknown;
    std::string dialect;                   // Shopify: "legacy" or "2024"
    std::vector<ImportedProduct> products; // every product without an error, in file order
    std::vector<Problem> problems;         // errors and warnings, in file order
    int64_t rows = 0;                      // data rows (CSV) or items (JSON, XML) read
    int64_t rejected = 0;                  // products left out because of an error
    bool fatal = false;                    // the file as a whole is unusable: nothing imported
    bool ok() const { return !HasErrors(problems); }
};

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

} // namespace bondstore
