#include "core/wire/tax_json.h"

#include "core/wire/json_reader.h"

#include <algorithm>

namespace bondstore {

using wire::FieldReader;
using wire::json;
using wire::ParseDocument;
using wire::SectionProblem;

namespace {

void Add(std::vector<Problem>& out, const char* code, const char* section, int64_t index, std::string field,
         std::string value = {})
{
    Problem p = SectionProblem(code, section, index, std::move(value));
    p.field = std::move(field);
    out.push_back(std::move(p));
}

bool ReadDate(FieldReader& r, const char* key, bool required, CalendarDate* out)
{
    std::string text = r.String(key, required);
    if (text.empty()) return false;
    if (!ParseIsoDate(text, out)) {
        r.Report("json.expected_date", key, text);
        return false;
    }
    return true;
}

Decimal ReadRate(FieldReader& r, const char* key, bool required)
{
    Decimal d = r.DecimalString(key, required);
    if (CompareDecimal(d, Decimal{1, 0}) >= 0) r.Report("tax.rate_out_of_range", key, FormatDecimal(d));
    return d;
}

bool ParseCt(const json& j, FieldReader& parent, ConsumptionTaxRule* out)
{
    if (!j.is_object()) { parent.Report("json.expected_object", "ct", j.dump()); return false; }
    FieldReader r(j, parent.section, parent.index, parent.problems, parent.sku, parent.prefix + "ct.");
    std::string kind = r.String("kind", true);
    ConsumptionTaxRule& ct = *out;
    if (kind == "none") {
        ct.kind = ConsumptionTaxKind::None;
        r.UnknownFields({"kind"});
    } else if (kind == "ad_valorem") {
        ct.kind = ConsumptionTaxKind::AdValorem;
        ct.rate = ReadRate(r, "rate", true);
        r.UnknownFields({"kind", "rate"});
    } else if (kind == "specific" || kind == "compound") {
        ct.kind = kind == "specific" ? ConsumptionTaxKind::Specific : ConsumptionTaxKind::Compound;
        if (ct.kind == ConsumptionTaxKind::Compound) ct.rate = ReadRate(r, "rate", true);
        ct.fen_per_unit = r.DecimalString("fen_per_unit", true);
        ct.unit = r.String("unit", true);
        r.UnknownFields({"kind", "rate", "fen_per_unit", "unit"});
    } else if (kind == "cosmetics_threshold") {
        ct.kind = ConsumptionTaxKind::CosmeticsThreshold;
        ct.rate = ReadRate(r, "rate", true);
        ct.threshold_per_ml_g = r.Fen("threshold_per_ml_g_fen", true);
        ct.threshold_per_piece = r.Fen("threshold_per_piece_fen", true);
        r.UnknownFields({"kind", "rate", "threshold_per_ml_g_fen", "threshold_per_piece_fen"});
    } else if (kind == "watch_threshold") {
        ct.kind = ConsumptionTaxKind::WatchThreshold;
        ct.rate = ReadRate(r, "rate", true);
        ct.threshold_per_item = r.Fen("threshold_per_item_fen", true);
        r.UnknownFields({"kind", "rate", "threshold_per_item_fen"});
    } else if (kind == "specific_tiered") {
        ct.kind = ConsumptionTaxKind::SpecificTiered;
        ct.fen_per_unit = r.DecimalString("fen_per_unit", true);
        ct.low_fen_per_unit = r.DecimalString("low_fen_per_unit", true);
        ct.unit = r.String("unit", true);
        // The threshold as published, not rounded to the fen ("264.295885": ¥2.64295885 per litre);
        // or, as older tables write it, whole fen.
        if (j.contains("threshold_fen_per_unit")) ct.threshold_fen_per_unit = r.DecimalString("threshold_fen_per_unit", true);
        else ct.threshold_fen_per_unit = Decimal{r.Fen("threshold_per_unit_fen", true).fen, 0};
        r.UnknownFields({"kind", "fen_per_unit", "low_fen_per_unit", "unit", "threshold_fen_per_unit", "threshold_per_unit_fen"});
    } else if (!kind.empty()) {
        r.Report("tax.ct_kind_unknown", "kind", kind);
        return false;
    }
    if (!ct.unit.empty() && ct.unit != "L" && ct.unit != "kg" && ct.unit != "t")
        r.Report("tax.ct_unit_unknown", "unit", ct.unit);
    return true;
}

std::vector<DatedRate> ParseDatedRates(const json& list, const char* section, std::vector<Problem>& problems)
{
    std::vector<DatedRate> out;
    if (!list.is_array()) { problems.push_back(SectionProblem("json.expected_array", section, -1)); return out; }
    int64_t i = 0;
    for (const json& j : list) {
        if (!j.is_object()) { problems.push_back(SectionProblem("json.expected_object", section, i++, j.dump())); continue; }
        FieldReader r(j, section, i, problems);
        DatedRate d;
        ReadDate(r, "from", true, &d.from);
        d.rate = ReadRate(r, "rate", true);
        r.UnknownFields({"from", "rate", "source"});
        if (!out.empty() && !(out.back().from < d.from)) r.Report("tax.dates_not_ascending", "from", FormatIsoDate(d.from));
        out.push_back(d);
        i++;
    }
    return out;
}

json MoneyJson(Money m) { return m.fen; }

json NotesJson(const std::vector<TaxNote>& notes)
{
    json arr = json::array();
    for (const TaxNote& n : notes) {
        json args = json::object();
        for (const auto& [k, v] : n.args) args[k] = v;
        arr.push_back({{"code", n.code}, {"args", std::move(args)}});
    }
    return arr;
}

} // namespace

TaxTableParse ParseTaxTableJson(std::string_view text)
{
    TaxTableParse out;
    Problem syntax;
    json doc = ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(std::move(syntax)); return out; }
    if (!doc.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "", -1)); return out; }
    TaxTable& t = out.table;
    FieldReader top(doc, "", -1, out.problems);
    t.cbec_factor = top.DecimalString("cbec_factor", true);
    if (t.cbec_factor.units <= 0 || CompareDecimal(t.cbec_factor, Decimal{1, 0}) > 0)
        top.Report("tax.rate_out_of_range", "cbec_factor", FormatDecimal(t.cbec_factor));
    top.UnknownFields({"comment", "cbec_factor", "regimes", "vat_rates", "headings"});

    if (auto regimes = doc.find("regimes"); regimes == doc.end() || !regimes->is_array()) {
        Add(out.problems, "json.missing_field", "", -1, "regimes");
    } else {
        int64_t i = 0;
        for (const json& j : *regimes) {
            if (!j.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "regimes", i++)); continue; }
            FieldReader r(j, "regimes", i++, out.problems);
            LimitRegime reg;
            ReadDate(r, "from", true, &reg.from);
            reg.single_limit = r.Fen("single_limit_fen", true);
            reg.annual_limit = r.Fen("annual_limit_fen", true);
            std::string over = r.String("over_limit", true);
            if (over == "general_trade") reg.over_limit = OverLimit::GeneralTrade;
            else if (over == "single_item_full_tax") reg.over_limit = OverLimit::SingleItemFullTax;
            else if (!over.empty()) r.Report("tax.over_limit_unknown", "over_limit", over);
            r.UnknownFields({"from", "single_limit_fen", "annual_limit_fen", "over_limit", "source"});
            if (!t.regimes.empty() && !(t.regimes.back().from < reg.from))
                r.Report("tax.dates_not_ascending", "from", FormatIsoDate(reg.from));
            t.regimes.push_back(reg);
        }
    }

    if (auto vat = doc.find("vat_rates"); vat == doc.end() || !vat->is_object()) {
        Add(out.problems, "json.missing_field", "", -1, "vat_rates");
    } else {
        struct Class { const char* key; const char* section; std::vector<DatedRate>* into; };
        for (const Class& c : {Class{"standard", "vat_rates.standard", &t.vat_standard},
                               Class{"low", "vat_rates.low", &t.vat_low}}) {
            auto list = vat->find(c.key);
            if (list == vat->end()) { Add(out.problems, "json.missing_field", "vat_rates", -1, c.key); continue; }
            *c.into = ParseDatedRates(*list, c.section, out.problems);
        }
    }

    if (auto headings = doc.find("headings"); headings == doc.end() || !headings->is_array()) {
        Add(out.problems, "json.missing_field", "", -1, "headings");
    } else {
        int64_t i = 0;
        for (const json& j : *headings) {
            if (!j.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "headings", i++)); continue; }
            FieldReader r(j, "headings", i, out.problems);
            TaxHeading h;
            h.hs = r.String("hs", true);
            r.sku = h.hs; // shown as the item's name in problems
            bool digits = !h.hs.empty() && h.hs.size() <= 10 &&
                          std::all_of(h.hs.begin(), h.hs.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits || h.hs.size() < 4) r.Report("tax.hs_heading_format", "hs", h.hs);
            h.name = r.Localized("name", false);
            r.UnknownFields({"hs", "name", "periods"});
            const json* periods = r.Get("periods", true);
            if (periods && !periods->is_array()) r.Report("json.expected_array", "periods");
            if (periods && periods->is_array()) {
                int64_t k = 0;
                for (const json& pj : *periods) {
                    std::string prefix = "periods[" + std::to_string(k++) + "].";
                    if (!pj.is_object()) { r.Report("json.expected_object", prefix, pj.dump()); continue; }
                    FieldReader pr(pj, "headings", i, out.problems, h.hs, prefix);
                    HeadingPeriod p;
                    ReadDate(pr, "from", true, &p.from);
                    CalendarDate to;
                    if (ReadDate(pr, "to", false, &to)) {
                        p.to = to;
                        if (to < p.from) pr.Report("tax.period_ends_before_it_starts", "to", FormatIsoDate(to));
                    }
                    std::string vat = pr.String("vat", true);
                    if (vat == "standard") p.vat = VatClass::Standard;
                    else if (vat == "low") p.vat = VatClass::Low;
                    else if (!vat.empty()) pr.Report("tax.vat_class_unknown", "vat", vat);
                    if (const json* ct = pr.Get("ct", true)) ParseCt(*ct, pr, &p.ct);
                    p.tariff = ReadRate(pr, "tariff", true);
                    if (const json* pl = pr.Get("positive_list", true)) {
                        if (pl->is_boolean()) p.positive_list = pl->get<bool>();
                        else pr.Report("json.expected_boolean", "positive_list", pl->dump());
                    }
                    p.source = pr.String("source", false);
                    pr.UnknownFields({"from", "to", "vat", "ct", "tariff", "positive_list", "source"});
                    // Periods are in order and never overlap: one rule per day.
                    if (!h.periods.empty()) {
                        const HeadingPeriod& prev = h.periods.back();
                        if (!prev.to || !(*prev.to < p.from)) pr.Report("tax.periods_overlap", "from", FormatIsoDate(p.from));
                    }
                    h.periods.push_back(std::move(p));
                }
            }
            for (const TaxHeading& other : t.headings)
                if (other.hs == h.hs) r.Report("tax.duplicate_heading", "hs", h.hs);
            t.headings.push_back(std::move(h));
            i++;
        }
    }
    return out;
}

