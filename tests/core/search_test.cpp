// Search: normalisation, ranking, facets, sorting, narrowing; and (suite "server-data") the pinyin
// and collation keys the server computes, which need ICU data the browser does not download.
#include <doctest/doctest.h>

#include "core/search/search.h"
#include "core/search/search_keys.h"
#include "core/wire/catalog_json.h"
#include "tests/core/parity.h"

#include <algorithm>
#include <map>
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
    CHECK(NormalizeForSearch("a\x1f\x01" "b\x7f") == "a b"); // control characters are spaces
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

TEST_CASE("edge cases: an empty catalog; a locale ranked twice; half-width kana with its voiced mark")
{
    std::vector<Product> none;
    SearchIndex empty;
    empty.Build(none);
    SearchQuery q;
    for (const char* text : {"", "a", "ab", "奶粉"}) {
        q.text = text;
        q.price_band = 2;
        SearchResult r = empty.Search(q);
        CHECK(r.total == 0);
        CHECK(r.hits.empty());
        CHECK(r.text_matches.Count() == 0);
    }

    std::vector<Product> products = {Item("A", "甲", "Alpha", 100), Item("B", "乙", "Beta", 100), Item("C", "丙", "Gamma", 100)};
    products[0].search.rank = {{"en", 5}, {"en", 0}}; // the first counts, as in RankIn
    products[1].search.rank = {{"en", 1}};
    products[2].search.rank = {{"en", 2}};
    SearchIndex index;
    index.Build(products);
    q = SearchQuery{};
    q.order = SearchOrder::Name;
    q.locale = "en";
    CHECK(Skus(products, index.Search(q)) == std::vector<std::string>{"B", "C", "A"});

    // NFKC composes "ｶﾞ" into "ガ"; its voiced mark goes like any other mark, so the half-width
    // and the full-width forms find each other, and typing "ｶ" then "ｶﾞ" narrows.
    CHECK(NormalizeForSearch("ｶﾞﾑ") == NormalizeForSearch("ガム"));
    std::vector<Product> gum = {Item("G", "ガム", "Gum", 100), Item("K", "カメラ", "Camera", 100)};
    index.Build(gum);
    q = SearchQuery{};
    q.text = "ｶ";
    SearchResult first = index.Search(q);
    CHECK(first.total == 2);
    q.text = "ｶﾞﾑ";
    CHECK(Skus(gum, index.Search(q, &first.text_matches)) == std::vector<std::string>{"G"});
}

TEST_CASE("typing narrows within the previous matches and finds the same")
{
    CatalogParse sample = ParseCatalogJson(EmbeddedTestAssetView("sample_catalog"));
    SearchIndex index;
    index.Build(sample.catalog.products);
    SearchQuery q;
    ProductSet previous;
    for (std::string typed : {"a", "ap", "apt", "apta"}) {
        q.text = typed;
        SearchResult full = index.Search(q);
        SearchResult narrowed = typed.size() == 1 ? full : index.Search(q, &previous);
        CHECK(full.hits == narrowed.hits);
        previous = full.text_matches;
    }
    CHECK(previous.Count() == 2); // the two Aptamil products
}

