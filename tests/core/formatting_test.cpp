// Locale-aware formatting (formatting.h), right-to-left text (bidi_text.h), pseudo-locales
// (message_pattern.h), display-currency rates (currency_rates.h), and which product text a
// shopper sees (ChooseText); the machine conversion behind zh-Hant in suite "server-data".
#include <doctest/doctest.h>

#include "core/catalog/catalog.h"
#include "core/i18n/bidi_text.h"
#include "core/i18n/formatting.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/message_pattern.h"
#include "core/i18n/text_conversion.h"
#include "core/search/search.h"
#include "core/search/search_keys.h"
#include "core/wire/currency_rates_json.h"

using namespace bondstore;

TEST_CASE("quantities, dates and times through ICU")
{
    CHECK(FormatQuantity(Decimal{7, 1}, "L", "de") == "0,7 l");
    CHECK(FormatQuantity(Decimal{800, 0}, "g", "ja") == "800 g");
    CHECK(FormatQuantity(Decimal{15, 1}, "kg", "ru") == "1,5 кг");
    CHECK(FormatQuantity(Decimal{50, 0}, "ml", "zh-Hans") == "50毫升");
    CHECK(FormatQuantity(Decimal{3, 0}, "piece", "en").empty()); // counted: the message "product.count" says it
    Messages en = LoadBundledMessages("en"), zh = LoadBundledMessages("zh-Hans");
    CHECK(en.Format("product.count", {{"count", int64_t(1)}, {"unit", std::string("piece")}}) == "1 piece");
    CHECK(en.Format("product.count", {{"count", int64_t(10)}, {"unit", std::string("sheet")}}) == "10 sheets");
    CHECK(zh.Format("product.count", {{"count", int64_t(10)}, {"unit", std::string("sheet")}}) == "10片");
    // Every counted customs unit, with each language's plural rules.
    CHECK(LoadBundledMessages("ru").Format("product.count", {{"count", int64_t(24)}, {"unit", std::string("can")}}) == "24 банки");
    CHECK(LoadBundledMessages("ru").Format("product.count", {{"count", int64_t(5)}, {"unit", std::string("box")}}) == "5 коробок");
    CHECK(LoadBundledMessages("ar").Format("product.count", {{"count", int64_t(2)}, {"unit", std::string("sheet")}}) == "ورقتان");
    CHECK(LoadBundledMessages("ja").Format("product.count", {{"count", int64_t(6)}, {"unit", std::string("bottle")}}) == "6本");
    CHECK(en.Format("product.count", {{"count", int64_t(3)}, {"unit", std::string("furlong")}}) == "3 furlong"); // unknown: as given
    // 2025-01-31 06:05 UTC is 14:05 in China (UTC+8, no daylight saving).
    CHECK(FormatDateTime(1738303500, 480, "zh-Hans") == "2025年1月31日 14:05");
    CHECK(FormatDateTime(1738303500, 480, "en") == "Jan 31, 2025, 2:05\u202FPM");
    // The order timeline in every locale (day periods and Arabic digits come from the locale data
    // the browser's filtered file keeps).
    const std::pair<const char*, const char*> timeline[] = {
        {"zh-Hans", "2025年1月31日 14:05"},
        {"zh-Hant", "2025年1月31日 下午2:05"},
        {"en", "Jan 31, 2025, 2:05\u202FPM"},
        {"ja", "2025/01/31 14:05"},
        {"ko", "2025. 1. 31. 오후 2:05"},
        {"ru", "31 янв. 2025\u202Fг., 14:05"},
        {"de", "31.01.2025, 14:05"},
        {"fr", "31 janv. 2025, 14:05"},
        {"ar", "٣١\u200F/٠١\u200F/٢٠٢٥، ٢:٠٥ م"},
    };
    for (const auto& [tag, text] : timeline) CHECK(FormatDateTime(1738303500, 480, tag) == text);
}

