// The tax engine's rules at every boundary and date, its rejections, and properties over many
// random carts. Vectors from VECTORS.md are in tax_vectors_test.cpp.
#include <doctest/doctest.h>

#include "core/cart/cart.h"
#include "core/orders/order.h"
#include "core/wire/catalog_json.h"
#include "tests/core/tax_fixtures.h"

#include <algorithm>

using namespace bondstore;
using namespace bondstore::test;

TEST_CASE("limits are inclusive: exactly ¥5,000.00 and exactly ¥26,000.00 a year are within")
{
    CHECK(QuoteOn("2025-01-01", {Line("1905310000", 250000, 2)}).regime == TaxRegime::WithinLimits);
    TaxQuote over = QuoteOn("2025-01-01", {Line("1905310000", 250000, 2)}, /*freight=*/1);
    CHECK(over.regime == TaxRegime::Rejected);
    CHECK(over.reason == "single_limit_exceeded"); // freight is part of the dutiable price
    CHECK(QuoteOn("2025-01-01", {Line("1905310000", 500001)}).regime == TaxRegime::SingleItemFullTax);

    CHECK(QuoteOn("2025-01-01", {Line("1905310000", 100000)}, 0, 2500000).regime == TaxRegime::WithinLimits);
    TaxQuote annual = QuoteOn("2025-01-01", {Line("1905310000", 100001)}, 0, 2500000);
    CHECK(annual.reason == "annual_limit_exceeded");

    // 2016 regime: ¥2,000 / ¥20,000, and over them it is general trade, not a rejection.
    CHECK(QuoteOn("2018-12-31", {Line("1905310000", 200000)}).regime == TaxRegime::WithinLimits);
    CHECK(QuoteOn("2018-12-31", {Line("1905310000", 200001)}).regime == TaxRegime::GeneralTradeFullTax);
    CHECK(QuoteOn("2018-12-31", {Line("1905310000", 100000, 3)}).regime == TaxRegime::GeneralTradeFullTax);
    CHECK(QuoteOn("2019-01-01", {Line("1905310000", 200001)}).regime == TaxRegime::WithinLimits);
}

TEST_CASE("\"only one item\" is one line of quantity one")
{
    CHECK(QuoteOn("2025-01-01", {Line("9102210090", 600000)}).regime == TaxRegime::SingleItemFullTax);
    CHECK(QuoteOn("2025-01-01", {Line("9102210090", 300000, 2)}).reason == "single_limit_exceeded");
    CHECK(QuoteOn("2025-01-01", {Line("9102210090", 590000), Line("1905310000", 100)}).reason == "single_limit_exceeded");
}

TEST_CASE("the cosmetics threshold: ¥9.99 vs ¥10.00 per ml, ¥14.99 vs ¥15.00 per piece")
{
    auto ct = [](int64_t price, const char* qty, const char* unit) {
        return QuoteOn("2025-01-01", {Line("3304990099", price, 1, qty, unit)}).consumption_tax.fen;
    };
    CHECK(ct(29970, "30", "ml") == 0);
    CHECK(ct(30000, "30", "ml") > 0);
    CHECK(ct(29970, "30", "g") == 0);
    CHECK(ct(30000, "30", "g") > 0);
    CHECK(ct(30000, "0.03", "L") > 0);  // litres and kilograms count per ml and per g
    CHECK(ct(29970, "0.03", "kg") == 0);
    CHECK(ct(14990, "10", "sheet") == 0);  // ¥14.99 a sheet
    CHECK(ct(15000, "10", "sheet") > 0);   // ¥15.00 a sheet
    CHECK(ct(149900, "100", "sheet") == 0);
    CHECK(ct(15000, "1", "piece") > 0);
    CHECK(ct(1499, "1", "piece") == 0);
    // Freight is part of the dutiable price, so it can lift goods over the threshold.
    TaxQuote q = QuoteOn("2025-01-01", {Line("3304990099", 29970, 1, "30", "ml")}, /*freight=*/30);
    CHECK(q.consumption_tax.fen > 0);
    CHECK(HasNote(q.lines[0], "cosmetics_high_end", "price_per_unit", "10.00"));
}

TEST_CASE("watches pay consumption tax from ¥10,000.00 each")
{
    CHECK(QuoteOn("2025-01-01", {Line("9102210090", 999999)}).consumption_tax.fen == 0);
    // Full tax: tariff ¥1,100, CT (10,000 + 1,100) / 0.8 × 0.2 = ¥2,775.
    CHECK(QuoteOn("2025-01-01", {Line("9102210090", 1000000)}).consumption_tax.fen == 277500);
}

