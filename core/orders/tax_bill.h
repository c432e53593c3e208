// TaxBill: customs' electronic tax bill for one released list (CEB816 TaxHeadRd + TaxListRd;
// ../shared/customs/CLEARANCE.md §9), and its check against the tax the order was charged. Customs
// states its amounts as decimal(19,5); the store charged fen. A bill that disagrees in any of the
// three taxes, or in a line's dutiable price (taxPrice), is a difference the operator must see:
// the shopper paid the store's quote, and the platform (as withholding party) pays customs' bill.
#pragma once

#include "core/base/decimal.h"
#include "core/base/money.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct TaxBill {
    std::string tax_no, invt_no;
    std::string order_no;       // not in the schema; integrators' bills carry it (matched by invtNo otherwise)
    int status = 1;             // 1 generated, 2 consolidated (entDutyNo), 3 void (after a return or withdrawal)
    std::string return_time;    // YYYYMMDDhhmmssSSS
    std::string ent_duty_no;    // the payment letter it was consolidated into (status 2)
    Decimal customs_tax, vat, consumption_tax;
    struct Line {
        int64_t gnum = 0;
        std::string gcode;
        Decimal tax_price, customs_tax, vat, consumption_tax;
    };
    std::vector<Line> lines;
};

// What the store charged, from the order's TaxQuote as stored (ParseChargedTaxJson).
struct ChargedTax {
    Money tariff, vat, consumption_tax;
    struct Line {
        Money dutiable, tariff, vat, consumption_tax;
    };
    std::vector<Line> lines;
    Money total() const { return tariff + vat + consumption_tax; }
};

struct TaxBillCheck {
    Money charged;                   // the order's tax
    Decimal billed;                  // customsTax + valueAddedTax + consumptionTax (0 for a void bill)
    std::vector<std::string> differences; // "customs_tax", "value_added_tax", "consumption_tax",
                                          // "line 2 tax_price", "lines" (count); empty: it agrees
    bool agrees() const { return differences.empty(); }
};

// A bill of status 1 or 2 must state exactly what was charged (amounts compared exactly: 27.12000
// is 27.12 fen-for-fen, 27.12001 is not), line by line (gnum = the list's line); a void bill (3)
// must belong to an order whose tax was given back (`given_back`: returned or withdrawn), and a live
// one to an order that still owes it.
TaxBillCheck CheckTaxBill(const ChargedTax& charged, const TaxBill& bill, bool given_back);

// The list line a difference names ("line 2 tax_price" → 2), or 0 when it names none.
int64_t TaxBillDifferenceLine(std::string_view difference);

// Exact fen of a decimal amount (nothing if it has more than two decimals' worth of precision).
bool ExactFen(Decimal amount, int64_t* fen);

} // namespace bondstore
