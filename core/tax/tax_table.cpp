#include "core/tax/tax_table.h"

namespace bondstore {

const LimitRegime* TaxTable::RegimeOn(CalendarDate date) const
{
    const LimitRegime* found = nullptr;
    for (const LimitRegime& r : regimes)
        if (r.from <= date) found = &r;
    return found;
}

std::optional<Decimal> TaxTable::VatRateOn(VatClass cls, CalendarDate date) const
{
    const std::vector<DatedRate>& rates = cls == VatClass::Standard ? vat_standard : vat_low;
    std::optional<Decimal> found;
    for (const DatedRate& r : rates)
        if (r.from <= date) found = r.rate;
    return found;
}

const TaxHeading* TaxTable::FindHeading(std::string_view hs_code) const
{
    const TaxHeading* best = nullptr;
    for (const TaxHeading& h : headings)
        if (hs_code.substr(0, h.hs.size()) == h.hs && (!best || h.hs.size() > best->hs.size())) best = &h;
    return best;
}

const HeadingPeriod* TaxTable::PeriodOn(const TaxHeading& heading, CalendarDate date)
{
    for (const HeadingPeriod& p : heading.periods)
        if (p.from <= date && (!p.to || date <= *p.to)) return &p;
    return nullptr;
}

CalendarDate NextTaxChange(const TaxTable& table, CalendarDate today, const std::vector<std::string>& hs_codes)
{
    CalendarDate next{today.year + 1, 1, 1};
    auto consider = [&](CalendarDate d) {
        if (today < d && d < next) next = d;
    };
    for (const LimitRegime& r : table.regimes) consider(r.from);
    for (const DatedRate& r : table.vat_standard) consider(r.from);
    for (const DatedRate& r : table.vat_low) consider(r.from);
    for (const std::string& hs : hs_codes)
        if (const TaxHeading* h = table.FindHeading(hs))
            for (const HeadingPeriod& p : h->periods) {
                consider(p.from);
                if (p.to) consider(FromDaysSinceEpoch(DaysSinceEpoch(*p.to) + 1));
            }
    return next;
}

} // namespace bondstore