QuoteRequestParse ParseQuoteRequestJson(std::string_view text, QuoteLineForm form)
{
    QuoteRequestParse out;
    Problem syntax;
    json doc = ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(std::move(syntax)); return out; }
    if (!doc.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "", -1)); return out; }
    QuoteRequest& q = out.request;
    FieldReader top(doc, "", -1, out.problems);
    out.has_date = ReadDate(top, "date", false, &q.date);
    q.annual_used = top.Fen("annual_used_fen", false);
    q.freight = top.Fen("freight_fen", false);
    q.insurance = top.Fen("insurance_fen", false);
    for (auto [name, value] : {std::pair{"annual_used_fen", q.annual_used}, std::pair{"freight_fen", q.freight},
                               std::pair{"insurance_fen", q.insurance}})
        if (value.fen < 0) top.Report("quote.amount_negative", name, std::to_string(value.fen));
    top.UnknownFields({"date", "annual_used_fen", "freight_fen", "insurance_fen", "lines", "expected_total_fen"});

    const json* lines = top.Get("lines", true);
    if (lines && !lines->is_array()) top.Report("json.expected_array", "lines");
    if (!lines || !lines->is_array()) return out;
    if (lines->size() > kMaxQuoteLines)
        top.Report("quote.too_many_lines", "lines", std::to_string(lines->size()));
    int64_t i = 0;
    for (const json& j : *lines) {
        if (!j.is_object()) { out.problems.push_back(SectionProblem("json.expected_object", "lines", i++, j.dump())); continue; }
        FieldReader r(j, "lines", i++, out.problems);
        QuoteLine l;
        l.sku = r.String("sku", form == QuoteLineForm::CatalogSku);
        r.sku = l.sku;
        l.qty = r.Integer("qty", true);
        if (form == QuoteLineForm::CatalogSku) {
            r.UnknownFields({"sku", "qty"});
        } else {
            l.price = r.Fen("price_fen", true);
            l.hs_code = r.String("hs_code", true);
            l.legal_qty = r.DecimalString("legal_qty", false);
            l.legal_unit = r.String("legal_unit", false);
            l.second_qty = r.DecimalString("second_qty", false);
            l.second_unit = r.String("second_unit", false);
            auto optional_decimal = [&](const char* key, bool is_rate) -> std::optional<Decimal> {
                if (!r.Get(key, false)) return std::nullopt;
                return is_rate ? ReadRate(r, key, false) : r.DecimalString(key, false);
            };
            l.vat_rate = optional_decimal("vat_rate", true);
            l.ct_rate = optional_decimal("ct_rate", true);
            l.ct_specific_fen_per_unit = optional_decimal("ct_specific_fen_per_unit", false);
            l.ct_units_per_item = optional_decimal("ct_units_per_item", false);
            l.tariff_rate = optional_decimal("tariff_rate", true);
            r.UnknownFields({"sku", "qty", "price_fen", "hs_code", "legal_qty", "legal_unit", "second_qty",
                             "second_unit", "vat_rate", "ct_rate", "ct_specific_fen_per_unit", "ct_units_per_item",
                             "tariff_rate"});
        }
        if (l.qty <= 0) r.Report("quote.qty_not_positive", "qty", std::to_string(l.qty));
        q.lines.push_back(std::move(l));
    }
    return out;
}