TEST_CASE("every date on each side of every change")
{
    CHECK(QuoteOn("2016-04-07", {Line("1905310000", 10000)}).reason == "date_before_regime");
    CHECK(QuoteOn("2016-04-08", {Line("1905310000", 10000)}).tax_total.fen == 1190);
    // Cosmetics: 30% CT on make-up until 2016-09-30, the high-end test from 2016-10-01.
    CHECK(QuoteOn("2016-09-30", {Line("3304100091", 10000, 1, "100", "g")}).consumption_tax.fen == 3000);
    CHECK(QuoteOn("2016-10-01", {Line("3304100091", 10000, 1, "100", "g")}).consumption_tax.fen == 0);
    // Low VAT rate 13 → 11 on 2017-07-01.
    CHECK(QuoteOn("2017-06-30", {Line("1509200000", 10000, 1, "1", "L")}).vat.fen == 910);
    CHECK(QuoteOn("2017-07-01", {Line("1509200000", 10000, 1, "1", "L")}).vat.fen == 770);
    // 17/11 → 16/10 on 2018-05-01.
    CHECK(QuoteOn("2018-04-30", {Line("1905310000", 10000)}).vat.fen == 1190);
    CHECK(QuoteOn("2018-05-01", {Line("1905310000", 10000)}).vat.fen == 1120);
    CHECK(QuoteOn("2018-04-30", {Line("1509200000", 10000, 1, "1", "L")}).vat.fen == 770);
    CHECK(QuoteOn("2018-05-01", {Line("1509200000", 10000, 1, "1", "L")}).vat.fen == 700);
    // 16/10 → 13/9 on 2019-04-01.
    CHECK(QuoteOn("2019-03-31", {Line("1905310000", 10000)}).vat.fen == 1120);
    CHECK(QuoteOn("2019-04-01", {Line("1905310000", 10000)}).vat.fen == 910);
    CHECK(QuoteOn("2019-03-31", {Line("1509200000", 10000, 1, "1", "L")}).vat.fen == 700);
    CHECK(QuoteOn("2019-04-01", {Line("1509200000", 10000, 1, "1", "L")}).vat.fen == 630);
    // The positive list: beer from 2019-01-01; consoles in and blades out on 2022-03-01.
    CHECK(QuoteOn("2018-12-31", {Line("2203000000", 12000, 1, "12", "L")}).reason == "not_on_positive_list");
    CHECK(QuoteOn("2019-01-01", {Line("2203000000", 12000, 1, "12", "L")}).accepted());
    CHECK(QuoteOn("2022-02-28", {Line("9504502000", 200000)}).reason == "not_on_positive_list");
    CHECK(QuoteOn("2022-03-01", {Line("9504502000", 200000)}).accepted());
    CHECK(QuoteOn("2022-02-28", {Line("9307009000", 20000)}).accepted());
    CHECK(QuoteOn("2022-03-01", {Line("9307009000", 20000)}).reason == "not_on_positive_list");
}

TEST_CASE("refusals name the reason and the line, and never produce a number")
{
    struct Case { std::vector<QuoteLine> lines; int64_t freight; const char* reason; int line; };
    QuoteLine huge = Line("1905310000", kMaxFen, 2);
    QuoteLine no_legal = Line("3304990099", 30000, 1, "1", "piece");
    no_legal.legal_qty = Decimal{};
    no_legal.legal_unit = "";
    QuoteLine spirits_no_litres = Line("2208300000", 40000, 1, "1", "piece");
    QuoteLine bad_rate = Line("1905310000", 100);
    bad_rate.vat_rate = D("1.5");
    const Case cases[] = {
        {{}, 0, "no_lines", -1},
        {{Line("1905310000", 100, 0)}, 0, "qty_not_positive", 0},
        {{Line("1905310000", 100), Line("1905310000", 100, kMaxLineQty + 1)}, 0, "qty_too_large", 1},
        {{Line("1905310000", 0)}, 0, "price_not_positive", 0},
        {{Line("1905310000", -5)}, 0, "price_not_positive", 0},
        {{Line("19053100", 100)}, 0, "hs_code_format", 0},
        {{Line("0101210010", 100)}, 0, "hs_code_not_in_table", 0},
        {{Line("1905310000", 100), Line("2402200000", 100)}, 0, "not_on_positive_list", 1},
        {{huge}, 0, "amount_out_of_range", 0},
        {{Line("1905310000", 100)}, kMaxFen, "amount_out_of_range", -1},
        {{no_legal}, 0, "legal_quantity_required", 0},
        {{spirits_no_litres}, 0, "ct_quantity_missing", 0},
        {{bad_rate}, 0, "rate_out_of_range", 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.reason);
        TaxQuote q = QuoteOn("2025-01-01", c.lines, c.freight);
        CHECK(q.regime == TaxRegime::Rejected);
        CHECK(q.reason == c.reason);
        CHECK(q.reason_line == c.line);
        CHECK(q.tax_total.fen == 0);
    }
    std::vector<QuoteLine> many(kMaxQuoteLines + 1, Line("1905310000", 100));
    CHECK(QuoteOn("2025-01-01", many).reason == "too_many_lines");
    CHECK(Quote(QuoteRequest{}, BundledTaxTable()).reason == "date_invalid");
}

