#include "search.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace bondstore {

std::string NormalizeForSearch(std::string_view text)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return std::string(text);
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    icu::UnicodeString decomposed = nfd->normalize(s, status);
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue; // é → e
        stripped.append(c);
    }
    icu::UnicodeString folded = fold->normalize(stripped, status);
    std::string utf8;
    folded.toUTF8String(utf8);
    // Whitespace: one space between words, none at the ends.
    std::string out;
    bool space = false;
    for (char c : utf8) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

static const int64_t kBandLowFen[kPriceBandCount] = {0, 10000, 30000, 100000, 500000};

int PriceBand(Money price)
{
    int band = 0;
    for (int b = 0; b < kPriceBandCount; b++)
        if (price.fen >= kBandLowFen[b]) band = b;
    return band;
}

Money PriceBandLow(int band) { return Money{kBandLowFen[std::clamp(band, 0, kPriceBandCount - 1)]}; }

void SearchIndex::Build(const std::vector<Product>& products)
{
    products_ = &products;
    entries_.clear();
    entries_.reserve(products.size());
    for (const Product& p : products) {
        Entry e;
        auto add = [&](std::string_view key) {
            std::string n = NormalizeForSearch(key);
            if (n.empty()) return;
            e.key_starts.push_back(uint32_t(e.keys.size()));
            e.keys += n;
            e.keys += '\x1f';
        };
        for (const auto& [locale, title] : p.title.entries) add(title);
        add(p.brand);
        add(p.sku);
        add(p.barcode);
        add(p.search.pinyin);
        if (!p.search.initials.empty()) e.initials_start = uint32_t(e.keys.size());
        add(p.search.initials);
        entries_.push_back(std::move(e));
    }
}

static bool IsWordStart(std::string_view keys, size_t at)
{
    if (at == 0) return true;
    char before = keys[at - 1];
    return before == ' ' || before == '-' || before == '/' || before == ',' || before == '(' || before == '\x1f' ||
           before == '.' || before == '+';
}

int SearchIndex::MatchClass(const Entry& e, std::string_view q) const
{
    std::string_view keys = e.keys;
    size_t at = keys.find(q);
    if (at == std::string_view::npos) return 4; // the common case: one scan, no match
    int best = 3;
    for (; at != std::string_view::npos; at = keys.find(q, at + 1)) {
        // Which key is this occurrence in, and where does that key start?
        auto it = std::upper_bound(e.key_starts.begin(), e.key_starts.end(), uint32_t(at));
        uint32_t start = *(it - 1);
        size_t end = keys.find('\x1f', start);
        if (at + q.size() > end) continue; // spans two keys
        if (at == start && at + q.size() == end) return 0;
        if (at == start) best = std::min(best, 1);
        else if (IsWordStart(keys, at) || start == e.initials_start) best = std::min(best, 2);
    }
    return best;
}

SearchResult SearchIndex::Search(const SearchQuery& query, const std::vector<uint32_t>* within) const
{
    SearchResult r;
    if (!products_) return r;
    const std::vector<Product>& products = *products_;
    std::string q = NormalizeForSearch(query.text);

    struct Hit { uint32_t index; int match; };
    std::vector<Hit> hits;
    std::map<std::string, int64_t> categories, origins;
    auto consider = [&](uint32_t i) {
        int match = q.empty() ? 0 : MatchClass(entries_[i], q);
        if (match == 4) return;
        r.text_matches.push_back(i);
        const Product& p = products[i];
        bool cat_ok = query.category.empty() || p.category == query.category;
        bool origin_ok = query.origin_iso.empty() || p.origin_iso == query.origin_iso;
        int band = PriceBand(p.price);
        bool band_ok = query.price_band < 0 || band == query.price_band;
        if (origin_ok && band_ok) categories[p.category]++;
        if (cat_ok && band_ok) origins[p.origin_iso]++;
        if (cat_ok && origin_ok) r.price_bands[band]++;
        if (cat_ok && origin_ok && band_ok) hits.push_back({i, match});
    };
    if (within) for (uint32_t i : *within) { if (i < entries_.size()) consider(i); }
    else for (uint32_t i = 0; i < entries_.size(); i++) consider(i);

    // With nothing typed, "best match" is the merchant's own order (the catalog's); otherwise ties
    // go by name in the shopper's locale.
    bool catalog_order = q.empty() && query.order == SearchOrder::Relevance;
    auto rank = [&](uint32_t i) {
        int32_t v = catalog_order ? -1 : products[i].search.RankIn(query.locale);
        return v < 0 ? int64_t(i) : int64_t(v);
    };
    auto by = [&](const Hit& a, const Hit& b) {
        switch (query.order) {
        case SearchOrder::PriceAscending:
            if (products[a.index].price != products[b.index].price) return products[a.index].price < products[b.index].price;
            break;
        case SearchOrder::PriceDescending:
            if (products[a.index].price != products[b.index].price) return products[a.index].price > products[b.index].price;
            break;
        case SearchOrder::Relevance:
            if (a.match != b.match) return a.match < b.match;
            break;
        case SearchOrder::Name:
            break;
        }
        return rank(a.index) < rank(b.index);
    };
    r.total = hits.size();
    size_t keep = std::min(query.limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + long(keep), hits.end(), by);
    r.hits.reserve(keep);
    for (size_t k = 0; k < keep; k++) r.hits.push_back(hits[k].index);
    for (const auto& [v, n] : categories) r.categories.push_back({v, n});
    for (const auto& [v, n] : origins) r.origins.push_back({v, n});
    return r;
}

} // namespace bondstore
