#include "search.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

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

inline unsigned PairBit(unsigned char a, unsigned char b) { return ((a * 0x9E37u) ^ (b * 0x85EBu) ^ (a >> 3)) & 1023u; }

} // namespace

// The first occurrence of `q` in `hay` at or after `from` (npos if none). Keys are short and a
// typed letter occurs every few bytes, so std::string_view::find's memchr-then-memcmp per
// occurrence is slow in WebAssembly, whose libc has no vector memchr. With WebAssembly SIMD, 16
// positions are tested at once for the query's first two bytes; natively the C library's
// vectorised memchr does well enough. Same answer either way.
static size_t FindIn(std::string_view hay, std::string_view q, size_t from = 0)
{
#ifdef __wasm_simd128__
    const size_t n = hay.size(), m = q.size();
    if (m == 0) return from <= n ? from : std::string_view::npos;
    if (m > n || from > n - m) return std::string_view::npos;
    const char* p = hay.data();
    const v128_t first = wasm_i8x16_splat(q[0]);
    const v128_t second = wasm_i8x16_splat(m > 1 ? q[1] : 0);
    size_t i = from;
    // Each block tests positions i … i+15; position i+k's second byte is at i+k+1.
    for (; i + 17 <= n && i + m <= n; i += 16) {
        v128_t eq = wasm_i8x16_eq(wasm_v128_load(p + i), first);
        if (m > 1) eq = wasm_v128_and(eq, wasm_i8x16_eq(wasm_v128_load(p + i + 1), second));
        uint32_t mask = wasm_i8x16_bitmask(eq);
        while (mask) {
            size_t at = i + size_t(__builtin_ctz(mask));
            if (at + m > n) return std::string_view::npos;
            if (m <= 2 || std::memcmp(p + at + 2, q.data() + 2, m - 2) == 0) return at;
            mask &= mask - 1;
        }
    }
    for (; i + m <= n; i++)
        if (p[i] == q[0] && std::memcmp(p + i + 1, q.data() + 1, m - 1) == 0) return i;
    return std::string_view::npos;
#else
    return hay.find(q, from);
#endif
}

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
    attrs_.assign(products.size(), Attrs{});
    words_ = (products.size() + 63) / 64;
    for (auto& column : byte_columns_) column.assign(256 * words_, 0);
    pair_columns_.assign(kPairBuckets * words_, 0);
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
        Attrs& a = attrs_[entries_.size()];
        a.category = id_of(category_ids, categories_, p.category);
        a.origin = id_of(origin_ids, origins_, p.origin_iso);
        a.band = uint8_t(PriceBand(p.price));
        a.price = p.price.fen;
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
        const size_t i = entries_.size();
        auto set = [&](uint64_t* column) { column[i >> 6] |= uint64_t(1) << (i & 63); };
        auto set_byte = [&](Column kind, unsigned char c) { set(&byte_columns_[kind][size_t(c) * words_]); };
        for (size_t k = 0; k < e.keys.size(); k++) {
            unsigned char c = static_cast<unsigned char>(e.keys[k]);
            if (c == 0x1f) continue;
            set_byte(kBytes, c);
            bool key_start = k == 0 || e.keys[k - 1] == '\x1f';
            if (key_start) set_byte(kKeyInitials, c);
            if (key_start && k + 1 < e.keys.size() && e.keys[k + 1] == '\x1f') set_byte(kWholeKeys, c);
            if (key_start || IsWordStart(e.keys, k) || (e.initials_start != UINT32_MAX && k >= e.initials_start))
                set_byte(kWordInitials, c);
            if (k + 1 < e.keys.size() && e.keys[k + 1] != '\x1f')
                set(&pair_columns_[PairBit(c, static_cast<unsigned char>(e.keys[k + 1])) * words_]);
        }
        entries_.push_back(std::move(e));
    }
}