// The rules of search_h read plainly, product by product: the specification the index's bitmaps
// and shortcuts must agree with.
namespace reference {

bool WordStart(const std::string& key, size_t at)
{
    return at == 0 || std::string_view(" -/,(.+").find(key[at - 1]) != std::string_view::npos;
}

int MatchClass(const Product& p, const std::string& q) // 0 whole key … 3 inside a word, 4 none
{
    if (q.empty()) return 0;
    std::vector<std::pair<std::string, bool>> keys; // normalised key, is the pinyin initials
    for (const auto& [locale, text] : p.title.entries) keys.push_back({NormalizeForSearch(text), false});
    for (const auto& [locale, text] : p.machine_title.entries) keys.push_back({NormalizeForSearch(text), false});
    for (const std::string* text : {&p.brand, &p.sku, &p.barcode, &p.search.pinyin}) keys.push_back({NormalizeForSearch(*text), false});
    keys.push_back({NormalizeForSearch(p.search.initials), true});
    int best = 4;
    for (const auto& [key, initials] : keys)
        for (size_t at = key.find(q); at != std::string::npos; at = key.find(q, at + 1))
            best = std::min(best, at == 0 && key.size() == q.size() ? 0 : at == 0 ? 1 : initials || WordStart(key, at) ? 2 : 3);
    return best;
}

SearchResult Search(const std::vector<Product>& products, const SearchQuery& query)
{
    SearchResult r;
    const std::string q = NormalizeForSearch(query.text);
    bool has_ranks = false;
    for (const Product& p : products) has_ranks |= p.search.RankIn(query.locale) >= 0;
    const bool catalog_order = q.empty() && query.order == SearchOrder::Relevance;
    std::map<std::string, int64_t> categories, origins;
    std::vector<std::tuple<int64_t, int64_t, int64_t, uint32_t>> order; // class or 0, price or 0, rank, index
    for (uint32_t i = 0; i < products.size(); i++) {
        const Product& p = products[i];
        int match = MatchClass(p, q);
        if (match == 4) continue;
        r.text_matches.words.resize((products.size() + 63) / 64);
        r.text_matches.words[i / 64] |= uint64_t(1) << (i % 64);
        bool cat_ok = query.category.empty() || p.category == query.category;
        bool origin_ok = query.origin_iso.empty() || p.origin_iso == query.origin_iso;
        bool band_ok = query.price_band < 0 || PriceBand(p.price) == query.price_band;
        if (origin_ok && band_ok) categories[p.category]++;
        if (cat_ok && band_ok) origins[p.origin_iso]++;
        if (cat_ok && origin_ok) r.price_bands[PriceBand(p.price)]++;
        if (!cat_ok || !origin_ok || !band_ok) continue;
        r.total++;
        int64_t rank = !catalog_order && has_ranks && p.search.RankIn(query.locale) >= 0 ? p.search.RankIn(query.locale) : int64_t(i);
        int64_t price = query.order == SearchOrder::PriceAscending ? p.price.fen : query.order == SearchOrder::PriceDescending ? -p.price.fen : 0;
        order.push_back({query.order == SearchOrder::Relevance ? match : 0, price, rank, i});
    }
    std::sort(order.begin(), order.end());
    for (const auto& hit : order)
        if (r.hits.size() < query.limit) r.hits.push_back(std::get<3>(hit));
    for (const auto& [value, count] : categories) r.categories.push_back({value, count});
    for (const auto& [value, count] : origins) r.origins.push_back({value, count});
    return r;
}

} // namespace reference

