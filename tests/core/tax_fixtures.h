// Helpers for the tax tests: the bundled tax table, quote lines, quotes on a date.
#pragma once

#include "core/tax/tax.h"
#include "core/wire/tax_json.h"
#include "tests/core/parity.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace bondstore::test {

inline const TaxTable& BundledTaxTable()
{
    static const TaxTable table = [] {
        TaxTableParse parsed = ParseTaxTableJson(EmbeddedTestAssetView("tax_table"));
        REQUIRE(parsed.ok());
        return parsed.table;
    }();
    return table;
}

inline Decimal D(const char* text)
{
    DecimalParse d = ParseDecimal(text);
    REQUIRE(d.ok());
    return d.value;
}

inline CalendarDate Day(const char* iso)
{
    CalendarDate d;
    REQUIRE(ParseIsoDate(iso, &d));
    return d;
}

inline QuoteLine Line(const char* hs, int64_t price_fen, int64_t qty = 1, const char* legal_qty = "1",
                      const char* legal_unit = "piece")
{
    QuoteLine l;
    l.hs_code = hs;
    l.price = Money{price_fen};
    l.qty = qty;
    l.legal_qty = D(legal_qty);
    l.legal_unit = legal_unit;
    return l;
}

inline TaxQuote QuoteOn(const char* date, std::vector<QuoteLine> lines, int64_t freight = 0, int64_t annual_used = 0,
                        int64_t insurance = 0)
{
    QuoteRequest r;
    r.date = Day(date);
    r.lines = std::move(lines);
    r.freight = Money{freight};
    r.annual_used = Money{annual_used};
    r.insurance = Money{insurance};
    return Quote(r, BundledTaxTable());
}

inline bool HasNote(const LineTax& line, const std::string& code, const std::string& arg = {}, const std::string& value = {})
{
    for (const TaxNote& n : line.notes) {
        if (n.code != code) continue;
        if (arg.empty()) return true;
        for (const auto& [k, v] : n.args)
            if (k == arg && v == value) return true;
    }
    return false;
}

} // namespace bondstore::test
