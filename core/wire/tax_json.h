// The tax table, quote requests and tax quotes as JSON (docs/tax.md).
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"
#include "core/orders/tax_bill.h"
#include "core/tax/tax.h"
#include "core/tax/tax_table.h"

#include <string>
#include <string_view>

namespace bondstore {

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
// The taxes an order was charged, read back from its stored TaxQuoteToJson (the three taxes, and
// each line's dutiable price and taxes); nothing if the text is not one.
std::optional<ChargedTax> ParseChargedTaxJson(std::string_view json);

// A quote request with catalog lines, as the web app sends it to the server.
std::string QuoteRequestToJson(const QuoteRequest& request, QuoteLineForm form);

} // namespace bondstore