TEST_CASE("freight and insurance are split pro rata, to the fen, largest remainder first")
{
    CHECK(AllocateProRata(Money{100}, {Money{1}, Money{1}, Money{1}}) == std::vector<Money>{{34}, {33}, {33}});
    CHECK(AllocateProRata(Money{1000}, {Money{300}, Money{700}}) == std::vector<Money>{{300}, {700}});
    CHECK(AllocateProRata(Money{10}, {Money{1}, Money{2}, Money{7}}) == std::vector<Money>{{1}, {2}, {7}});
    CHECK(AllocateProRata(Money{5}, {Money{3}, Money{3}}) == std::vector<Money>{{3}, {2}});
    CHECK(AllocateProRata(Money{2}, {Money{1}, Money{1000000}}) == std::vector<Money>{{0}, {2}});
    CHECK(AllocateProRata(Money{0}, {Money{1}}) == std::vector<Money>{{0}});
}

TEST_CASE("the explanation says which rule applied")
{
    TaxQuote q = QuoteOn("2025-01-01", {Line("3304990099", 30000, 1, "30", "ml")});
    REQUIRE(q.notes.size() == 1);
    CHECK(q.notes[0].code == "regime_within_limits");
    CHECK(HasNote(q.lines[0], "cosmetics_high_end", "threshold", "10.00"));
    CHECK(HasNote(q.lines[0], "vat_standard", "rate", "13%"));
    CHECK(HasNote(q.lines[0], "tariff_zero_within_limits"));
    TaxQuote w = QuoteOn("2025-01-01", {Line("9102210090", 1200000)});
    CHECK(HasNote(w.lines[0], "watch_high_end"));
    CHECK(HasNote(w.lines[0], "tariff", "rate", "11%"));
    TaxQuote b = QuoteOn("2025-01-01", {Line("2203000000", 2400, 1, "12", "L")}); // ¥2.00/L: the low rate
    CHECK(HasNote(b.lines[0], "ct_tier_low", "price_per_unit", "2.00"));
    // Beer's threshold exactly as published, ¥2.64295885 per litre, compared without rounding:
    // 100 L at ¥264.30 (¥2.643/L) is at or above it, at ¥264.29 (¥2.6429/L) below; a threshold
    // rounded to ¥2.65 or ¥2.64 would put both on one side.
    TaxQuote above = QuoteOn("2025-01-01", {Line("2203000000", 26430, 1, "100", "L")});
    TaxQuote below = QuoteOn("2025-01-01", {Line("2203000000", 26429, 1, "100", "L")});
    CHECK(HasNote(above.lines[0], "ct_tier_high", "threshold", "2.64295885"));
    CHECK(HasNote(below.lines[0], "ct_tier_low", "threshold", "2.64295885"));
    CHECK(above.lines[0].ct_specific_fen_per_unit == D("25.3"));
    CHECK(below.lines[0].ct_specific_fen_per_unit == D("22.27"));
    CHECK(FormatPercent(D("0.175")) == "17.5%");
    CHECK(FormatPercent(D("1")) == "100%");
}

