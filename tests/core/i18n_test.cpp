#include <doctest/doctest.h>

#include "core/i18n/formatting.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/message_pattern.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace bondstore;

TEST_CASE("ICU is the version both builds were made with")
{
    CHECK(IcuVersion() == "72.1");
}

TEST_CASE("CNY prices are formatted by ICU for the shopper's locale")
{
    PriceFormatter zh("zh-Hans"), en("en");
    CHECK(zh.Format({29800}) == "¥298.00");
    CHECK(en.Format({29800}) == "CN¥298.00");
    CHECK(zh.Format({123456789}) == "¥1,234,567.89");
    CHECK(en.Format({5}) == "CN¥0.05");
    CHECK(en.Format({-150}) == "-CN¥1.50");
    CHECK(en.FormatYuanDecimal("0.912") == "CN¥0.912");
    CHECK(zh.FormatYuanDecimal("10") == "¥10.00");
    CHECK(zh.FormatYuanDecimal("0.22271") == "¥0.2227");
    CHECK(zh.FormatYuanDecimal("x").empty());
    // Never through a double: the largest amount keeps every fen.
    CHECK(en.Format({kMaxFen - 1}) == "CN¥9,999,999,999.99");
}

static Messages::Catalog Cat(const char* locale, std::string_view json)
{
    Messages::Catalog c;
    c.locale = locale;
    c.json = json;
    return c;
}

static std::vector<std::pair<std::string, std::string>> Entries(std::string_view json)
{
    std::vector<std::pair<std::string, std::string>> out;
    auto doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    REQUIRE(doc.is_object());
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.value().is_string()) out.emplace_back(it.key(), it.value().get<std::string>());
    return out;
}

TEST_CASE("nine locales: every catalog loads, every pattern compiles, every key is translated or allowed to fall back")
{
    std::vector<LocaleInfo> locales = BundledLocales();
    std::vector<std::string> tags;
    for (const LocaleInfo& l : locales) tags.push_back(l.tag);
    CHECK(tags == std::vector<std::string>{"zh-Hans", "zh-Hant", "en", "ja", "ko", "ru", "de", "fr", "ar"});
    auto source = Entries(EmbeddedI18nFile(SourceLocale()));
    REQUIRE(source.size() > 200);
    for (const LocaleInfo& l : locales) {
        CAPTURE(l.tag);
        CHECK(!l.name.empty());
        std::vector<Messages::LoadProblem> problems;
        Messages m = LoadBundledMessages(l.tag, &problems);
        for (const auto& p : problems) FAIL_CHECK(p.locale << " " << p.key << " " << p.error);
        auto own = Entries(EmbeddedI18nFile(l.tag));
        std::map<std::string, std::string> translated(own.begin(), own.end());
        for (const auto& entry : source) {
            const std::string& key = entry.first;
            const std::string& text = entry.second;
            CAPTURE(key);
            auto it = translated.find(key);
            if (it == translated.end()) {
                bool allowed = false;
                for (const std::string& prefix : l.may_fall_back) allowed |= key.rfind(prefix, 0) == 0;
                CHECK_MESSAGE(allowed, "missing and not allowed to fall back (locales.json may_fall_back)");
                continue;
            }
            CHECK(m.SourceLocale(key) == l.tag);
            // The same placeholders as the source: a translation that drops {value} loses information,
            // one that invents {valu} shows the raw name.
            std::map<std::string, std::string> want, got;
            REQUIRE(MessageArguments(text, &want));
            CHECK_MESSAGE(MessageArguments(it->second, &got), it->second);
            CHECK_MESSAGE(CompatibleArguments(want, got), DescribeArguments(got) << " vs the source's " << DescribeArguments(want));
        }
        for (const auto& entry : own) {
            const std::string key = entry.first; // (clang 14 cannot capture a structured binding)
            CAPTURE(key);
            CHECK_MESSAGE(std::any_of(source.begin(), source.end(), [&](const auto& e) { return e.first == key; }),
                          "a key the source does not have");
        }
    }
}

