#include <doctest/doctest.h>

#include "core/i18n_bundle.h"

#include <nlohmann/json.hpp>

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

TEST_CASE("every bundled catalog loads, every pattern compiles, and every key exists in every locale")
{
    auto keys_of = [](std::string_view json) {
        std::vector<std::string> keys;
        auto doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
        REQUIRE(doc.is_object());
        for (auto it = doc.begin(); it != doc.end(); ++it) keys.push_back(it.key());
        return keys;
    };
    std::vector<LocaleInfo> locales = BundledLocales();
    REQUIRE(locales.size() >= 2);
    std::vector<std::string> reference = keys_of(EmbeddedI18nFile(DefaultLocale()));
    for (const LocaleInfo& l : locales) {
        CAPTURE(l.tag);
        std::vector<Messages::LoadProblem> problems;
        Messages m = LoadBundledMessages(l.tag, &problems);
        for (const auto& p : problems) INFO(p.locale << " " << p.key << " " << p.error);
        CHECK(problems.empty());
        for (const std::string& key : reference) {
            CAPTURE(key);
            CHECK(m.SourceLocale(key) == l.tag); // present in the locale itself, not a fallback
        }
        CHECK(keys_of(EmbeddedI18nFile(l.tag)).size() == reference.size());
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
    CHECK(FallbackChain("xx") == std::vector<std::string>{"zh-Hans", "en"});
}

TEST_CASE("a broken pattern is found at load time")
{
    std::vector<Messages::LoadProblem> problems;
    Messages m = Messages::Load({{"en", R"({"ok": "fine", "bad": "{count, plural, one {x}"})"}}, &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].key == "bad");
    CHECK(m.Format("ok") == "fine");
    problems.clear();
    Messages::Load({{"en", "not json"}}, &problems);
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
    CHECK(NegotiateLocale(ParseAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8")) == "en");
}