TEST_CASE("tariffs are dated where their sources date them: perfume and whisky on each side of each change")
{
    // The tariff counts only where the whole tax is due (here one item over the ¥2,000 limit of
    // 2016–2018); within the limits it is 0 on every date.
    struct Edge { const char* date; const char* rate; int64_t tariff_fen; };
    for (Edge e : {Edge{"2016-06-01", "0.1", 30000}, Edge{"2017-11-30", "0.1", 30000}, Edge{"2017-12-01", "0.05", 15000},
                   Edge{"2018-06-30", "0.05", 15000}, Edge{"2018-07-01", "0.03", 9000}, Edge{"2018-12-31", "0.03", 9000}}) {
        CAPTURE(e.date);
        TaxQuote perfume = QuoteOn(e.date, {Line("3303000000", 300000, 1, "50", "ml")});
        REQUIRE(perfume.accepted());
        CHECK(FormatDecimal(perfume.lines[0].tariff_rate) == e.rate);
        CHECK(perfume.lines[0].tariff.fen == e.tariff_fen);
        CHECK(QuoteOn(e.date, {Line("3303000000", 100000, 1, "50", "ml")}).lines[0].tariff.fen == 0);
    }
    // Whisky's provisional 5% (2017-12-01 to 2024-12-31, and again from 2026-02-02) over its MFN
    // 10%; other spirits keep 10%. Full tax: one bottle over ¥5,000 (from 2019) or ¥2,000.
    struct Whisky { const char* date; int64_t tariff_fen; };
    for (Whisky w : {Whisky{"2017-11-30", 60000}, Whisky{"2017-12-01", 30000}, Whisky{"2024-12-31", 30000}, Whisky{"2025-01-01", 60000},
                     Whisky{"2026-02-01", 60000}, Whisky{"2026-02-02", 30000}, Whisky{"2026-12-06", 30000}}) {
        CAPTURE(w.date);
        CHECK(QuoteOn(w.date, {Line("2208300000", 600000, 1, "0.7", "L")}).lines[0].tariff.fen == w.tariff_fen);
        CHECK(QuoteOn(w.date, {Line("2208200000", 600000, 1, "0.7", "L")}).lines[0].tariff.fen == 60000); // brandy
    }
    CHECK(NextTaxChange(BundledTaxTable(), Day("2026-01-31"), {"2208300000"}) == Day("2026-02-02"));
    // An order of perfume is paid before either edge (NextTaxChange).
    CHECK(NextTaxChange(BundledTaxTable(), Day("2017-11-29"), {"3303000000"}) == Day("2017-12-01"));
    CHECK(NextTaxChange(BundledTaxTable(), Day("2018-06-29"), {"3303000000"}) == Day("2018-07-01"));
}

TEST_CASE("the bundled tax table covers SPEC §2.3 and every sample product")
{
    const TaxTable& t = BundledTaxTable();
    for (const char* hs : {"3304100000", "3303000000", "2204210000", "2204220000", "2204290000", "2205100000",
                           "2208200000", "2208300000", "2208400000", "2208500000", "2208900000", "2203000000",
                           "9101210000", "9102210000", "1901101010", "1509200000", "0902301000", "0809400000"})
        CHECK_MESSAGE(t.FindHeading(hs), hs);
    CatalogParse sample = ParseCatalogJson(EmbeddedTestAssetView("sample_catalog"));
    for (const Product& p : sample.catalog.products) {
        CAPTURE(p.sku);
        TaxQuote q = QuoteOn("2025-06-01", {QuoteLineFor(p, 1)});
        CHECK(q.accepted());
    }
}

TEST_CASE("a broken tax table is refused with the heading and field named")
{
    auto problems_of = [](const std::string& doc) { return ParseTaxTableJson(doc).problems; };
    std::string base = R"({"cbec_factor":"0.7","regimes":[{"from":"2019-01-01","single_limit_fen":1,"annual_limit_fen":2,"over_limit":"single_item_full_tax"}],
      "vat_rates":{"standard":[{"from":"2019-04-01","rate":"0.13"}],"low":[{"from":"2019-04-01","rate":"0.09"}]},
      "headings":[{"hs":"3304","periods":[PERIODS]}]})";
    auto with = [&](const std::string& periods) { std::string d = base; d.replace(d.find("PERIODS"), 7, periods); return d; };
    CHECK(ParseTaxTableJson(with(R"({"from":"2019-01-01","vat":"standard","ct":{"kind":"none"},"tariff":"0.1","positive_list":true})")).ok());
    auto first_code = [&](const std::string& periods) {
        auto p = problems_of(with(periods));
        return p.empty() ? std::string("none") : p[0].code + " " + p[0].field;
    };
    CHECK(first_code(R"({"from":"2019-02-30","vat":"standard","ct":{"kind":"none"},"tariff":"0.1","positive_list":true})") == "json.expected_date periods[0].from");
    CHECK(first_code(R"({"from":"2019-01-01","vat":"middle","ct":{"kind":"none"},"tariff":"0.1","positive_list":true})") == "tax.vat_class_unknown periods[0].vat");
    CHECK(first_code(R"({"from":"2019-01-01","vat":"standard","ct":{"kind":"magic"},"tariff":"0.1","positive_list":true})") == "tax.ct_kind_unknown periods[0].ct.kind");
    CHECK(first_code(R"({"from":"2019-01-01","vat":"standard","ct":{"kind":"none"},"tariff":"1.1","positive_list":true})") == "tax.rate_out_of_range periods[0].tariff");
    CHECK(first_code(R"({"from":"2019-01-01","vat":"standard","ct":{"kind":"none"},"tariff":"0.1","positive_list":true},
                       {"from":"2019-06-01","vat":"standard","ct":{"kind":"none"},"tariff":"0.1","positive_list":true})") == "tax.periods_overlap periods[1].from");
    CHECK(first_code(R"({"from":"2019-01-01","to":"2018-01-01","vat":"standard","ct":{"kind":"none"},"tariff":"0.1","positive_list":true})") == "tax.period_ends_before_it_starts periods[0].to");
    CHECK(first_code(R"({"from":"2019-01-01","vat":"standard","ct":{"kind":"none"},"tariff":"0.1","positive_list":"yes"})") == "json.expected_boolean periods[0].positive_list");
    CHECK(ParseTaxTableJson("{").problems[0].code == "json.syntax");
}