TEST_CASE("the shopper never meets machine conversion or a fallback in a shipped locale")
{
    // zh-Hant could take text from zh-Hans through ICU's Hans-Hant transliterator, but the browser's
    // ICU data has no transliteration rules: every shopper-facing key is translated by hand.
    for (const LocaleInfo& l : BundledLocales()) {
        CAPTURE(l.tag);
        Messages m = LoadBundledMessages(l.tag);
        for (const auto& entry : Entries(EmbeddedI18nFile(SourceLocale()))) {
            const std::string& key = entry.first;
            if (key.rfind("problem.", 0) == 0) continue;
            CAPTURE(key);
            CHECK(m.SourceLocale(key) == l.tag);
            CHECK_FALSE(m.MachineConverted(key));
        }
    }
}

TEST_CASE("a price, a plural, a date, a unit, a country and a currency name in every locale")
{
    // Run in WebAssembly against the browser's filtered ICU data too: a locale item the filter
    // drops shows up here as a fallback to root ("CN¥", "Japan" in Russian, "2025-01-31").
    struct Expect { const char* tag; const char* price; const char* count; const char* made_in; const char* size; const char* date; const char* usd; };
    const Expect expect[] = {
        {"zh-Hans", "¥1,234.50", "共 3 件商品", "日本制造", "50毫升", "2025年1月31日", "美元"},
        {"zh-Hant", "CN¥1,234.50", "共 3 件商品", "日本製造", "50 毫升", "2025年1月31日", "美元"},
        {"en", "CN¥1,234.50", "3 products", "Made in Japan", "50 mL", "Jan 31, 2025", "US Dollar"},
        {"ja", "元\u00A01,234.50", "3件の商品", "日本製", "50 ml", "2025/01/31", "米ドル"},
        {"ko", "CN¥1,234.50", "상품 3개", "일본 제조", "50mL", "2025. 1. 31.", "미국 달러"},
        {"ru", "1\u00A0234,50\u00A0CN¥", "3 товара", "Страна производства: Япония", "50 мл", "31 янв. 2025\u202Fг.", "доллар США"},
        {"de", "1.234,50\u00A0CN¥", "3 Produkte", "Herkunftsland: Japan", "50\u00A0ml", "31.01.2025", "US-Dollar"},
        {"fr", "1\u202F234,50\u00A0CNY", "3 produits", "Origine\u202F: Japon", "50 ml", "31 janv. 2025", "dollar des États-Unis"},
        {"ar", "\u200F١٬٢٣٤٫٥٠\u00A0CN¥", "٣ منتجات", "صُنع في اليابان", "٥٠ ملتر", "٣١\u200F/٠١\u200F/٢٠٢٥", "دولار أمريكي"},
    };
    for (const Expect& e : expect) {
        CAPTURE(e.tag);
        Messages m = LoadBundledMessages(e.tag);
        CHECK(PriceFormatter(e.tag).Format({123450}) == e.price);
        CHECK(m.Format("browse.count", {{"count", int64_t(3)}}) == e.count);
        CHECK(m.Format("product.made_in", {{"country", CountryName("JP", e.tag)}}) == e.made_in);
        CHECK(FormatQuantity(Decimal{50, 0}, "ml", e.tag) == e.size);
        CHECK(FormatDate({2025, 1, 31}, e.tag) == e.date);
        CHECK(CurrencyName("USD", e.tag) == e.usd);
    }
}

