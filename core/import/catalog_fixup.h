// CatalogFixup: a plain Shopify export (no customs columns, often no SKUs) given back to the
// merchant with what customs needs added as suggestions to review — the same file, same dialect,
// same rows in the same order, every cell it had unchanged, and these columns after its own:
//
//   HS code (product.metafields.customs.hs_code)            the usual code of the suggested heading
//   Origin country (product.metafields.customs.origin_country)
//   Customs unit (product.metafields.customs.unit)          "piece" unless the merchant says otherwise
//   Legal quantity (variant.metafields.customs.legal_qty)   "800 g" from the title or options
//   Chinese title (variant.metafields.customs.title_zh)     empty: the goods' name customs reads, the merchant's
//   Customs review (variant.metafields.customs.review)      the fields still to check: "hs_code origin_country …"
//
// An empty Variant SKU gets one made from the handle and the option values (and "sku" to review).
// Rows that carry only a product's pictures stay as they were. The importer refuses a row whose
// review column is not empty, naming the fields; the merchant checks them, empties the column, and
// the file imports. The merchant screen shows the same suggestions as a table.
#pragma once

#include "core/base/problem.h"
#include "core/import/customs_suggestion.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct FixupSuggestion {
    int64_t row = 0;                 // the variant's row in the file (header = 1)
    std::string handle, title, sku;
    bool sku_suggested = false;
    std::string hs_code, hs_heading, hs_keyword; // hs_code "" when no heading was found
    std::string origin;                          // ISO 3166 alpha-2; "" when none was found
    std::string unit;                            // customs unit symbol
    std::string legal_qty;                       // "800 g"; "" when none was found
    std::string title_zh;                        // the merchant's (never suggested)
    std::vector<std::string> review;             // "sku", "hs_code", "origin_country", "unit", "legal_qty", "title_zh"
};

struct CatalogFixup {
    std::string file;                      // the fix-up file ("" when `problem` is set)
    char delimiter = ',';                  // ',' (Shopify CSV), '\t' (Google TSV), 0 (Google XML)
    std::string original;                  // Google XML: the feed as given (the review is written into it again)
    std::vector<size_t> item_ends;         // Google XML: where each row's item closes in `original`
    int sku_column = -1;                   // where the SKU (Shopify) or id (Google) is
    std::vector<FixupSuggestion> rows;     // one per variant, in file order
    Problem problem;                       // the file is not a Shopify CSV that can be read
    bool ok() const { return problem.code.empty(); }
};

// The fix-up file's name beside the merchant's: "products_export.csv" → "products_export-fixup.csv",
// "feed.tsv" → "feed-fixup.tsv".
std::string FixupFileName(std::string_view original);

// Its media type: CSV, tab-separated values or XML, as the merchant's file was.
std::string_view FixupMediaType(const CatalogFixup& fixup);

// The fix-up file with the merchant's review applied: each row of `reviewed` (matched by its row)
// writes its SKU, HS code, origin, unit, legal quantity, Chinese title and what is still to review
// into that row; every other cell stays. `fixup` is what FixUpShopifyCsv made.
std::string ReviewedFixupFile(const CatalogFixup& fixup, const std::vector<FixupSuggestion>& reviewed);

// `hs` suggests headings (with the usual 10-digit code of each), `origin` countries.
CatalogFixup FixUpShopifyCsv(std::string_view bytes, const HsSuggester& hs, const OriginSuggester& origin);
// The same for a Google Merchant TSV feed: the columns added are its custom attributes
// (customs_hs_code, customs_origin_country, customs_unit, customs_legal_qty, title_zh,
// customs_review); an item's id is its SKU.
CatalogFixup FixUpGoogleTsv(std::string_view bytes, const HsSuggester& hs, const OriginSuggester& origin);
// And for a Google RSS/Atom XML feed: the same attributes written as elements at the end of each
// item (g: when the feed declares Google's namespace), the feed otherwise byte for byte; a row is
// an item, numbered from 1 in the feed's order (a feed may be one line).
CatalogFixup FixUpGoogleXml(std::string_view bytes, const HsSuggester& hs, const OriginSuggester& origin);

} // namespace bondstore
