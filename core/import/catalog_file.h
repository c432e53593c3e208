// CatalogFile: what a merchant's catalog file is to the importers — its formats, the options it is
// read with, and what reading it yields (products and a row-level report). The importer itself is
// catalog_import.h; the formats share import_common.h.
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/problem.h"
#include "core/catalog/product.h"
#include "core/formats/csv.h"
#include "core/tax/tax_table.h"

#include <cstdint>
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

} // namespace bondstore