TEST_CASE("properties over thousands of random carts")
{
    CatalogParse sample = ParseCatalogJson(EmbeddedTestAssetView("sample_catalog"));
    const std::vector<Product>& products = sample.catalog.products;
    Rng rng{20191};
    int checked_monotone = 0;
    for (int n = 0; n < 4000; n++) {
        QuoteRequest r;
        r.date = FromDaysSinceEpoch(DaysSinceEpoch(Day("2016-04-08")) + long(rng.Between(0, 3800)));
        r.freight = Money{rng.Between(0, 3) == 0 ? 0 : rng.Between(0, 3000)};
        r.insurance = Money{rng.Between(0, 3) == 0 ? 0 : rng.Between(0, 500)};
        r.annual_used = Money{rng.Between(0, 4) == 0 ? rng.Between(0, 2600000) : 0};
        int lines = int(rng.Between(1, 6));
        for (int i = 0; i < lines; i++) {
            const Product& p = products[size_t(rng.Between(0, int64_t(products.size()) - 1))];
            QuoteLine l = QuoteLineFor(p, rng.Between(1, 4));
            l.price = Money{rng.Between(1, 3) == 1 ? rng.Between(1, 300000) : p.price.fen};
            r.lines.push_back(l);
        }
        TaxQuote q = Quote(r, BundledTaxTable());
        if (!q.accepted()) {
            CHECK(q.tax_total.fen == 0);
            continue;
        }
        // The parts sum exactly to the whole.
        Money freight, insurance, tariff, ct, vat, goods;
        for (const LineTax& l : q.lines) {
            freight += l.freight_share;
            insurance += l.insurance_share;
            tariff += l.tariff;
            ct += l.consumption_tax;
            vat += l.vat;
            goods += l.goods;
            CHECK(l.dutiable == l.goods + l.freight_share + l.insurance_share);
            CHECK(l.tax().fen >= 0);
        }
        CHECK(freight == r.freight);
        CHECK(insurance == r.insurance);
        CHECK(goods == q.goods);
        CHECK(tariff == q.tariff);
        CHECK(ct == q.consumption_tax);
        CHECK(vat == q.vat);
        CHECK(q.tax_total == q.tariff + q.consumption_tax + q.vat);
        CHECK(q.amount_to_pay == q.goods + q.freight + q.insurance + q.tax_total);
        if (q.regime == TaxRegime::WithinLimits) CHECK(q.tariff.fen == 0);

        // Adding goods never lowers the tax (when the bigger order is still admissible in the
        // same regime): one more of a line, or one more line.
        QuoteRequest more = r;
        if (rng.Between(0, 1) == 0) more.lines[0].qty += 1;
        else more.lines.push_back(QuoteLineFor(products[size_t(rng.Between(0, int64_t(products.size()) - 1))], 1));
        TaxQuote bigger = Quote(more, BundledTaxTable());
        if (bigger.regime == q.regime) {
            CHECK_MESSAGE(bigger.tax_total >= q.tax_total, TaxQuoteToJson(q) << "\n" << TaxQuoteToJson(bigger));
            checked_monotone++;
        }
    }
    CHECK(checked_monotone > 1000);
}