TEST_CASE("messages use ICU plural rules and fall back along the chain")
{
    Messages en = LoadBundledMessages("en");
    CHECK(en.Format("browse.count", {{"count", int64_t(0)}}) == "No products");
    CHECK(en.Format("browse.count", {{"count", int64_t(1)}}) == "1 product");
    CHECK(en.Format("browse.count", {{"count", int64_t(1234)}}) == "1,234 products");
    Messages zh = LoadBundledMessages("zh-Hans");
    CHECK(zh.Format("browse.count", {{"count", int64_t(36)}}) == "共 36 件商品");
    CHECK(zh.Format("no.such.key") == "no.such.key"); // visible, never blank

    CHECK(FallbackChain("en") == std::vector<std::string>{"en", "zh-Hans"});
    CHECK(FallbackChain("zh-Hans") == std::vector<std::string>{"zh-Hans", "en"});
    CHECK(FallbackChain("zh-Hant") == std::vector<std::string>{"zh-Hant", "zh-Hans", "en"});
    CHECK(FallbackChain("de-AT") == std::vector<std::string>{"de-AT", "de", "en", "zh-Hans"});
    CHECK(FallbackChain("ar") == std::vector<std::string>{"ar", "en", "zh-Hans"});
    CHECK(FallbackChain("en-XA") == std::vector<std::string>{"en-XA", "en", "zh-Hans"});
    CHECK(FallbackChain("xx") == std::vector<std::string>{"xx", "zh-Hans", "en"});
    CHECK(FallbackChain("not a tag") == std::vector<std::string>{"zh-Hans", "en"});
    CHECK(FallbackChain("") == std::vector<std::string>{"zh-Hans", "en"});
    // As people and tools spell tags.
    CHECK(FallbackChain("DE_at") == std::vector<std::string>{"DE-at", "de", "en", "zh-Hans"});
    CHECK(FallbackChain("zh_hant") == std::vector<std::string>{"zh-Hant", "zh-Hans", "en"});
    CHECK(FindLocale("EN") == FindLocale("en"));

    // A key a catalog lacks comes from the next one in the chain, and says where it came from.
    std::vector<Messages::LoadProblem> problems;
    Messages de = Messages::Load({Cat("de", R"({"a": "Hallo"})"), Cat("en", R"({"a": "Hello", "b": "{n, plural, one {# item} other {# items}}"})")}, &problems);
    CHECK(problems.empty());
    CHECK(de.Format("a") == "Hallo");
    CHECK(de.SourceLocale("a") == "de");
    CHECK(de.SourceLocale("b") == "en");
    CHECK(de.Format("b", {{"n", int64_t(2)}}) == "2 items");
}

TEST_CASE("a broken pattern is found at load time")
{
    std::vector<Messages::LoadProblem> problems;
    Messages m = Messages::Load({Cat("en", R"({"ok": "fine", "bad": "{count, plural, one {x}"})")}, &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].key == "bad");
    CHECK(m.Format("ok") == "fine");
    problems.clear();
    Messages::Load({Cat("en", "not json")}, &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].error == "json.syntax");
}

TEST_CASE("locale negotiation from browser languages and Accept-Language")
{
    CHECK(NegotiateLocale({"en-US", "en"}) == "en");
    CHECK(NegotiateLocale({"zh-CN"}) == "zh-Hans");
    CHECK(NegotiateLocale({"zh"}) == "zh-Hans");
    CHECK(NegotiateLocale({"zh_Hans_SG"}) == "zh-Hans");
    CHECK(NegotiateLocale({"xx-YY", "en-GB"}) == "en");
    CHECK(NegotiateLocale({}) == "zh-Hans");
    CHECK(NegotiateLocale({"tlh"}) == "zh-Hans");

    CHECK(ParseAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8") == std::vector<std::string>{"en-US", "en", "zh-CN"});
    CHECK(ParseAcceptLanguage("en;q=0.5, zh-CN") == std::vector<std::string>{"zh-CN", "en"});
    CHECK(ParseAcceptLanguage("zh-CN;q=0, en") == std::vector<std::string>{"en"});
    CHECK(ParseAcceptLanguage("*;q=0.1, de;q=0.25") == std::vector<std::string>{"de"});
    CHECK(ParseAcceptLanguage("") == std::vector<std::string>{});
    CHECK(NegotiateLocale(ParseAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8")) == "fr");
    CHECK(NegotiateLocale({"zh-TW"}) == "zh-Hant");
    CHECK(NegotiateLocale({"zh-HK"}) == "zh-Hant");
    CHECK(NegotiateLocale({"de-AT"}) == "de");
    CHECK(NegotiateLocale({"ar-SA"}) == "ar");
    CHECK(NegotiateLocale({"pt-BR", "ja-JP"}) == "ja");
}