std::string QuoteRequestToJson(const QuoteRequest& q, QuoteLineForm form)
{
    json j;
    if (q.date.valid()) j["date"] = FormatIsoDate(q.date);
    j["annual_used_fen"] = q.annual_used.fen;
    j["freight_fen"] = q.freight.fen;
    j["insurance_fen"] = q.insurance.fen;
    json lines = json::array();
    for (const QuoteLine& l : q.lines) {
        json lj;
        if (!l.sku.empty()) lj["sku"] = l.sku;
        lj["qty"] = l.qty;
        if (form == QuoteLineForm::Inline) {
            lj["price_fen"] = l.price.fen;
            lj["hs_code"] = l.hs_code;
            if (l.legal_qty.units) { lj["legal_qty"] = FormatDecimal(l.legal_qty); lj["legal_unit"] = l.legal_unit; }
            if (l.second_qty.units) { lj["second_qty"] = FormatDecimal(l.second_qty); lj["second_unit"] = l.second_unit; }
            if (l.vat_rate) lj["vat_rate"] = FormatDecimal(*l.vat_rate);
            if (l.ct_rate) lj["ct_rate"] = FormatDecimal(*l.ct_rate);
            if (l.ct_specific_fen_per_unit) lj["ct_specific_fen_per_unit"] = FormatDecimal(*l.ct_specific_fen_per_unit);
            if (l.ct_units_per_item) lj["ct_units_per_item"] = FormatDecimal(*l.ct_units_per_item);
            if (l.tariff_rate) lj["tariff_rate"] = FormatDecimal(*l.tariff_rate);
        }
        lines.push_back(std::move(lj));
    }
    j["lines"] = std::move(lines);
    return j.dump();
}

