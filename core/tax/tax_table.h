// TaxTable: the rates and limits of China's cross-border retail import tax, as data, every one of
// them effective-dated (assets/tax/tax-table.json; SPEC.md §1–2, CONVENTIONS.md §7).
//
// - limit regimes: 2016-04-08 (¥2,000 per order / ¥20,000 a year; over the limits: general trade)
//   and 2019-01-01 (¥5,000 / ¥26,000; a single item over the order limit: full tax);
// - VAT rates by class (standard 17→16→13, low 13→11→10→9);
// - per HS heading (4–10 digits, longest prefix wins): VAT class, consumption-tax rule, MFN tariff
//   rate, positive-list membership — in dated periods.
// Parsing lives in wire.h (ParseTaxTableJson); callers load the bytes.
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/decimal.h"
#include "core/base/localized_text.h"
#include "core/base/money.h"

#include <optional>
#include <string>
#include <vector>

namespace bondstore {

enum class VatClass { Standard, Low };

enum class ConsumptionTaxKind {
    None,
    AdValorem,          // rate × composite price
    Specific,           // fen per unit of quantity (per litre…)
    Compound,           // both
    CosmeticsThreshold, // rate, only for "high-end" goods: dutiable ≥ ¥10 per ml/g or ≥ ¥15 per piece
    WatchThreshold,     // rate, only for watches with a dutiable price ≥ ¥10,000 each
    SpecificTiered,     // beer: the high specific rate at or above a price per unit, else the low one
};

struct ConsumptionTaxRule {
    ConsumptionTaxKind kind = ConsumptionTaxKind::None;
    Decimal rate;                  // ad-valorem part (0.15)
    Decimal fen_per_unit;          // specific part, fen per `unit` ("91.2" = ¥0.912/L); tiered: the high rate
    Decimal low_fen_per_unit;      // tiered: the low rate
    std::string unit;              // unit of the specific part: "L", "kg", "t"
    Money threshold_per_ml_g;      // cosmetics (1000 fen)
    Money threshold_per_piece;     // cosmetics (1500 fen)
    Money threshold_per_item;      // watches (1,000,000 fen)
    Decimal threshold_fen_per_unit; // tiered: price per `unit` (fen, exact: beer's is 264.295885) at which the high rate applies
};

struct HeadingPeriod {
    CalendarDate from;             // first day in force
    std::optional<CalendarDate> to; // last day in force (inclusive); open-ended when absent
    VatClass vat = VatClass::Standard;
    ConsumptionTaxRule ct;
    Decimal tariff;                // MFN rate for the full-tax path
    bool positive_list = false;    // on the cross-border retail import positive list
    std::string source;            // where the numbers come from (SPEC keys, VECTORS, or "[C] …")
};

struct TaxHeading {
    std::string hs;                // 4–10 digits
    LocalizedText name;
    std::vector<HeadingPeriod> periods;
};

struct DatedRate {
    CalendarDate from;
    Decimal rate;
};

enum class OverLimit {
    GeneralTrade,      // 2016 regime: an order over a limit is taxed in full as general trade
    SingleItemFullTax, // 2019 regime: only a single item may exceed the order limit, taxed in full
};

struct LimitRegime {
    CalendarDate from;
    Money single_limit;            // per order (inclusive: exactly the limit is within)
    Money annual_limit;            // per buyer and calendar year (inclusive)
    OverLimit over_limit = OverLimit::SingleItemFullTax;
};

struct TaxTable {
    std::vector<LimitRegime> regimes;  // ascending by `from`
    Decimal cbec_factor;               // 0.7: within the limits, CT and VAT at 70%
    std::vector<DatedRate> vat_standard, vat_low; // ascending by `from`
    std::vector<TaxHeading> headings;

    const LimitRegime* RegimeOn(CalendarDate date) const;          // null before the first regime
    std::optional<Decimal> VatRateOn(VatClass cls, CalendarDate date) const;
    const TaxHeading* FindHeading(std::string_view hs_code) const; // longest matching prefix
    static const HeadingPeriod* PeriodOn(const TaxHeading& heading, CalendarDate date);
};

// The first day after `today` on which an order of goods under `hs_codes` could be taxed or
// counted differently: the next 1 January (the annual quota's year), or an earlier day on which a
// limit regime, a VAT rate or a period of one of those headings begins or ends. An order is
// quoted, paid and declared before it (orders.md, "One date").
CalendarDate NextTaxChange(const TaxTable& table, CalendarDate today, const std::vector<std::string>& hs_codes);

} // namespace bondstore
