// Suggestions for the customs fields a plain export lacks (core/import/customs_suggestion.h): an HS
// heading from keywords in the nine languages, an origin named in the text, a legal quantity and
// its unit, a SKU from the handle and options.
#include "core/import/customs_suggestion.h"

#include <doctest/doctest.h>

using namespace bondstore;

namespace {

HsKeywordTable Table()
{
    HsKeywordTable t;
    t.headings = {{"3304", "3304990099", {{"en", {"lipstick", "make-up"}}, {"ja", {"口紅"}}}},
                  {"330499", "3304990099", {{"en", {"face cream", "body lotion", "serum"}}, {"zh-Hans", {"面霜", "精华"}}, {"de", {"gesichtscreme"}}}},
                  {"19011010", "1901101010", {{"en", {"infant formula", "follow-on milk"}}, {"zh-Hans", {"婴儿奶粉", "奶粉"}}}},
                  {"9102", "9102210090", {{"en", {"watch", "watches"}}, {"ru", {"часы"}}}},
                  {"9101", "", {{"en", {"gold watch"}}}}};
    return t;
}

} // namespace

TEST_CASE("customs suggestion: an HS heading from the title, type and tags, in any of the languages")
{
    HsSuggester hs(Table());
    CHECK(hs.Suggest("Aptamil Profutura Follow-on Milk Stage 2, 800 g").heading == "19011010");
    CHECK(hs.Suggest("Aptamil Profutura Follow-on Milk Stage 2, 800 g").keyword == "follow-on milk");
    CHECK(hs.Suggest("Aptamil Profutura Follow-on Milk Stage 2, 800 g").code == "1901101010");
    CHECK(hs.Suggest("爱他美 婴儿奶粉 3段").heading == "19011010");
    CHECK(hs.Suggest("SK-II 精华 230ml").heading == "330499");
    CHECK(hs.Suggest("Hydrating FACE CREAM | Skincare").heading == "330499");
    CHECK(hs.Suggest("Feuchtigkeitsspendende Tagesgesichtscreme").heading.empty()); // (whole words only: a compound is missed)
    CHECK(hs.Suggest("Nivea Gesichtscreme 50 ml").heading == "330499");
    CHECK(hs.Suggest("資生堂 口紅 VisionAiry").heading == "3304");
    CHECK(hs.Suggest("Seiko 18k gold watch").heading == "9101");  // the longer keyword wins
    CHECK(hs.Suggest("Casio watches for men").heading == "9102");
    CHECK(hs.Suggest("Мужские часы Casio").heading == "9102");
    CHECK(hs.Suggest("Stopwatch timer").heading.empty()); // ("watch" inside a word)
    CHECK(hs.Suggest("Gardening gloves, green").heading.empty());
    CHECK(hs.Suggest("").heading.empty());
}

TEST_CASE("customs suggestion: the one country a text names, in the nine languages")
{
    OriginSuggester origin;
    CHECK(origin.Suggest("Made in Japan") == "JP");
    CHECK(origin.Suggest("Japanese skincare") == "JP");
    CHECK(origin.Suggest("日本製 化粧水") == "JP");
    CHECK(origin.Suggest("Product of New Zealand, grass-fed") == "NZ");
    CHECK(origin.Suggest("Hergestellt in Deutschland") == "DE");
    CHECK(origin.Suggest("Fabriqué en France") == "FR");
    CHECK(origin.Suggest("Страна: Германия") == "DE");
    CHECK(origin.Suggest("Сделано в Германии") == "DE"); // ("made in": the prepositional case)
    CHECK(origin.Suggest("Papua New Guinea coffee") == "PG"); // (not Guinea too)
    CHECK(origin.Suggest("Designed in Italy, made in China").empty()); // two countries: none
    CHECK(origin.Suggest("Organic cotton tote").empty());
    CHECK(origin.Suggest("Black, Suede").empty()); // (French "Suède" is Sweden: marks are kept)
    CHECK(origin.Suggest("Fabriqué en Suède") == "SE");
}

TEST_CASE("customs suggestion: a legal quantity and its unit from the title or options")
{
    auto q = [](const char* text) {
        QuantitySuggestion s = SuggestLegalQuantity(text);
        return s.unit.empty() ? std::string() : FormatDecimal(s.qty) + " " + s.unit;
    };
    CHECK(q("Aptamil Stage 3, 800 g") == "800 g");
    CHECK(q("Hand cream 50ml") == "50 ml");
    CHECK(q("Olive oil 1,5 L") == "1.5 L");
    CHECK(q("Beer 12 x 330 ml") == "3960 ml");
    CHECK(q("Beer 6×500ml") == "3000 ml");
    CHECK(q("Honey 1.2kg jar") == "1.2 kg");
    CHECK(q("Whisky 70cl") == "700 ml");
    CHECK(q("Coffee beans 250 grams") == "250 g");
    CHECK(q("奶粉 800克") == "800 g");
    CHECK(q("Lip gloss, shade 101") == "");
    CHECK(q("Size 10 gloves") == "");
}

TEST_CASE("customs suggestion: a SKU from the handle and the option values")
{
    CHECK(SuggestSku("gardening-gloves", {"Green"}) == "GARDENING-GLOVES-GREEN");
    CHECK(SuggestSku("classic-varsity-top", {"Default Title"}) == "CLASSIC-VARSITY-TOP");
    CHECK(SuggestSku("t-shirt", {"Red / Blue", "XL"}) == "T-SHIRT-RED-BLUE-XL");
    CHECK(SuggestSku("中文", {}) == "");
    CHECK(SuggestSku(std::string(80, 'a'), {}).size() == 64);
}