std::string TaxQuoteToJson(const TaxQuote& q)
{
    json j;
    j["regime"] = RegimeCode(q.regime);
    if (!q.reason.empty()) j["reason"] = q.reason;
    if (q.reason_line >= 0) j["reason_line"] = q.reason_line;
    if (q.date.valid()) j["date"] = FormatIsoDate(q.date);
    j["goods_fen"] = MoneyJson(q.goods);
    j["freight_fen"] = MoneyJson(q.freight);
    j["insurance_fen"] = MoneyJson(q.insurance);
    j["dutiable_fen"] = MoneyJson(q.dutiable);
    j["tariff_fen"] = MoneyJson(q.tariff);
    j["consumption_tax_fen"] = MoneyJson(q.consumption_tax);
    j["vat_fen"] = MoneyJson(q.vat);
    j["tax_total_fen"] = MoneyJson(q.tax_total);
    j["amount_to_pay_fen"] = MoneyJson(q.amount_to_pay);
    j["factor"] = FormatDecimal(q.factor);
    j["limits"] = {{"single_fen", q.single_limit.fen},
                   {"annual_fen", q.annual_limit.fen},
                   {"annual_used_fen", q.annual_used.fen},
                   {"counts_towards_annual_fen", q.counts_towards_annual.fen}};
    json lines = json::array();
    for (const LineTax& l : q.lines) {
        json lj;
        lj["index"] = l.index;
        if (!l.sku.empty()) lj["sku"] = l.sku;
        lj["qty"] = l.qty;
        lj["goods_fen"] = MoneyJson(l.goods);
        lj["freight_fen"] = MoneyJson(l.freight_share);
        lj["insurance_fen"] = MoneyJson(l.insurance_share);
        lj["dutiable_fen"] = MoneyJson(l.dutiable);
        lj["tariff_fen"] = MoneyJson(l.tariff);
        lj["consumption_tax_fen"] = MoneyJson(l.consumption_tax);
        lj["vat_fen"] = MoneyJson(l.vat);
        lj["tax_fen"] = MoneyJson(l.tax());
        lj["rates"] = {{"tariff", FormatDecimal(l.tariff_rate)},
                       {"vat", FormatDecimal(l.vat_rate)},
                       {"ct", FormatDecimal(l.ct_rate)},
                       {"ct_specific_fen_per_unit", FormatDecimal(l.ct_specific_fen_per_unit)}};
        if (l.ct_units.units) lj["ct_units"] = FormatDecimal(l.ct_units);
        lj["notes"] = NotesJson(l.notes);
        lines.push_back(std::move(lj));
    }
    j["lines"] = std::move(lines);
    j["notes"] = NotesJson(q.notes);
    return j.dump();
}

std::optional<ChargedTax> ParseChargedTaxJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object() || !j.contains("lines") || !j["lines"].is_array()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "quote", -1, problems);
    ChargedTax t;
    t.tariff = r.Fen("tariff_fen", true);
    t.vat = r.Fen("vat_fen", true);
    t.consumption_tax = r.Fen("consumption_tax_fen", true);
    int64_t i = 0;
    for (const json& l : j["lines"]) {
        if (!l.is_object()) return std::nullopt;
        FieldReader lr(l, "lines", i++, problems);
        t.lines.push_back({lr.Fen("dutiable_fen", true), lr.Fen("tariff_fen", true), lr.Fen("vat_fen", true), lr.Fen("consumption_tax_fen", true)});
    }
    if (HasErrors(problems)) return std::nullopt;
    return t;
}

} // namespace bondstore
