#include "core/tax/tax.h"

#include "core/base/exact.h"
#include "core/customs/customs_codes.h"

#include <algorithm>

namespace bondstore {

const char* RegimeCode(TaxRegime r)
{
    switch (r) {
    case TaxRegime::WithinLimits: return "within_limits";
    case TaxRegime::SingleItemFullTax: return "single_item_full_tax";
    case TaxRegime::GeneralTradeFullTax: return "general_trade_full_tax";
    case TaxRegime::Rejected: return "rejected";
    }
    return "rejected";
}

std::string FormatPercent(Decimal rate)
{
    // rate × 100 is the same digits with the scale reduced by two.
    Decimal pct = rate;
    if (pct.scale >= 2) {
        pct.scale -= 2;
    } else {
        pct.units *= Pow10(2 - pct.scale);
        pct.scale = 0;
    }
    return FormatDecimal(pct) + "%";
}

std::vector<Money> AllocateProRata(Money total, const std::vector<Money>& weights)
{
    std::vector<Money> parts(weights.size());
    Int128 sum = 0;
    for (Money w : weights) sum += w.fen;
    if (weights.empty() || sum <= 0 || total.fen == 0) return parts;
    struct Rest { Int128 remainder; size_t index; };
    std::vector<Rest> rests;
    int64_t given = 0;
    for (size_t i = 0; i < weights.size(); i++) {
        Int128 exact = Int128(total.fen) * weights[i].fen; // share = exact / sum
        parts[i].fen = int64_t(exact / sum);
        given += parts[i].fen;
        rests.push_back({exact % sum, i});
    }
    // Largest remainder first; ties go to the earlier line, so the result is deterministic.
    std::stable_sort(rests.begin(), rests.end(), [](const Rest& a, const Rest& b) { return a.remainder > b.remainder; });
    for (size_t k = 0; given < total.fen; k++, given++) parts[rests[k % rests.size()].index].fen += 1;
    return parts;
}

namespace {

struct UnitScale {
    const char* unit;
    char dimension; // 'v' volume, 'm' mass
    Decimal to_base; // in L or kg
};
const UnitScale kScales[] = {
    {"ml", 'v', {1, 3}}, {"L", 'v', {1, 0}}, {"g", 'm', {1, 3}}, {"kg", 'm', {1, 0}}, {"t", 'm', {1000, 0}},
};

const UnitScale* FindScale(std::string_view unit)
{
    for (const UnitScale& s : kScales)
        if (unit == s.unit) return &s;
    return nullptr;
}

// `qty` in `from` expressed in `to` (ml → L, g → kg, …); false if the units do not convert.
bool Convert(Decimal qty, std::string_view from, std::string_view to, Exact* out)
{
    const UnitScale* a = FindScale(from);
    const UnitScale* b = FindScale(to);
    if (!a || !b || a->dimension != b->dimension) return false;
    *out = Exact::FromDecimal(qty) * Exact::FromDecimal(a->to_base) / Exact::FromDecimal(b->to_base);
    return out->ok();
}

bool IsCountUnit(std::string_view unit)
{
    const CustomsUnit* u = FindUnitBySymbol(unit);
    return u && u->measure == CustomsUnit::Measure::Count;
}

std::string Yuan2(const Exact& fen) { return FormatYuan(Money{fen.RoundHalfUp()}); }

// A rate in fen per unit as exact yuan ("91.2" fen → "0.912"), for explanations.
std::string YuanExact(Decimal fen) { return FormatDecimal(Decimal{fen.units, fen.scale + 2}); }

TaxNote Note(std::string code, std::vector<std::pair<std::string, std::string>> args = {})
{
    return TaxNote{std::move(code), std::move(args)};
}

// What the consumption tax of one line is made of, once the rule and the line's quantities are
// known: CT_statutory = (base + Q·s) / (1 − c) · c + Q·s.
struct CtTerms {
    Decimal rate;          // c
    Decimal fen_per_unit;  // s
    Exact units;           // Q (total for the line, in the unit s is per)
    std::string error;     // a rejection reason when the rule cannot be applied
};

// The quantity per item, in `unit`, from the line's legal or second quantity.
bool UnitsPerItem(const QuoteLine& line, const std::string& unit, Exact* out)
{
    if (line.ct_units_per_item) { *out = Exact::FromDecimal(*line.ct_units_per_item); return true; }
    if (line.legal_qty.units > 0 && Convert(line.legal_qty, line.legal_unit, unit, out)) return true;
    if (line.second_qty.units > 0 && Convert(line.second_qty, line.second_unit, unit, out)) return true;
    return false;
}

CtTerms ResolveConsumptionTax(const QuoteLine& line, const ConsumptionTaxRule& rule, const Exact& dutiable, LineTax& out)
{
    CtTerms t;
    t.units = Exact::Integer(0);
    const Exact qty = Exact::Integer(line.qty);

    // Rates in the request replace the table's rule (and its thresholds) for this line.
    if (line.ct_rate || line.ct_specific_fen_per_unit) {
        if (line.ct_rate) t.rate = *line.ct_rate;
        if (line.ct_specific_fen_per_unit) {
            t.fen_per_unit = *line.ct_specific_fen_per_unit;
            Exact per_item;
            std::string unit = rule.unit.empty() ? "L" : rule.unit;
            if (!UnitsPerItem(line, unit, &per_item)) { t.error = "ct_quantity_missing"; return t; }
            t.units = per_item * qty;
        }
        out.notes.push_back(Note("ct_override"));
        return t;
    }

    switch (rule.kind) {
    case ConsumptionTaxKind::None:
        out.notes.push_back(Note("ct_none"));
        return t;
    case ConsumptionTaxKind::AdValorem:
        t.rate = rule.rate;
        out.notes.push_back(Note("ct_ad_valorem", {{"rate", FormatPercent(rule.rate)}}));
        return t;
    case ConsumptionTaxKind::Specific:
    case ConsumptionTaxKind::Compound: {
        Exact per_item;
        if (!UnitsPerItem(line, rule.unit, &per_item)) { t.error = "ct_quantity_missing"; return t; }
        t.units = per_item * qty;
        t.fen_per_unit = rule.fen_per_unit;
        if (rule.kind == ConsumptionTaxKind::Compound) t.rate = rule.rate;
        out.notes.push_back(Note(rule.kind == ConsumptionTaxKind::Compound ? "ct_compound" : "ct_specific",
                                 {{"rate", FormatPercent(rule.rate)},
                                  {"per_unit", YuanExact(rule.fen_per_unit)},
                                  {"unit", rule.unit},
                                  {"quantity", t.units.ToDecimalString(3)}}));
        return t;
    }
    case ConsumptionTaxKind::SpecificTiered: {
        Exact per_item;
        if (!UnitsPerItem(line, rule.unit, &per_item) || per_item.is_zero()) { t.error = "ct_quantity_missing"; return t; }
        t.units = per_item * qty;
        Exact per_unit_price = dutiable / t.units;
        // Compared exactly: the threshold is a rational number of fen, not rounded.
        bool high = per_unit_price >= Exact::FromDecimal(rule.threshold_fen_per_unit);
        t.fen_per_unit = high ? rule.fen_per_unit : rule.low_fen_per_unit;
        out.notes.push_back(Note(high ? "ct_tier_high" : "ct_tier_low",
                                 {{"price_per_unit", Yuan2(per_unit_price)},
                                  {"threshold", YuanExact(rule.threshold_fen_per_unit)},
                                  {"per_unit", YuanExact(t.fen_per_unit)},
                                  {"unit", rule.unit},
                                  {"quantity", t.units.ToDecimalString(3)}}));
        return t;
    }
    case ConsumptionTaxKind::CosmeticsThreshold: {
        // The test uses the dutiable price per piece when the goods are counted in pieces or sheets
        // (legal or second quantity), else per ml or g of the legal quantity (docs/tax.md).
        Exact units_per_item;
        std::string measure;
        Money threshold;
        if (IsCountUnit(line.legal_unit) && line.legal_qty.units > 0) {
            units_per_item = Exact::FromDecimal(line.legal_qty);
            measure = line.legal_unit;
            threshold = rule.threshold_per_piece;
        } else if (IsCountUnit(line.second_unit) && line.second_qty.units > 0) {
            units_per_item = Exact::FromDecimal(line.second_qty);
            measure = line.second_unit;
            threshold = rule.threshold_per_piece;
        } else if (line.legal_qty.units > 0 && (Convert(line.legal_qty, line.legal_unit, "ml", &units_per_item) ||
                                                Convert(line.legal_qty, line.legal_unit, "g", &units_per_item))) {
            const UnitScale* s = FindScale(line.legal_unit);
            measure = s && s->dimension == 'v' ? "ml" : "g";
            threshold = rule.threshold_per_ml_g;
        } else {
            t.error = "legal_quantity_required";
            return t;
        }
        Exact per_unit_price = dutiable / (units_per_item * qty);
        bool high_end = per_unit_price >= Exact::Fen(threshold);
        if (high_end) t.rate = rule.rate;
        out.notes.push_back(Note(high_end ? "cosmetics_high_end" : "cosmetics_ordinary",
                                 {{"price_per_unit", Yuan2(per_unit_price)},
                                  {"unit", measure},
                                  {"threshold", FormatYuan(threshold)},
                                  {"rate", FormatPercent(rule.rate)}}));
        return t;
    }
    case ConsumptionTaxKind::WatchThreshold: {
        Exact per_item = dutiable / qty;
        bool high_end = per_item >= Exact::Fen(rule.threshold_per_item);
        if (high_end) t.rate = rule.rate;
        out.notes.push_back(Note(high_end ? "watch_high_end" : "watch_ordinary",
                                 {{"price_per_item", Yuan2(per_item)},
                                  {"threshold", FormatYuan(rule.threshold_per_item)},
                                  {"rate", FormatPercent(rule.rate)}}));
        return t;
    }
    }
    return t;
}

bool IsTenDigits(std::string_view s)
{
    return s.size() == 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool RateInRange(const Decimal& d) { return d.units >= 0 && CompareDecimal(d, Decimal{1, 0}) < 0; }

} // namespace

TaxQuote Quote(const QuoteRequest& req, const TaxTable& table)
{
    TaxQuote q;
    q.date = req.date;
    q.annual_used = req.annual_used;
    q.freight = req.freight;
    q.insurance = req.insurance;
    q.factor = Decimal{1, 0};

    auto reject = [&](const char* reason, int line = -1) {
        q.regime = TaxRegime::Rejected;
        q.reason = reason;
        q.reason_line = line;
        q.tariff = q.consumption_tax = q.vat = q.tax_total = Money{};
        q.counts_towards_annual = Money{};
        q.amount_to_pay = q.dutiable;
        for (LineTax& l : q.lines) l.tariff = l.consumption_tax = l.vat = Money{};
        return q;
    };

    if (!req.date.valid()) return reject("date_invalid");
    const LimitRegime* regime = table.RegimeOn(req.date);
    if (!regime) return reject("date_before_regime");
    q.single_limit = regime->single_limit;
    q.annual_limit = regime->annual_limit;

    if (req.lines.empty()) return reject("no_lines");
    if (req.lines.size() > kMaxQuoteLines) return reject("too_many_lines");
    for (Money m : {req.freight, req.insurance, req.annual_used})
        if (m.fen < 0 || m.fen > kMaxFen) return reject("amount_out_of_range");

    // Goods per line, and the order's dutiable price.
    Int128 goods_total = 0;
    std::vector<Money> goods;
    for (size_t i = 0; i < req.lines.size(); i++) {
        const QuoteLine& l = req.lines[i];
        int li = int(i);
        if (l.qty <= 0) return reject("qty_not_positive", li);
        if (l.qty > kMaxLineQty) return reject("qty_too_large", li);
        if (l.price.fen <= 0) return reject("price_not_positive", li);
        Int128 g = Int128(l.price.fen) * l.qty;
        if (g > kMaxFen) return reject("amount_out_of_range", li);
        goods.push_back(Money{int64_t(g)});
        goods_total += g;
        if (!IsTenDigits(l.hs_code)) return reject("hs_code_format", li);
        for (const auto& rate : {l.vat_rate, l.ct_rate, l.tariff_rate})
            if (rate && !RateInRange(*rate)) return reject("rate_out_of_range", li);
        for (const auto& amount : {l.ct_specific_fen_per_unit, l.ct_units_per_item})
            if (amount && amount->units < 0) return reject("rate_out_of_range", li);
    }
    Int128 dutiable_total = goods_total + req.freight.fen + req.insurance.fen;
    if (dutiable_total > kMaxFen) return reject("amount_out_of_range");
    q.goods = Money{int64_t(goods_total)};
    q.dutiable = Money{int64_t(dutiable_total)};
    q.amount_to_pay = q.dutiable;

    std::vector<Money> freight = AllocateProRata(req.freight, goods);
    std::vector<Money> insurance = AllocateProRata(req.insurance, goods);
    std::vector<const HeadingPeriod*> periods;
    int64_t items = 0;
    for (size_t i = 0; i < req.lines.size(); i++) {
        const QuoteLine& l = req.lines[i];
        LineTax lt;
        lt.index = int(i);
        lt.sku = l.sku;
        lt.qty = l.qty;
        lt.goods = goods[i];
        lt.freight_share = freight[i];
        lt.insurance_share = insurance[i];
        lt.dutiable = goods[i] + freight[i] + insurance[i];
        q.lines.push_back(std::move(lt));
        items += l.qty;
    }
    // Only goods on the positive list may be sold this way, on the declaration date.
    for (size_t i = 0; i < req.lines.size(); i++) {
        const TaxHeading* heading = table.FindHeading(req.lines[i].hs_code);
        const HeadingPeriod* period = heading ? TaxTable::PeriodOn(*heading, req.date) : nullptr;
        if (!period) return reject("hs_code_not_in_table", int(i));
        if (!period->positive_list) return reject("not_on_positive_list", int(i));
        periods.push_back(period);
    }

    // The regime (SPEC §2.4; boundaries inclusive, CONVENTIONS §5; the dutiable price counts,
    // tax does not, §6; "one item" = one line of quantity 1, §4).
    bool over_single = q.dutiable > regime->single_limit;
    bool over_annual = Int128(req.annual_used.fen) + q.dutiable.fen > regime->annual_limit.fen;
    if (regime->over_limit == OverLimit::GeneralTrade) {
        q.regime = over_single || over_annual ? TaxRegime::GeneralTradeFullTax : TaxRegime::WithinLimits;
    } else if (!over_single && !over_annual) {
        q.regime = TaxRegime::WithinLimits;
    } else if (over_single && !(req.lines.size() == 1 && items == 1)) {
        return reject("single_limit_exceeded");
    } else if (over_annual) {
        return reject("annual_limit_exceeded");
    } else {
        q.regime = TaxRegime::SingleItemFullTax;
    }
    const bool within = q.regime == TaxRegime::WithinLimits;
    q.factor = within ? table.cbec_factor : Decimal{1, 0};
    q.counts_towards_annual = q.regime == TaxRegime::GeneralTradeFullTax ? Money{} : q.dutiable;
    q.notes.push_back(Note(std::string("regime_") + RegimeCode(q.regime),
                           {{"single_limit", FormatYuan(regime->single_limit)},
                            {"annual_limit", FormatYuan(regime->annual_limit)},
                            {"factor", FormatPercent(q.factor)}}));

    const Exact factor = Exact::FromDecimal(q.factor);
    const Exact one = Exact::Integer(1);
    for (size_t i = 0; i < req.lines.size(); i++) {
        const QuoteLine& l = req.lines[i];
        const HeadingPeriod& period = *periods[i];
        LineTax& lt = q.lines[i];
        int li = int(i);

        std::optional<Decimal> vat = l.vat_rate ? l.vat_rate : table.VatRateOn(period.vat, req.date);
        if (!vat) return reject("vat_rate_unknown", li);
        lt.vat_rate = *vat;
        lt.tariff_rate = within ? Decimal{} : (l.tariff_rate ? *l.tariff_rate : period.tariff);

        const Exact P = Exact::Fen(lt.dutiable);
        CtTerms ct = ResolveConsumptionTax(l, period.ct, P, lt);
        if (!ct.error.empty()) return reject(ct.error.c_str(), li);
        lt.ct_rate = ct.rate;
        lt.ct_specific_fen_per_unit = ct.fen_per_unit;
        // Decimal quantities times whole item counts are decimals again.
        if (!ct.units.ToDecimal(&lt.ct_units)) return reject("amount_out_of_range", li);

        // Exact statutory amounts (SPEC §2.2 and §2.5).
        const Exact c = Exact::FromDecimal(ct.rate);
        const Exact Qs = ct.units * Exact::FromDecimal(ct.fen_per_unit);
        const Exact T = P * Exact::FromDecimal(lt.tariff_rate);
        const Exact CT = ct.rate.is_zero() ? Qs : (P + T + Qs) / (one - c) * c + Qs;
        const Exact VAT = (P + T + CT) * Exact::FromDecimal(*vat);
        // Payable: the factor applies to CT and VAT (the tariff is 0 within the limits); the VAT
        // base keeps the full statutory CT (CONVENTIONS §1). Each rounded half-up per line.
        const Exact ct_payable = CT * factor, vat_payable = VAT * factor;
        if (!T.ok() || !ct_payable.ok() || !vat_payable.ok()) return reject("amount_out_of_range", li);
        lt.tariff = Money{T.RoundHalfUp()};
        lt.consumption_tax = Money{ct_payable.RoundHalfUp()};
        lt.vat = Money{vat_payable.RoundHalfUp()};

        if (within) lt.notes.push_back(Note("tariff_zero_within_limits"));
        else lt.notes.push_back(Note("tariff", {{"rate", FormatPercent(lt.tariff_rate)}}));
        lt.notes.push_back(Note(l.vat_rate ? "vat_override" : period.vat == VatClass::Low ? "vat_low" : "vat_standard",
                                {{"rate", FormatPercent(*vat)}}));

        q.tariff += lt.tariff;
        q.consumption_tax += lt.consumption_tax;
        q.vat += lt.vat;
    }
    q.tax_total = q.tariff + q.consumption_tax + q.vat;
    q.amount_to_pay = q.dutiable + q.tax_total;
    return q;
}

} // namespace bondstore