TEST_CASE("search agrees with the plain rules on random catalogs, typed a character at a time, in every order")
{
    // Few distinct pieces, so that queries match often, at every kind of position, across
    // separators, and in Chinese (three-byte characters that share bytes).
    const char* const pieces[] = {"a", "b", "n", "ab", "ba", "nai", "fen", "sh", " ", "-", "(", "+", "奶", "粉", "克", "茶", "1", "2", "É", "Ｂ", "\x1f", "\t", "ｶ", "ﾞ", "ガ", "한"};
    auto text = [&](Rng& rng, size_t most) {
        std::string s;
        for (size_t k = 1 + rng.Pick(most); k > 0; k--) s += pieces[rng.Pick(std::size(pieces))];
        return s;
    };
    for (uint64_t seed : {1, 2, 3, 4}) {
        CAPTURE(seed);
        Rng rng{seed};
        const size_t n = seed == 1 ? 70 : 300 + rng.Pick(400); // one word, and several, of products
        const size_t category_pool = seed == 2 ? 150 : 4;      // many categories, and few
        std::vector<Product> products(n);
        for (size_t i = 0; i < n; i++) {
            Product& p = products[i];
            p.sku = "S" + std::to_string(i);
            p.title.Set("zh-Hans", text(rng, 6));
            if (rng.Pick(3)) p.title.Set("en", text(rng, 8));
            if (rng.Pick(4) == 0) p.machine_title.Set("zh-Hant", text(rng, 3));
            p.brand = rng.Pick(5) ? std::string(pieces[rng.Pick(std::size(pieces))]) : text(rng, 3);
            if (rng.Pick(2)) p.barcode = std::to_string(rng.Next() % 100000);
            if (rng.Pick(2)) {
                p.search.pinyin = text(rng, 4);
                p.search.initials = text(rng, 3);
            }
            if (rng.Pick(10)) p.search.rank.push_back({"en", int32_t(rng.Pick(n))}); // some without, ties too
            p.price = Money{int64_t(rng.Pick(5)) * 100000 + int64_t(rng.Pick(3)) * 100};
            p.category = "c" + std::to_string(rng.Pick(category_pool));
            p.origin_iso = std::string(1, char('A' + rng.Pick(3))) + "X";
        }
        SearchIndex index;
        index.Build(products);
        for (int round = 0; round < 120; round++) {
            SearchQuery q;
            std::string typed;
            if (round % 3 == 0) { // a piece of some product's key, as a shopper would type it
                const Product& p = products[rng.Pick(n)];
                const std::string& key = rng.Pick(2) ? p.title.entries[0].second : p.brand;
                size_t from = rng.Pick(key.size());
                while (from > 0 && (static_cast<unsigned char>(key[from]) & 0xC0) == 0x80) from--;
                typed = key.substr(from, 1 + rng.Pick(8));
                while (!typed.empty() && !IsValidUtf8(typed)) typed.pop_back();
            } else {
                typed = text(rng, 3);
            }
            if (round % 7 == 0) typed = round % 2 ? "A" : "";
            q.order = static_cast<SearchOrder>(rng.Pick(4));
            q.locale = rng.Pick(3) ? "en" : "zh-Hans";
            q.limit = std::vector<size_t>{0, 1, 5, 50, SIZE_MAX}[rng.Pick(5)];
            if (rng.Pick(3) == 0) q.category = rng.Pick(8) ? "c" + std::to_string(rng.Pick(category_pool)) : "none";
            if (rng.Pick(3) == 0) q.origin_iso = std::string(1, char('A' + rng.Pick(4))) + "X";
            if (rng.Pick(3) == 0) q.price_band = int(rng.Pick(kPriceBandCount));
            // Every prefix in turn, each narrowed within the previous one's matches when its text,
            // normalised, contains the previous one (as the web app does).
            ProductSet previous;
            std::string previous_text;
            for (size_t len = 0; len <= typed.size(); len++) {
                if (len < typed.size() && (static_cast<unsigned char>(typed[len]) & 0xC0) == 0x80) continue;
                q.text = typed.substr(0, len);
                const std::string normalized = NormalizeForSearch(q.text);
                const bool narrow = len > 0 && normalized.find(previous_text) != std::string::npos;
                previous_text = normalized;
                CAPTURE(q.text);
                CAPTURE(int(q.order));
                CAPTURE(q.limit);
                SearchResult want = reference::Search(products, q);
                SearchResult got = index.Search(q, narrow ? &previous : nullptr);
                REQUIRE(got.hits == want.hits);
                CHECK(got.total == want.total);
                CHECK(got.text_matches.Indices() == want.text_matches.Indices());
                CHECK(std::equal(std::begin(got.price_bands), std::end(got.price_bands), std::begin(want.price_bands)));
                auto same = [](const std::vector<FacetCount>& a, const std::vector<FacetCount>& b) {
                    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const FacetCount& x, const FacetCount& y) {
                               return x.value == y.value && x.count == y.count;
                           });
                };
                CHECK(same(got.categories, want.categories));
                CHECK(same(got.origins, want.origins));
                previous = got.text_matches;
            }
        }
    }
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
