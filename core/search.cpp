#include "search.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace bondstore {

// Whitespace: one space between words, none at the ends.
static std::string CollapseSpaces(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string NormalizeForSearch(std::string_view text)
{
    // ASCII needs no ICU: NFKC case folding of ASCII is lower-casing, and it has no accents. Most
    // keys (SKUs, barcodes, pinyin, English titles) take this path.
    bool ascii = true;
    for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
        std::string lower(text);
        for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
        return CollapseSpaces(lower);
    }
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
    return CollapseSpaces(utf8);
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

namespace {

inline void SetBit(uint64_t* words, unsigned bit) { words[bit >> 6] |= uint64_t(1) << (bit & 63); }
inline bool HasBit(const uint64_t* words, unsigned bit) { return (words[bit >> 6] >> (bit & 63)) & 1; }
inline unsigned PairBit(unsigned char a, unsigned char b) { return ((a * 0x9E37u) ^ (b * 0x85EBu) ^ (a >> 3)) & 1023u; }

} // namespace

static bool IsWordStart(std::string_view keys, size_t at)
{
    if (at == 0) return true;
    char before = keys[at - 1];
    return before == ' ' || before == '-' || before == '/' || before == ',' || before == '(' || before == '\x1f' ||
           before == '.' || before == '+';
}

void SearchIndex::Build(const std::vector<Product>& products)
{
    products_ = &products;
    entries_.clear();
    entries_.reserve(products.size());
    filters_.assign(products.size(), Filter{});
    pairs_.assign(products.size(), PairBits{});
    categories_.clear();
    origins_.clear();
    rank_locales_.clear();
    ranks_.clear();
    std::map<std::string, uint16_t> category_ids, origin_ids;
    auto id_of = [](std::map<std::string, uint16_t>& ids, std::vector<std::string>& values, const std::string& v) {
        auto [it, inserted] = ids.emplace(v, uint16_t(values.size()));
        if (inserted) values.push_back(v);
        return it->second;
    };
    for (size_t i = 0; i < products.size(); i++) {
        const Product& p = products[i];
        for (const auto& [locale, position] : p.search.rank) {
            auto it = std::find(rank_locales_.begin(), rank_locales_.end(), locale);
            if (it == rank_locales_.end()) {
                rank_locales_.push_back(locale);
                ranks_.emplace_back(products.size(), -1);
                it = rank_locales_.end() - 1;
            }
            ranks_[size_t(it - rank_locales_.begin())][i] = position;
        }
    }
    for (const Product& p : products) {
        Entry e;
        e.category = id_of(category_ids, categories_, p.category);
        e.origin = id_of(origin_ids, origins_, p.origin_iso);
        e.band = uint8_t(PriceBand(p.price));
        e.price = p.price.fen;
        auto add = [&](std::string_view key) {
            std::string n = NormalizeForSearch(key);
            if (n.empty()) return;
            e.key_starts.push_back(uint32_t(e.keys.size()));
            e.keys += n;
            e.keys += '\x1f';
        };
        for (const auto& [locale, title] : p.title.entries) add(title);
        for (const auto& [locale, title] : p.machine_title.entries) add(title); // what zh-Hant shoppers see
        add(p.brand);
        add(p.sku);
        add(p.barcode);
        add(p.search.pinyin);
        if (!p.search.initials.empty()) e.initials_start = uint32_t(e.keys.size());
        add(p.search.initials);
        Filter& f = filters_[entries_.size()];
        PairBits& pairs = pairs_[entries_.size()];
        for (size_t k = 0; k < e.keys.size(); k++) {
            unsigned char c = static_cast<unsigned char>(e.keys[k]);
            if (c == 0x1f) continue;
            SetBit(f.bytes.data(), c);
            bool key_start = k == 0 || e.keys[k - 1] == '\x1f';
            if (key_start) SetBit(f.key_initials.data(), c);
            if (key_start || IsWordStart(e.keys, k) || (e.initials_start != UINT32_MAX && k >= e.initials_start))
                SetBit(f.word_initials.data(), c);
            if (k + 1 < e.keys.size() && e.keys[k + 1] != '\x1f')
                SetBit(pairs.data(), PairBit(c, static_cast<unsigned char>(e.keys[k + 1])));
        }
        entries_.push_back(std::move(e));
    }
}

int SearchIndex::MatchClass(const Entry& e, std::string_view q) const
{
    std::string_view keys = e.keys;
    size_t first = keys.find(q);
    if (first == std::string_view::npos) return 4; // the common case: one scan, no match
    // A few keys per product: test the whole-key and key-start classes directly, so a one-letter
    // query that occurs everywhere costs no more than a long one.
    bool starts_a_key = false;
    for (size_t k = 0; k < e.key_starts.size(); k++) {
        size_t start = e.key_starts[k];
        size_t end = k + 1 < e.key_starts.size() ? e.key_starts[k + 1] - 1 : keys.size() - 1;
        std::string_view key = keys.substr(start, end - start);
        if (key == q) return 0;
        starts_a_key |= key.substr(0, q.size()) == q;
    }
    if (starts_a_key) return 1;
    for (size_t at = first; at != std::string_view::npos; at = keys.find(q, at + 1)) {
        auto it = std::upper_bound(e.key_starts.begin(), e.key_starts.end(), uint32_t(at));
        uint32_t start = *(it - 1);
        size_t end = keys.find('\x1f', start);
        if (at + q.size() > end) continue; // spans two keys
        if (IsWordStart(keys, at) || start == e.initials_start) return 2;
    }
    return 3;
}

SearchResult SearchIndex::Search(const SearchQuery& query, const std::vector<uint32_t>* within) const
{
    SearchResult r;
    if (!products_) return r;
    std::string q = NormalizeForSearch(query.text);

    // The filters as ids (a value no product has matches nothing).
    auto find_id = [](const std::vector<std::string>& values, const std::string& v) {
        if (v.empty()) return -1;
        auto it = std::find(values.begin(), values.end(), v);
        return it == values.end() ? -2 : int(it - values.begin());
    };
    int category = find_id(categories_, query.category), origin = find_id(origins_, query.origin_iso);
    std::vector<int64_t> category_counts(categories_.size()), origin_counts(origins_.size());

    // The query's byte pairs; a product lacking any of them cannot contain the query. Only the
    // words of the bit set the query uses are compared.
    PairBits want_pairs{};
    for (size_t k = 0; k + 1 < q.size(); k++)
        SetBit(want_pairs.data(), PairBit(static_cast<unsigned char>(q[k]), static_cast<unsigned char>(q[k + 1])));
    std::vector<std::pair<uint8_t, uint64_t>> want;
    for (size_t w = 0; w < want_pairs.size(); w++)
        if (want_pairs[w]) want.emplace_back(uint8_t(w), want_pairs[w]);
    auto rule_out = [&](uint32_t i) {
        const PairBits& have = pairs_[i];
        for (const auto& [w, bits] : want)
            if ((have[w] & bits) != bits) return true;
        return false;
    };

    struct Hit { uint32_t index; int match; };
    std::vector<Hit> hits;
    auto consider = [&](uint32_t i) {
        int match;
        if (q.empty()) {
            match = 0;
        } else if (q.size() == 1) {
            // One byte: the filters answer exactly, except a key that is just that character.
            unsigned char c = static_cast<unsigned char>(q[0]);
            const Filter& f = filters_[i];
            if (!HasBit(f.bytes.data(), c)) return;
            match = HasBit(f.key_initials.data(), c) ? MatchClass(entries_[i], q) : HasBit(f.word_initials.data(), c) ? 2 : 3;
        } else {
            if (rule_out(i)) return;
            match = MatchClass(entries_[i], q);
        }
        if (match == 4) return;
        const Entry& e = entries_[i];
        r.text_matches.push_back(i);
        bool cat_ok = category == -1 || e.category == category;
        bool origin_ok = origin == -1 || e.origin == origin;
        bool band_ok = query.price_band < 0 || e.band == query.price_band;
        if (origin_ok && band_ok) category_counts[e.category]++;
        if (cat_ok && band_ok) origin_counts[e.origin]++;
        if (cat_ok && origin_ok) r.price_bands[e.band]++;
        if (cat_ok && origin_ok && band_ok) hits.push_back({i, match});
    };
    if (within) {
        r.text_matches.reserve(within->size());
        for (uint32_t i : *within) if (i < entries_.size()) consider(i);
    } else {
        for (uint32_t i = 0; i < entries_.size(); i++) consider(i);
    }

    // With nothing typed, "best match" is the merchant's own order (the catalog's); otherwise ties
    // go by name in the shopper's locale.
    bool catalog_order = q.empty() && query.order == SearchOrder::Relevance;
    auto locale = std::find(rank_locales_.begin(), rank_locales_.end(), query.locale);
    const std::vector<int32_t>* ranks = catalog_order || locale == rank_locales_.end() ? nullptr
                                                                                        : &ranks_[size_t(locale - rank_locales_.begin())];
    auto rank = [&](uint32_t i) { return ranks && (*ranks)[i] >= 0 ? int64_t((*ranks)[i]) : int64_t(i); };
    auto by = [&](const Hit& a, const Hit& b) {
        const Entry& ea = entries_[a.index];
        const Entry& eb = entries_[b.index];
        switch (query.order) {
        case SearchOrder::PriceAscending:
            if (ea.price != eb.price) return ea.price < eb.price;
            break;
        case SearchOrder::PriceDescending:
            if (ea.price != eb.price) return ea.price > eb.price;
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
    // Facet values in name order, as before.
    for (size_t c = 0; c < categories_.size(); c++)
        if (category_counts[c]) r.categories.push_back({categories_[c], category_counts[c]});
    for (size_t o = 0; o < origins_.size(); o++)
        if (origin_counts[o]) r.origins.push_back({origins_[o], origin_counts[o]});
    auto by_value = [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; };
    std::sort(r.categories.begin(), r.categories.end(), by_value);
    std::sort(r.origins.begin(), r.origins.end(), by_value);
    return r;
}

} // namespace bondstore
