// Internal to the catalog importers (catalog_import.cpp, import_shopify.cpp, import_google.cpp):
// the sink that validates and collects products, and the field parsers the formats share.
#pragma once

#include "core/import/catalog_file.h"

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bondstore::import {

// The file's column (or element) name for each product field, so a problem found by the catalog
// rules ("hs_code") is reported against the column the merchant sees.
using FieldColumns = std::map<std::string, std::string, std::less<>>;

// At most this many problems are listed; the rest are counted in one final problem.
constexpr size_t kMaxReportedProblems = 1000;

struct Sink {
    const ImportOptions& options;
    CatalogImport& out;
    std::unordered_map<std::string, int64_t> seen_sku; // sku -> row (or index) of its first use
    int64_t suppressed = 0;

    Sink(const ImportOptions& o, CatalogImport& c) : options(o), out(c) {}

    void Report(Problem p);
    void Report(const char* code, int64_t row, int64_t index, std::string column, std::string value = {},
                std::string sku = {}, Severity severity = Severity::Error);
    // A fatal problem with the file itself: nothing is imported.
    void Fatal(const char* code, int64_t row, std::string column = {}, std::string value = {});

    // Runs the catalog rules (and the positive list, when a tax table is given) on `p`, reports
    // each problem at `row`/`index` against `columns`, and keeps `p` if nothing is wrong.
    // `reported` holds the columns the format's own parsing already found wrong for this product
    // (a price that is not a number): the rules do not report them a second time.
    void Accept(Product p, int64_t row, int64_t index, const FieldColumns& columns, const std::vector<std::string>& reported);

    // Closes the report (the "and N more" problem).
    void Close();
};

// The format readers behind CatalogImporter.
class FormatReader {
public:
    virtual ~FormatReader() = default;
    virtual void Feed(std::string_view chunk) = 0;
    virtual void Finish() = 0;
    virtual int64_t rows() const = 0;
};

// A format that is CSV underneath (Shopify's, Google's TSV): runs the reader, turns its defect into
// a fatal problem naming the column as the file's header does, and hands over each record.
class CsvFormatReader : public FormatReader {
public:
    CsvFormatReader(Sink& sink, char delimiter) : sink_(sink), csv_(delimiter, sink.options.csv) {}
    void Feed(std::string_view chunk) override;
    void Finish() override;

protected:
    virtual bool OnRecord(const CsvRecord& record) = 0; // false stops the reading
    virtual void OnFinish() {}                          // the file is complete and readable
    Sink& sink_;
    std::vector<std::string> header_;                   // the first record, as written

private:
    void CheckCsv();
    CsvReader csv_;
    bool stopped_ = false;
};

std::unique_ptr<FormatReader> MakeShopifyReader(Sink& sink);
std::unique_ptr<FormatReader> MakeGoogleTsvReader(Sink& sink);
std::unique_ptr<FormatReader> MakeGoogleXmlReader(Sink& sink);
std::unique_ptr<FormatReader> MakeJsonReader(Sink& sink);

// --- Shopify's columns ------------------------------------------------------------------------

// The fields the Shopify importer and the fix-up file read, and the header names Shopify has used
// for them (legacy "Variant SKU" and 2024+ "SKU", …).
enum Col {
    kHandle, kTitle, kBody, kVendor, kType, kProductCategory, kTags, kStatus, kSku, kPrice, kCompareAt,
    kBarcode, kGrams, kImage, kVariantImage, kOpt1Name, kOpt1Value, kOpt2Name, kOpt2Value, kOpt3Name,
    kOpt3Value, kColumnCount
};
using ShopifyColumns = std::array<int, kColumnCount>; // the header's index of each, -1 if absent
ShopifyColumns FindShopifyColumns(const std::vector<std::string>& header);

// --- field parsers ---------------------------------------------------------------------------

std::string Trim(std::string_view s);
std::vector<std::string> SplitList(std::string_view s, char separator); // trimmed, empty parts dropped

// "50 ml", "0.7L", "10 sheets", "800g" → 50/"ml", 0.7/"L", 10/"sheet", 800/"g". False if the
// number or the unit is not understood (the unit must be a legal-quantity unit, customs_codes.h).
bool ParseQuantityText(std::string_view text, Decimal* qty, std::string* unit);

// "JP", "jp", "116" → customs "116" + ISO "JP". False if unknown.
bool ResolveCountry(std::string_view text, std::string* customs, std::string* iso);

// A customs unit given as a code ("122") or a symbol ("can") → the code. False if unknown.
bool ResolveUnitCode(std::string_view text, std::string* code);

// "298", "298.00", "¥298.00", "1,234.50", "15.00 CNY" → fen and the currency code ("" if none).
MoneyParse ParseAmountWithCurrency(std::string_view text, std::string* currency);

// Barcodes as spreadsheets mangle them: a leading apostrophe (Excel's text marker) and spaces are
// removed; scientific notation ("4.00898E+12") cannot be repaired and is flagged.
std::string CleanBarcode(std::string_view text, bool* scientific);

// Removes HTML tags and decodes the common entities: a product description as plain text.
std::string PlainText(std::string_view html);

// "Aptamil Pro 3" → "aptamil-pro-3" (ASCII letters and digits kept; other runs become '-').
std::string Slugify(std::string_view text);

// Whole grams from a decimal ("950", "950.0", "0.95 kg" is not accepted here). False if not a number.
bool ParseGrams(std::string_view text, int64_t* grams);

} // namespace bondstore::import