// Search and MatchClass run on every keystroke over the whole catalog. The WebAssembly build is
// size-optimised (-Os), under which clang leaves even one-line helpers (Has, string::size) as
// calls; `flatten` inlines everything these two call, for speed where it counts.
[[gnu::flatten]] int SearchIndex::MatchClass(const Entry& e, uint32_t i, std::string_view q) const
{
    std::string_view keys = e.keys;
    size_t first = FindIn(keys, q);
    if (first == std::string_view::npos) return 4; // the common case: one scan, no match
    const unsigned char c = static_cast<unsigned char>(q[0]);
    // Whole key, or a key's start: only if some key starts with the query's first byte (the
    // filter says), and then a few keys per product, tested directly.
    if (Has(kKeyInitials, c, i)) {
        bool starts_a_key = false;
        for (size_t k = 0; k < e.key_starts.size(); k++) {
            size_t start = e.key_starts[k];
            size_t end = k + 1 < e.key_starts.size() ? e.key_starts[k + 1] - 1 : keys.size() - 1;
            if (end - start < q.size() || std::memcmp(keys.data() + start, q.data(), q.size()) != 0) continue;
            if (end - start == q.size()) return 0;
            starts_a_key = true;
        }
        if (starts_a_key) return 1;
    }
    // A word's start: only if some word starts with that byte.
    if (!Has(kWordInitials, c, i)) return 3;
    for (size_t at = first; at != std::string_view::npos; at = FindIn(keys, q, at + 1)) {
        auto it = std::upper_bound(e.key_starts.begin(), e.key_starts.end(), uint32_t(at));
        uint32_t start = *(it - 1);
        size_t end = it != e.key_starts.end() ? *it - 1 : keys.size() - 1;
        if (at + q.size() > end) continue; // spans two keys
        if (IsWordStart(keys, at) || start == e.initials_start) return 2;
    }
    return 3;
}

