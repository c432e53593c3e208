// Search latency per keystroke over 50,000 products: the same program natively and as WebAssembly
// under node (bench/run.sh search prints them side by side).
//
// Products are generated (Chinese and English titles, brands, SKUs, pinyin keys as the server would
// ship them). "Typing" a query sends each prefix in turn, as the web app does: every keystroke
// narrows within the previous keystroke's matches. Reported: p50 and p99 per keystroke, and the
// same for a cold full search of each prefix (what a search from scratch costs).
//
// With --catalog=FILE, the products are a catalog file's (bench/gen_catalog.py: realistic names,
// brands and descriptions), given their search keys as the server gives them, and the queries are
// taken from their own words.
//
//   bondstore-search-bench LABEL [--icu-data=PATH] [--products=N] [--catalog=FILE] [--budget-ms=X] [--worst=N]
//
// With --budget-ms, exits 1 (after printing) when the typing p50 exceeds X ms: the web app's
// budget is 2 ms per keystroke over 50,000 products in WebAssembly (issue 8).
#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"
#include "core/catalog/catalog.h"
#include "core/search/search.h"
#include "core/search/search_keys.h"
#include "core/wire/catalog_json.h"
#include "tests/core/parity.h" // the same deterministic generator as the parity digest

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace bondstore;

