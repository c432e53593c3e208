// Search: normalisation, ranking, facets, sorting, narrowing; and (suite "server-data") the pinyin
// and collation keys the server computes, which need ICU data the browser does not download.
#include <doctest/doctest.h>

#include "core/search.h"
#include "core/search_keys.h"
#include "core/wire.h"
#include "tests/core/parity.h"

#include <algorithm>
#include <set>

using namespace bondstore;
using namespace bondstore::test;

namespace {

Product Item(const char* sku, const char* zh, const char* en, int64_t price_fen, const char* category = "snacks",
             const char* origin = "JP")
{
    Product p;
    p.sku = sku;
    p.title.Set("zh-Hans", zh);
    p.title.Set("en", en);
    p.price = Money{price_fen};
    p.category = category;
    p.origin_iso = origin;
    return p;
}

std::vector<std::string> Skus(const std::vector<Product>& products, const SearchResult& r)
{
    std::vector<std::string> out;
    for (uint32_t i : r.hits) out.push_back(products[i].sku);
    return out;
}

} // namespace

TEST_CASE("search text is normalised: case, width, accents, spaces")
{
    CHECK(NormalizeForSearch("Crème de la MER") == "creme de la mer");
    CHECK(NormalizeForSearch("ＡＢＣ１２３") == "abc123");
    CHECK(NormalizeForSearch("  Straße \t 2  ") == "strasse 2");
    CHECK(NormalizeForSearch("奶粉") == "奶粉");
    CHECK(NormalizeForSearch("Ａｖèｎｅ") == "avene");
    CHECK(NormalizeForSearch("") == "");
}

TEST_CASE("ranking: a whole key, then a key's start, then a word's start, then anywhere")
{
    std::vector<Product> products = {
        Item("P1", "香蕉饼干", "Tea biscuits", 1000),     // "tea" starts the title
        Item("P2", "红茶", "Black tea", 2000),            // starts a word
        Item("P3", "茶", "Tea", 3000),                    // the whole title
        Item("P4", "牛排", "Steak", 4000),                // "tea" inside a word
        Item("P5", "咖啡", "Coffee", 5000),               // no match
    };
    SearchIndex index;
    index.Build(products);
    SearchQuery q;
    q.text = "TEA";
    SearchResult r = index.Search(q);
    CHECK(Skus(products, r) == std::vector<std::string>{"P3", "P1", "P2", "P4"});
    CHECK(r.total == 4);
    q.text = "";
    CHECK(index.Search(q).total == 5);
    q.text = "茶";
    CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"P3", "P2"});
    q.text = "p4";
    CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"P4"}); // SKUs are keys too
    q.text = "zzz";
    CHECK(index.Search(q).total == 0);
}

TEST_CASE("facets count what choosing a value would give; sorting by price and limits")
{
    std::vector<Product> products = {
        Item("A", "甲", "Alpha snack", 5000, "snacks", "JP"),  Item("B", "乙", "Beta snack", 25000, "snacks", "KR"),
        Item("C", "丙", "Gamma snack", 150000, "tea", "JP"),   Item("D", "丁", "Delta snack", 800000, "tea", "GB"),
        Item("E", "戊", "Epsilon", 900, "tea", "GB"),
    };
    SearchIndex index;
    index.Build(products);
    SearchQuery q;
    q.text = "snack";
    q.category = "tea";
    SearchResult r = index.Search(q);
    CHECK(r.total == 2);
    // Categories are counted ignoring the category filter, other facets applied.
    REQUIRE(r.categories.size() == 2);
    CHECK(r.categories[0].value == "snacks");
    CHECK(r.categories[0].count == 2);
    CHECK(r.categories[1].count == 2);
    CHECK(r.origins.size() == 2); // JP (C), GB (D)
    CHECK(r.price_bands[3] == 1);
    CHECK(r.price_bands[4] == 1);

    q.category.clear();
    q.order = SearchOrder::PriceDescending;
    CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"D", "C", "B", "A"});
    q.order = SearchOrder::PriceAscending;
    q.limit = 2;
    SearchResult two = index.Search(q);
    CHECK(Skus(products, two) == std::vector<std::string>{"A", "B"});
    CHECK(two.total == 4);
    q.limit = SIZE_MAX;
    q.price_band = PriceBand(Money{25000});
    CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"B"});
    CHECK(PriceBandLow(4).fen == 500000);
}

TEST_CASE("typing narrows within the previous matches and finds the same")
{
    CatalogParse sample = ParseCatalogJson(EmbeddedTestAssetView("sample_catalog"));
    SearchIndex index;
    index.Build(sample.catalog.products);
    SearchQuery q;
    std::vector<uint32_t> previous;
    for (std::string typed : {"a", "ap", "apt", "apta"}) {
        q.text = typed;
        SearchResult full = index.Search(q);
        SearchResult narrowed = typed.size() == 1 ? full : index.Search(q, &previous);
        CHECK(full.hits == narrowed.hits);
        previous = full.text_matches;
    }
    CHECK(previous.size() == 2); // the two Aptamil products
}

TEST_SUITE("server-data")
{
    TEST_CASE("pinyin and initials of Chinese titles: \"nf\" and \"naifen\" find 奶粉")
    {
        PinyinTransliterator t;
        REQUIRE(t.ok());
        PinyinTransliterator::Keys k = t.Transliterate("婴儿配方奶粉 3段 800克");
        CHECK(k.full == "yingerpeifangnaifen 3duan 800ke");
        CHECK(k.initials == "yepfnf 3d 800k");
        CHECK(t.Transliterate("SK-II 神仙水").full == "sk-ii shenxianshui");

        CatalogParse sample = ParseCatalogJson(EmbeddedTestAssetView("sample_catalog"));
        std::vector<Product>& products = sample.catalog.products;
        ComputeSearchKeys(products, {"zh-Hans", "en"});
        SearchIndex index;
        index.Build(products);
        for (const char* typed : {"nf", "naifen", "奶粉"}) {
            CAPTURE(typed);
            SearchQuery q;
            q.text = typed;
            SearchResult r = index.Search(q);
            std::set<std::string> found;
            for (uint32_t i : r.hits) found.insert(products[i].category);
            CHECK(found.count("infant_formula"));
            int formula = 0;
            for (uint32_t i : r.hits) formula += products[i].category == "infant_formula";
            CHECK(formula == 5);
        }
    }

    TEST_CASE("names sort in the shopper's locale: pinyin order for zh-Hans, alphabetical for en")
    {
        std::vector<Product> products = {
            Item("Z", "中国茶", "Zen tea", 100), Item("A", "爱他美", "Aptamil", 100), Item("B", "奔富", "Penfolds", 100),
        };
        ComputeSearchKeys(products, {"zh-Hans", "en"});
        SearchIndex index;
        index.Build(products);
        SearchQuery q;
        q.order = SearchOrder::Name;
        q.locale = "zh-Hans";
        CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"A", "B", "Z"}); // ai, ben, zhong
        q.locale = "en";
        CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"A", "B", "Z"}); // Aptamil, Penfolds, Zen
        products[1].title.Set("en", "Yummy formula");
        ComputeSearchKeys(products, {"zh-Hans", "en"});
        index.Build(products);
        CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"B", "A", "Z"});
    }
}
