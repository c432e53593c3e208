// Tax: the cross-border retail import tax on an order — the one function that gives the tax a
// shopper sees, the server charges and customs is told (CEB311 taxTotal).
//
// Rules: SPEC.md §2 (within limits: tariff 0, CT and VAT at 70%; a single item over the order
// limit: full tariff, CT and VAT; otherwise rejected), with Bondstore's conventions where the
// rules are silent (CONVENTIONS.md; docs/tax.md lists every interpretation). Arithmetic is exact
// (rationals) until each line's tariff, CT and VAT are rounded half-up to the fen.
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/decimal.h"
#include "core/base/money.h"
#include "core/tax/tax_table.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bondstore {

struct QuoteLine {
    std::string sku;               // for display only
    Money price;                   // per item, the listed price (before non-cash deductions)
    int64_t qty = 0;
    std::string hs_code;           // 10 digits; looked up in the tax table
    Decimal legal_qty;             // per item (qty1), e.g. 50
    std::string legal_unit;        // "ml", "g", "L", "piece", …
    Decimal second_qty;            // per item (qty2), optional
    std::string second_unit;
    // Rates given here replace the table's for this line (audits, what-if); absent = table.
    std::optional<Decimal> vat_rate, ct_rate, ct_specific_fen_per_unit, ct_units_per_item, tariff_rate;
};

struct QuoteRequest {
    CalendarDate date;             // the declaration date the rules are taken from
    Money annual_used;             // the buyer's cross-border purchases so far this calendar year
    Money freight;
    Money insurance;
    std::vector<QuoteLine> lines;
};

enum class TaxRegime {
    WithinLimits,        // tariff 0, CT and VAT × 0.7; counts towards the annual quota
    SingleItemFullTax,   // 2019+: one item over the order limit; full tax; counts towards the year
    GeneralTradeFullTax, // before 2019: over a limit; taxed in full as general trade
    Rejected,            // not admissible; `reason` says why
};

// An explanation a screen can show: a message key ("tax.note.<code>") and its arguments, already
// written as plain text ("13%", "10.00", "ml").
struct TaxNote {
    std::string code;
    std::vector<std::pair<std::string, std::string>> args;
};

struct LineTax {
    int index = 0;
    std::string sku;
    int64_t qty = 0;
    Money goods;              // price × qty
    Money freight_share;      // allocated pro rata by goods value (CONVENTIONS §2)
    Money insurance_share;
    Money dutiable;           // goods + freight share + insurance share
    Money tariff;
    Money consumption_tax;
    Money vat;
    Money tax() const { return tariff + consumption_tax + vat; }

    // The rates applied (after the regime: within the limits the tariff is 0).
    Decimal tariff_rate, vat_rate, ct_rate, ct_specific_fen_per_unit;
    Decimal ct_units;         // total quantity the specific CT is charged on (e.g. litres)
    std::vector<TaxNote> notes;
};

struct TaxQuote {
    TaxRegime regime = TaxRegime::Rejected;
    std::string reason;       // when rejected: a stable code, e.g. "single_limit_exceeded"
    int reason_line = -1;     // the line the reason is about, if any
    CalendarDate date;

    Money goods, freight, insurance, dutiable; // dutiable = goods + freight + insurance
    Money tariff, consumption_tax, vat, tax_total;
    Money amount_to_pay;      // goods + freight + insurance + tax_total

    Money single_limit, annual_limit, annual_used;
    Money counts_towards_annual; // what this order adds to the buyer's annual total
    Decimal factor;              // 0.7 within the limits, 1 on the full-tax paths

    std::vector<LineTax> lines;
    std::vector<TaxNote> notes;

    bool accepted() const { return regime != TaxRegime::Rejected; }
};

// Orders are declared with at most 99 lines (CEB311 OrderList); quantities and amounts above these
// bounds are refused rather than computed.
constexpr size_t kMaxQuoteLines = 99;
constexpr int64_t kMaxLineQty = 100000;

TaxQuote Quote(const QuoteRequest& request, const TaxTable& table);

// Splits `total` over `weights` pro rata, to the fen, largest remainder first (ties: earlier
// first), so the parts sum exactly to `total` (CONVENTIONS.md §2).
std::vector<Money> AllocateProRata(Money total, const std::vector<Money>& weights);

const char* RegimeCode(TaxRegime regime); // "within_limits", "single_item_full_tax", …

// "0.13" → "13%", "0.175" → "17.5%".
std::string FormatPercent(Decimal rate);

} // namespace bondstore