[[gnu::flatten]] SearchResult SearchIndex::Search(const SearchQuery& query, const std::vector<uint32_t>* within) const
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

    // The candidates, a word (64 products) at a time: the products having every byte pair of the
    // query (hashed: a few false positives, which MatchClass drops) — or, for one byte, that byte
    // — among those the previous keystroke matched, if given.
    std::vector<const uint64_t*> columns;
    if (q.size() == 1) columns.push_back(ByteColumn(kBytes, static_cast<unsigned char>(q[0])));
    for (size_t k = 0; k + 1 < q.size(); k++) {
        const uint64_t* column = &pair_columns_[PairBit(static_cast<unsigned char>(q[k]), static_cast<unsigned char>(q[k + 1])) * words_];
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    }
    std::vector<uint64_t> previous;
    if (within) {
        previous.assign(words_, 0);
        for (uint32_t i : *within)
            if (i < entries_.size()) previous[i >> 6] |= uint64_t(1) << (i & 63);
    }
    // With nothing typed, "best match" is the merchant's own order (the catalog's); otherwise ties
    // go by name in the shopper's locale.
    bool catalog_order = q.empty() && query.order == SearchOrder::Relevance;
    auto locale = std::find(rank_locales_.begin(), rank_locales_.end(), query.locale);
    const std::vector<int32_t>* ranks = catalog_order || locale == rank_locales_.end() ? nullptr
                                                                                        : &ranks_[size_t(locale - rank_locales_.begin())];
    // A hit's place in the order as plain numbers, compared in turn: the price (price orders),
    // the name rank, the catalog index. Relevance keeps its match classes apart (below).
    struct Hit {
        int64_t price, rank;
        uint32_t index;
        bool operator<(const Hit& o) const
        {
            return price != o.price ? price < o.price : rank != o.rank ? rank < o.rank : index < o.index;
        }
    };
    auto hit = [&](uint32_t i) {
        int64_t price = query.order == SearchOrder::PriceAscending ? attrs_[i].price
                      : query.order == SearchOrder::PriceDescending ? -attrs_[i].price : 0;
        int64_t rank = ranks && (*ranks)[i] >= 0 ? int64_t((*ranks)[i]) : int64_t(i);
        return Hit{price, rank, i};
    };
    // The best `limit` hits, found as they come: a bounded heap per match class (relevance) or a
    // single one, worst on top. Once a heap is full a worse hit costs one comparison, so a typed
    // letter that matches most of a 50,000-product catalog needs no sort of all its matches.
    size_t total = 0;
    std::vector<Hit> heaps[4];
    bool by_class = query.order == SearchOrder::Relevance;
    auto offer = [&](uint32_t i, int match) {
        std::vector<Hit>& heap = heaps[by_class ? match : 0];
        Hit h = hit(i);
        if (heap.size() < query.limit) {
            heap.push_back(h);
            std::push_heap(heap.begin(), heap.end());
        } else if (query.limit > 0 && h < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = h;
            std::push_heap(heap.begin(), heap.end());
        }
    };
    auto consider = [&](uint32_t i, int match) {
        if (match == 4) return;
        const Attrs& e = attrs_[i];
        r.text_matches.push_back(i);
        bool cat_ok = category == -1 || e.category == category;
        bool origin_ok = origin == -1 || e.origin == origin;
        bool band_ok = query.price_band < 0 || e.band == query.price_band;
        if (origin_ok && band_ok) category_counts[e.category]++;
        if (cat_ok && band_ok) origin_counts[e.origin]++;
        if (cat_ok && origin_ok) r.price_bands[e.band]++;
        if (cat_ok && origin_ok && band_ok) {
            total++;
            offer(i, match);
        }
    };
    const size_t n = entries_.size();
    auto candidates = [&](size_t w) {
        uint64_t bits = w + 1 < words_ || n % 64 == 0 ? ~uint64_t(0) : (uint64_t(1) << (n % 64)) - 1;
        if (within) bits &= previous[w];
        for (const uint64_t* column : columns) bits &= column[w];
        return bits;
    };
    size_t most = 0; // (a count first, so the list of matches is allocated once)
    for (size_t w = 0; w < words_; w++) most += size_t(__builtin_popcountll(candidates(w)));
    r.text_matches.reserve(most);
    // One byte: the columns answer the match class exactly, 64 products at a time, without
    // reading the text: whole key, else a key's start, else a word's start, else inside a word.
    const bool one_byte = q.size() == 1;
    const unsigned char c0 = one_byte ? static_cast<unsigned char>(q[0]) : 0;
    const uint64_t* whole_keys = ByteColumn(kWholeKeys, c0);
    const uint64_t* key_initials = ByteColumn(kKeyInitials, c0);
    const uint64_t* word_initials = ByteColumn(kWordInitials, c0);
    for (size_t w = 0; w < words_; w++) {
        uint64_t bits = candidates(w);
        if (!bits) continue;
        uint64_t m0 = 0, m1 = 0, m2 = 0;
        if (one_byte) {
            m0 = whole_keys[w] & bits;
            m1 = key_initials[w] & bits & ~m0;
            m2 = word_initials[w] & bits & ~(m0 | m1);
        }
        while (bits) {
            const unsigned b = unsigned(__builtin_ctzll(bits));
            const uint64_t bit = uint64_t(1) << b;
            const uint32_t i = uint32_t(w * 64 + b);
            int match = q.empty() ? 0
                      : one_byte  ? ((m0 & bit) ? 0 : (m1 & bit) ? 1 : (m2 & bit) ? 2 : 3)
                                  : MatchClass(entries_[i], i, q);
            consider(i, match);
            bits &= bits - 1;
        }
    }

    r.total = total;
    for (std::vector<Hit>& heap : heaps) {
        std::sort_heap(heap.begin(), heap.end());
        for (const Hit& h : heap)
            if (r.hits.size() < query.limit) r.hits.push_back(h.index);
    }
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