TEST_CASE("a display currency: converted exactly, rounded by ICU, never the amount charged")
{
    CHECK(FormatInCurrency({29800}, "USD", Decimal{1405, 4}, "en") == "$41.87"); // 298 × 0.1405 = 41.869
    CHECK(FormatInCurrency({29800}, "JPY", Decimal{2162, 2}, "ja") == "￥6,443"); // yen has no decimals
    CHECK(FormatInCurrency({29800}, "EUR", Decimal{1330, 4}, "de") == "39,63\u00A0€");
    CHECK(FormatInCurrency({29800}, "usd", Decimal{1, 0}, "en").empty());
    CHECK(FormatInCurrency({29800}, "US", Decimal{1, 0}, "en").empty());
    Messages en = LoadBundledMessages("en");
    CHECK(en.Format("price.approximate", {{"amount", FormatInCurrency({29800}, "USD", Decimal{1405, 4}, "en")}}) == "≈ $41.87");

    CurrencyRatesParse ok = ParseCurrencyRatesJson(R"({"as_of": "2026-11-20", "rates": {"USD": "0.1405", "JPY": "21.62"}})");
    REQUIRE(ok.ok());
    CHECK(FormatIsoDate(ok.rates.as_of) == "2026-11-20");
    REQUIRE(ok.rates.rates.size() == 2);
    CHECK(ok.rates.rates[1].currency == "JPY");
    CHECK(FormatDecimal(ok.rates.Find("USD")->per_yuan) == "0.1405");
    CHECK(ok.rates.Find("EUR") == nullptr);
    CHECK(CurrencyRatesToJson(ok.rates) == R"({"as_of":"2026-11-20","rates":{"USD":"0.1405","JPY":"21.62"}})");

    auto codes = [](std::string_view json) {
        std::vector<std::string> out;
        for (const Problem& p : ParseCurrencyRatesJson(json).problems) out.push_back(p.code + " " + p.field);
        return out;
    };
    CHECK(codes(R"({"as_of": "2026-11-20", "rates": {"usd": "1", "CNY": "1", "EUR": "0", "GBP": "-1", "KRW": 196, "HKD": "x"}})") ==
          std::vector<std::string>{"currency.code_format rates.usd", "currency.code_format rates.CNY",
                                   "currency.rate_not_positive rates.EUR", "currency.rate_not_positive rates.GBP",
                                   "json.expected_decimal rates.KRW", "json.expected_decimal rates.HKD"});
    CHECK(codes(R"({"as_of": "2026-02-30", "rates": {}})") == std::vector<std::string>{"json.expected_date as_of"});
    CHECK(codes(R"({"rates": []})") == std::vector<std::string>{"json.missing_field as_of", "json.expected_object rates"});
    CHECK(codes("[1") == std::vector<std::string>{"json.syntax offset"});
}

TEST_CASE("right to left: Arabic shaped, each line reordered, Latin and digits kept in reading order")
{
    // سلام: seen (initial), lam-alef ligature (final), meem (isolated), drawn right to left.
    CHECK(VisualText("سلام", true) == "\uFEE1\uFEFC\uFEB3");
    // Latin and digits stay as written, placed where a right-to-left reader expects them.
    CHECK(VisualText("سلام ABC 123", true) == "ABC 123 \uFEE1\uFEFC\uFEB3");
    CHECK(VisualText("السعر: 298 يوان", true) == "\uFEE5\uFE8D\uFEEE\uFEF3 298 :\uFEAE\uFECC\uFEB4\uFEDF\uFE8D");
    // An Arabic name inside an English sentence: shaped and reversed, the sentence left to right.
    CHECK(VisualText("Made in اليابان", false) == "Made in \uFEE5\uFE8E\uFE91\uFE8E\uFEF4\uFEDF\uFE8D");
    CHECK(VisualText("line one\nسلام", true) == "line one\n\uFEE1\uFEFC\uFEB3");
    CHECK(VisualText("", true).empty());
    CHECK(VisualText("plain", false) == "plain");
    CHECK(FindLocale("ar")->rtl);
    CHECK(FindLocale("ar-XB")->rtl);
    CHECK_FALSE(FindLocale("en-XA")->rtl);
    CHECK_FALSE(FindLocale("zh-Hant")->rtl);
}

TEST_CASE("pseudo-locales: en-XA accented, longer and bracketed; ar-XB mirrored; syntax untouched")
{
    std::string accented = Pseudolocalize("{count, plural, one {# product} other {# products}}", PseudoKind::Accented);
    CHECK(accented == "[{count, plural, one {# þŕöðûçţ ··} other {# þŕöðûçţš ··}}]");
    CHECK(Pseudolocalize("Cart ({count})", PseudoKind::Bidi) == "\u202ECart ({count})\u202C");
    // Quoting survives: ICU's apostrophe rules are left alone.
    CHECK(Pseudolocalize("it''s '{'literal'}' {n}", PseudoKind::Bidi) == "\u202Eit''s '{'literal'}' {n}\u202C");
    Messages::Catalog quoted;
    quoted.locale = "ar-XB";
    quoted.format_locale = "en";
    quoted.json = R"({"k": "it''s '{'x'}' {n}"})";
    quoted.pseudo = PseudoKind::Bidi;
    std::vector<Messages::LoadProblem> load_problems;
    CHECK(Messages::Load({quoted}, &load_problems).Format("k", {{"n", int64_t(3)}}) == "\u202Eit's {x} 3\u202C");
    CHECK(load_problems.empty());
    quoted.pseudo = PseudoKind::Accented;
    CHECK(Messages::Load({quoted}, &load_problems).Format("k", {{"n", int64_t(3)}}) == "[îţ'š {ẋ} 3 ·]");
    CHECK(VisualText(Pseudolocalize("Cart", PseudoKind::Bidi), true) == "traC");
    CHECK(Pseudolocalize("{broken", PseudoKind::Accented) == "{broken");
    CHECK(Pseudolocalize("Mm", PseudoKind::Accented) == "[Ḿḿ ]"); // letters the UI fonts have

    std::vector<Messages::LoadProblem> problems;
    Messages xa = LoadBundledMessages("en-XA", &problems);
    CHECK(problems.empty());
    CHECK(xa.locale() == "en-XA");
    CHECK(xa.Format("browse.count", {{"count", int64_t(2)}}) == "[2 þŕöðûçţš ··]");
    Messages en = LoadBundledMessages("en");
    // Longer than the source by about a third, for every shopper-facing message with letters.
    for (const char* key : {"browse.heading", "cart.quota_note", "search.hint", "tax.regime.general_trade_full_tax"}) {
        CAPTURE(key);
        size_t source = CountCodePoints(en.Format(key)), pseudo = CountCodePoints(xa.Format(key));
        CHECK(pseudo * 100 >= source * 125);
    }
    Messages xb = LoadBundledMessages("ar-XB", &problems);
    CHECK(problems.empty());
    CHECK(xb.Format("cart.title") == "\u202EYour cart\u202C");
    CHECK(FindLocale("ar-XB")->rtl);
}

