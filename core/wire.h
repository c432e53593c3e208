// Wire format: the one place that turns core structs into JSON and back.
//
// The server answers with these bytes and the web app parses them with the same functions, so the
// two cannot disagree about a field. Parsing never throws: every defect in the input becomes a
// Problem naming where it is (section, index, field) and what is wrong.
#pragma once

#include "catalog.h"
#include "order.h"
#include "problem.h"
#include "tax.h"
#include "tax_table.h"

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

// {"zh-Hans": "…", "en": "…"}
std::string LocalizedTextToJson(const LocalizedText& text);

// A JSON string literal with quotes and escapes.
std::string JsonQuote(std::string_view text);

// A list of problems as a JSON array; `messages` may be null (then no "message" field).
class Messages;
std::string ProblemsToJson(const std::vector<Problem>& problems, const Messages* messages);

// --- import reports (wire_catalog.cpp) --------------------------------------------------------

// What a catalog or stock upload did (or, in a dry run, would do), with every problem found.
struct ImportReport {
    std::string kind = "catalog";   // "catalog" or "stock"
    std::string format, dialect;
    bool dry_run = false;
    bool partial = false;           // the merchant asked for the valid rows even if others fail
    bool applied = false;           // the store was changed
    int64_t rows = 0, valid = 0, rejected = 0;
    int64_t created = 0, updated = 0, unchanged = 0;
    int64_t catalog_version = 0;
    std::vector<Problem> problems;
};

std::string ImportReportToJson(const ImportReport& report, const Messages* messages);
// For clients (bondstore-admin import): false if `json` is not a report.
bool ParseImportReportJson(std::string_view json, ImportReport* report, std::vector<std::string>* messages);

// The merchant's products as a Shopify (legacy dialect) CSV with Bondstore's customs metafield
// columns, which imports back unchanged (docs/catalog-import.md).
std::string ProductsToShopifyCsv(const std::vector<Product>& products);

// {"total":N,"hits":[product, …],"facets":{"category":{value:count},"origin":{…},"price_band":[…]}}
struct SearchResult;
std::string SearchResultToJson(const SearchResult& result, const std::vector<Product>& products);

// --- tax (wire_tax.cpp) --------------------------------------------------------------------

struct TaxTableParse {
    TaxTable table;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};

// Parses and checks a tax table (assets/tax/tax-table.json; format in docs/tax.md): dates real and
// in order, periods not overlapping, rates in [0, 1), known consumption-tax kinds.
TaxTableParse ParseTaxTableJson(std::string_view json);

// Which form the lines of a quote request take.
enum class QuoteLineForm {
    Inline,      // price_fen, qty, hs_code, legal_qty, … (bondstore-admin quote, audits)
    CatalogSku,  // {"sku", "qty"}: the server and the web app fill the rest from the catalog
};

struct QuoteRequestParse {
    QuoteRequest request;
    std::vector<Problem> problems;
    bool has_date = false; // "date" given (the server otherwise uses today in China)
    bool ok() const { return !HasErrors(problems); }
};

// {"date":"YYYY-MM-DD", "annual_used_fen", "freight_fen", "insurance_fen", "lines":[…]}.
QuoteRequestParse ParseQuoteRequestJson(std::string_view json, QuoteLineForm form);

// The TaxQuote as JSON (docs/tax.md): regime, reason, amounts in fen, limits, per-line breakdown
// with the rates applied, and notes for the explanation.
std::string TaxQuoteToJson(const TaxQuote& quote);

// A quote request with catalog lines, as the web app sends it to the server.
std::string QuoteRequestToJson(const QuoteRequest& request, QuoteLineForm form);

// --- orders and inventory (wire_order.cpp) ----------------------------------------------------

struct OrderRequestParse {
    OrderRequest request;
    std::vector<Problem> problems; // JSON shape only; ValidateOrderRequest checks the content
    bool ok() const { return !HasErrors(problems); }
};
// {"lines":[{"sku","qty"}], "buyer":{"name","id_number","phone"},
//  "consignee":{"name","phone","address","district"}, "freight_fen", "expected_total_fen"}
OrderRequestParse ParseOrderRequestJson(std::string_view json);
std::string OrderRequestToJson(const OrderRequest& request);

// The receipt as JSON (docs/api.md); `quote_json` is inserted as it is.
std::string OrderReceiptToJson(const OrderReceipt& receipt);
struct OrderReceiptParse {
    OrderReceipt receipt;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};
OrderReceiptParse ParseOrderReceiptJson(std::string_view json);

// GET /api/inventory: {"items":[{"sku","available","level","warehouses":[{"code","available"}]}]}
std::string InventoryToJson(const std::vector<SkuAvailability>& items);
struct InventoryParse {
    std::vector<SkuAvailability> items;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};
InventoryParse ParseInventoryJson(std::string_view json);

} // namespace bondstore