namespace {


struct Syllable { const char* han; const char* pinyin; };
const Syllable kSyllables[] = {
    {"奶", "nai"}, {"粉", "fen"}, {"婴", "ying"}, {"儿", "er"}, {"配", "pei"}, {"方", "fang"}, {"精", "jing"},
    {"华", "hua"}, {"面", "mian"}, {"霜", "shuang"}, {"红", "hong"}, {"酒", "jiu"}, {"茶", "cha"}, {"蜂", "feng"},
    {"蜜", "mi"}, {"油", "you"}, {"橄", "gan"}, {"榄", "lan"}, {"巧", "qiao"}, {"克", "ke"}, {"力", "li"},
    {"维", "wei"}, {"生", "sheng"}, {"素", "su"}, {"鱼", "yu"}, {"手", "shou"}, {"表", "biao"}, {"吹", "chui"},
    {"风", "feng"}, {"机", "ji"}, {"牙", "ya"}, {"刷", "shua"}, {"口", "kou"}, {"香", "xiang"}, {"水", "shui"},
};
const char* const kWords[] = {"milk", "formula", "cream", "serum", "wine", "tea", "honey", "oil", "chocolate",
                              "vitamin", "fish", "watch", "dryer", "brush", "lipstick", "perfume", "organic", "gold"};
const char* const kBrands[] = {"Aptamil", "a2", "Meiji", "Shiseido", "Lindt", "Comvita", "Swisse", "Penfolds",
                               "Tissot", "Dyson", "Philips", "Borges", "Twinings", "Blackmores", "Lotus", "Royce"};

double Percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char** argv)
{
    const char* label = argc > 1 ? argv[1] : "native";
    size_t count = 50000;
    double budget_ms = 0;
    size_t worst = 0; // --worst=N: list the N slowest keystrokes
    std::string catalog_file;
    static std::vector<char> icu;
    for (int i = 2; i < argc; i++) {
        if (std::strncmp(argv[i], "--products=", 11) == 0) count = size_t(std::atol(argv[i] + 11));
        if (std::strncmp(argv[i], "--budget-ms=", 12) == 0) budget_ms = std::atof(argv[i] + 12);
        if (std::strncmp(argv[i], "--worst=", 8) == 0) worst = size_t(std::atol(argv[i] + 8));
        if (std::strncmp(argv[i], "--catalog=", 10) == 0) catalog_file = argv[i] + 10;
        if (std::strncmp(argv[i], "--icu-data=", 11) == 0) {
            FILE* f = std::fopen(argv[i] + 11, "rb");
            if (!f) return 2;
            std::fseek(f, 0, SEEK_END);
            icu.resize(size_t(std::ftell(f)));
            std::fseek(f, 0, SEEK_SET);
            if (std::fread(icu.data(), 1, icu.size(), f) != icu.size()) return 2;
            std::fclose(f);
            std::string error;
            if (!InstallIcuData(icu.data(), &error)) return 2;
        }
    }

    test::Rng rng{50000};
    std::vector<Product> products(catalog_file.empty() ? count : 0);
    if (!catalog_file.empty()) {
        std::string text;
        FILE* f = std::fopen(catalog_file.c_str(), "rb");
        if (!f) { std::fprintf(stderr, "cannot read %s\n", catalog_file.c_str()); return 2; }
        char buf[1 << 16];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
        std::fclose(f);
        CatalogParse parsed = ParseCatalogJson(text);
        if (!parsed.ok()) { std::fprintf(stderr, "%s is not a valid catalog\n", catalog_file.c_str()); return 2; }
        products = std::move(parsed.catalog.products);
        std::vector<std::string> locales;
        for (const LocaleInfo& l : BundledLocales()) locales.push_back(l.tag);
        ComputeMachineTitles(products);
        ComputeSearchKeys(products, locales);
        count = products.size();
    }
    for (size_t i = 0; i < products.size() && catalog_file.empty(); i++) {
        Product& p = products[i];
        std::string zh, pinyin, initials, en;
        size_t n = 3 + rng.Pick(6);
        for (size_t k = 0; k < n; k++) {
            const Syllable& s = kSyllables[rng.Pick(std::size(kSyllables))];
            zh += s.han;
            pinyin += s.pinyin;
            initials += s.pinyin[0];
        }
        for (size_t k = 0; k < 3 + rng.Pick(3); k++) en += std::string(k ? " " : "") + kWords[rng.Pick(std::size(kWords))];
        p.brand = kBrands[rng.Pick(std::size(kBrands))];
        p.sku = "SKU-" + std::to_string(100000 + i);
        p.title.Set("zh-Hans", p.brand + " " + zh + " " + std::to_string(50 + rng.Pick(900)) + "克");
        p.title.Set("en", p.brand + " " + en);
        p.search.pinyin = pinyin;
        p.search.initials = initials;
        p.price = Money{int64_t(1000 + rng.Pick(500000))};
        p.category = kWords[rng.Pick(6)];
        p.origin_iso = "JP";
    }
    auto t0 = std::chrono::steady_clock::now();
    SearchIndex index;
    index.Build(products);
    double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    // Queries a shopper types: pinyin, initials, English words, brands, Chinese characters.
    std::vector<std::string> queries;
    for (int i = 0; i < 200; i++) {
        const Product& p = products[rng.Pick(count)];
        if (!catalog_file.empty()) { // the product's own words
            const std::string* en_text = p.title.Find("en");
            const std::string* zh_text = p.title.Find("zh-Hans");
            std::string en = en_text ? *en_text : std::string(), zh = zh_text ? *zh_text : std::string();
            std::vector<std::string> words;
            for (size_t at = 0; at < en.size();) {
                size_t end = std::min(en.find(' ', at), en.size());
                if (end - at >= 3) words.push_back(en.substr(at, end - at));
                at = end + 1;
            }
            size_t space = zh.find(' ');
            std::string han = space == std::string::npos ? zh : zh.substr(space + 1); // after the brand
            switch (i % 5) {
            case 0: queries.push_back(p.search.pinyin.substr(0, 3 + rng.Pick(6))); break;
            case 1: queries.push_back(p.search.initials.substr(0, 2 + rng.Pick(2))); break;
            case 2: queries.push_back(words.empty() ? p.brand : words[rng.Pick(words.size())]); break;
            case 3: queries.push_back(p.brand); break;
            default: queries.push_back(han.substr(0, 6)); break; // two characters
            }
            continue;
        }
        switch (i % 5) {
        case 0: queries.push_back(p.search.pinyin.substr(0, 3 + rng.Pick(6))); break;
        case 1: queries.push_back(p.search.initials.substr(0, 2 + rng.Pick(2))); break;
        case 2: queries.push_back(kWords[rng.Pick(std::size(kWords))]); break;
        case 3: queries.push_back(p.brand); break;
        default: queries.push_back(std::string(kSyllables[rng.Pick(std::size(kSyllables))].han) + kSyllables[rng.Pick(std::size(kSyllables))].han); break;
        }
    }
    std::vector<double> typed, cold, by_length[3]; // typed: 1st keystroke, 2nd, 3rd and later
    struct Keystroke { double ms; std::string text; size_t total; bool narrowed; };
    std::vector<Keystroke> keystrokes;
    SearchQuery q;
    q.limit = 50;
    size_t matches = 0;
    for (const std::string& query : queries) {
        ProductSet within;
        std::string previous;
        size_t keystroke = 0;
        // Each keystroke (a UTF-8 character at a time).
        for (size_t len = 1; len <= query.size(); len++) {
            if (len < query.size() && (static_cast<unsigned char>(query[len]) & 0xC0) == 0x80) continue;
            q.text = query.substr(0, len);
            auto a = std::chrono::steady_clock::now();
            std::string normalized = NormalizeForSearch(q.text); // (as the web app compares them)
            bool narrow = !previous.empty() && normalized.find(previous) != std::string::npos;
            SearchResult r = index.Search(q, narrow ? &within : nullptr);
            auto b = std::chrono::steady_clock::now();
            typed.push_back(std::chrono::duration<double, std::milli>(b - a).count());
            keystrokes.push_back({typed.back(), q.text, r.total, narrow});
            by_length[std::min<size_t>(2, keystroke++)].push_back(typed.back());
            SearchResult full = index.Search(q);
            auto c = std::chrono::steady_clock::now();
            cold.push_back(std::chrono::duration<double, std::milli>(c - b).count());
            if (full.total != r.total) { std::fprintf(stderr, "narrowing changed the result\n"); return 1; }
            within = std::move(r.text_matches);
            previous = std::move(normalized);
            matches += r.total;
        }
    }
    std::printf("%s: %zu products, index built in %.0f ms (%.1f MB); per keystroke (typing, narrowed) p50 %.3f ms p99 %.3f ms; "
                "cold full search p50 %.3f ms p99 %.3f ms; %zu keystrokes\n",
                label, count, build_ms, double(index.MemoryBytes()) / 1e6, Percentile(typed, 0.5), Percentile(typed, 0.99), Percentile(cold, 0.5),
                Percentile(cold, 0.99), typed.size());
    size_t within_budget = 0;
    for (double ms : typed) within_budget += budget_ms > 0 && ms <= budget_ms;
    std::printf("  %s typing p90 %.3f ms, p95 %.3f ms, max %.3f ms\n", label, Percentile(typed, 0.9), Percentile(typed, 0.95), Percentile(typed, 1.0));
    std::printf("  %s typing p50 by keystroke: 1st %.3f ms, 2nd %.3f ms, later %.3f ms\n", label, Percentile(by_length[0], 0.5),
                Percentile(by_length[1], 0.5), Percentile(by_length[2], 0.5));
    std::sort(keystrokes.begin(), keystrokes.end(), [](const Keystroke& a, const Keystroke& b) { return a.ms > b.ms; });
    for (size_t k = 0; k < worst && k < keystrokes.size(); k++)
        std::printf("  %s slow: %.3f ms \"%s\" %zu matches%s\n", label, keystrokes[k].ms, keystrokes[k].text.c_str(), keystrokes[k].total,
                    keystrokes[k].narrowed ? ", narrowed" : "");
    if (budget_ms > 0) {
        bool ok = Percentile(typed, 0.5) <= budget_ms;
        std::printf("  %s budget: typing p50 %.3f ms, budget %.1f ms per keystroke: %s (%.1f%% of keystrokes within %.1f ms)\n", label,
                    Percentile(typed, 0.5), budget_ms, ok ? "within" : "EXCEEDED", 100.0 * double(within_budget) / double(typed.size()),
                    budget_ms);
        if (!ok) return 1;
    }
    return matches > 0 ? 0 : 1;
}