TEST_CASE("product text follows the same fallback chain as the UI")
{
    LocalizedText title;
    title.Set("zh-Hans", "番茄酱");
    title.Set("en", "Tomato ketchup");
    title.Set("de-AT", "Paradeiser-Ketchup");
    title.Set("de", "Tomatenketchup");
    LocalizedText machine;
    machine.Set("zh-Hant", "番茄醬");
    auto choose = [&](const char* locale) { return ChooseText(title, machine, FallbackChain(locale)); };
    CHECK(choose("de-AT").text == "Paradeiser-Ketchup");
    CHECK(choose("de-CH").text == "Tomatenketchup");
    CHECK(choose("ja").text == "Tomato ketchup");
    CHECK(choose("ja").locale == "en");
    TextChoice hant = choose("zh-Hant");
    CHECK(hant.text == "番茄醬");
    CHECK(hant.machine_converted);
    title.Set("zh-Hant", "蕃茄醬"); // the merchant's own words win over the machine's
    CHECK(choose("zh-Hant").text == "蕃茄醬");
    CHECK_FALSE(choose("zh-Hant").machine_converted);

    LocalizedText only_ja;
    only_ja.Set("ja", "ケチャップ");
    CHECK(ChooseText(only_ja, {}, FallbackChain("fr")).text == "ケチャップ"); // something rather than nothing
    CHECK(ChooseText({}, {}, FallbackChain("fr")).text.empty());
}

TEST_SUITE("server-data")
{
TEST_CASE("zh-Hant takes what it lacks from zh-Hans through ICU's Hans-Hant conversion, marked")
{
    std::optional<std::string> converted = ConvertText("简体中文的数据", "Hans-Hant");
    REQUIRE(converted);
    CHECK(*converted == "簡體中文的數據");
    CHECK_FALSE(ConvertText("x", "No-Such-Transliterator"));

    Messages::Catalog hant, hans;
    hant.locale = "zh-Hant";
    hant.json = R"({"a": "購物車"})";
    hans.locale = "zh-Hans";
    hans.json = R"({"a": "购物车", "b": "共 {count} 条数据"})";
    hans.convert = "Hans-Hant";
    Messages m = Messages::Load({hant, hans}, nullptr, ConvertText);
    CHECK(m.Format("a") == "購物車");
    CHECK_FALSE(m.MachineConverted("a"));
    CHECK(m.Format("b", {{"count", int64_t(3)}}) == "共 3 條數據");
    CHECK(m.MachineConverted("b"));
    CHECK(m.SourceLocale("b") == "zh-Hans");

    std::vector<Product> products(2);
    products[0].title.Set("zh-Hans", "爱他美婴儿配方奶粉");
    products[1].title.Set("zh-Hans", "面霜");
    products[1].title.Set("zh-Hant", "面霜（台灣版）");
    ComputeMachineTitles(products);
    REQUIRE(products[0].machine_title.Find("zh-Hant"));
    CHECK(*products[0].machine_title.Find("zh-Hant") == "愛他美嬰兒配方奶粉");
    CHECK(products[1].machine_title.empty()); // the merchant gave one

    // What a zh-Hant shopper sees is what they can search for, and what names sort by.
    products[0].sku = "A";
    products[0].price = {100};
    products[1].sku = "B";
    products[1].price = {100};
    SearchIndex index;
    index.Build(products);
    SearchQuery q;
    q.text = "嬰兒配方";
    SearchResult r = index.Search(q);
    REQUIRE(r.total == 1);
    CHECK(r.hits[0] == 0);
    ComputeSearchKeys(products, {"zh-Hant"});
    CHECK(products[0].search.RankIn("zh-Hant") >= 0);
}
}
