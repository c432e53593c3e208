#include "core/search/search.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>
#include <tuple>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace bondstore {

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

constexpr unsigned kLetterPairs = 26 * 26;

inline unsigned PairHash(unsigned char a, unsigned char b) { return (a * 0x9E37u) ^ (b * 0x85EBu) ^ (a >> 3); }

inline bool IsLetter(unsigned char c) { return unsigned(c - 'a') < 26u; }

// The column of an adjacent byte pair among `columns`: when there are enough, one of its own for
// two lower-case letters, so that a two-letter query's column holds exactly the products having
// it; the rest share hashed columns.
inline unsigned PairColumnNumber(unsigned char a, unsigned char b, unsigned columns)
{
    const unsigned exact = columns > kLetterPairs ? kLetterPairs : 0;
    if (exact && IsLetter(a) && IsLetter(b)) return unsigned(a - 'a') * 26 + unsigned(b - 'a');
    return exact + PairHash(a, b) % (columns - exact);
}

} // namespace

// A product's place by name: its rank in the locale, or (unranked, or no locale) its index. The
// precomputed walks and the sort in TakeBest must agree on this.
static int64_t NameRank(const std::vector<int32_t>* ranks, uint32_t i)
{
    return ranks && (*ranks)[i] >= 0 ? int64_t((*ranks)[i]) : int64_t(i);
}

size_t SearchIndex::PairColumn(PairKind kind, unsigned char a, unsigned char b) const
{
    return PairColumnNumber(a, b, kPairColumns[kind]) * words_;
}

size_t ProductSet::Count() const
{
    size_t n = 0;
    for (uint64_t w : words) n += size_t(__builtin_popcountll(w));
    return n;
}

std::vector<uint32_t> ProductSet::Indices() const
{
    std::vector<uint32_t> out;
    out.reserve(Count());
    for (size_t w = 0; w < words.size(); w++)
        for (uint64_t bits = words[w]; bits; bits &= bits - 1) out.push_back(uint32_t(w * 64 + size_t(__builtin_ctzll(bits))));
    return out;
}

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
    keys_.clear();
    key_starts_.clear();
    attrs_.assign(products.size(), Attrs{});
    words_ = (products.size() + 63) / 64;
    for (auto& column : byte_columns_) column.assign(256 * words_, 0);
    for (int kind = 0; kind < kPairKinds; kind++) pair_columns_[kind].assign(kPairColumns[kind] * words_, 0);
    categories_.clear();
    origins_.clear();
    rank_locales_.clear();
    ranks_.clear();
    by_name_.clear();
    std::map<std::string, uint32_t> category_ids, origin_ids;
    auto id_of = [](std::map<std::string, uint32_t>& ids, std::vector<std::string>& values, const std::string& v) {
        auto [it, inserted] = ids.emplace(v, uint32_t(values.size()));
        if (inserted) values.push_back(v);
        return it->second;
    };
    for (size_t i = 0; i < products.size(); i++) {
        const Product& p = products[i];
        for (const auto& [locale, position] : p.search.rank) {
            if (p.search.RankIn(locale) != position) continue; // a locale given twice: the first counts, as in RankIn
            auto it = std::find(rank_locales_.begin(), rank_locales_.end(), locale);
            if (it == rank_locales_.end()) {
                rank_locales_.push_back(locale);
                ranks_.emplace_back(products.size(), -1);
                it = rank_locales_.end() - 1;
            }
            ranks_[size_t(it - rank_locales_.begin())][i] = position;
        }
    }
    // Every product in each order a search can ask for, so that the best 50 of 30,000 matches are
    // found walking from the front (TakeBest). Unranked products sort by their index, as in Search.
    for (const std::vector<int32_t>& ranks : ranks_) {
        std::vector<uint32_t>& order = by_name_.emplace_back(products.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
            int64_t ra = NameRank(&ranks, a), rb = NameRank(&ranks, b);
            return ra != rb ? ra < rb : a < b;
        });
    }
    by_price_.resize(products.size());
    std::iota(by_price_.begin(), by_price_.end(), 0u);
    std::stable_sort(by_price_.begin(), by_price_.end(), [&](uint32_t a, uint32_t b) { return products[a].price.fen < products[b].price.fen; });

    for (const Product& p : products) {
        Entry e;
        e.keys_at = uint32_t(keys_.size());
        e.starts_at = uint32_t(key_starts_.size());
        Attrs& a = attrs_[entries_.size()];
        a.facet[kCategory] = id_of(category_ids, categories_, p.category);
        a.facet[kOrigin] = id_of(origin_ids, origins_, p.origin_iso);
        a.facet[kBand] = uint32_t(PriceBand(p.price));
        a.price = p.price.fen;
        auto add = [&](std::string_view key) {
            std::string n = NormalizeForSearch(key);
            if (n.empty()) return;
            key_starts_.push_back(uint32_t(keys_.size()) - e.keys_at);
            keys_ += n;
            keys_ += '\x1f';
        };
        for (const auto& [locale, title] : p.title.entries) add(title);
        for (const auto& [locale, title] : p.machine_title.entries) add(title); // what zh-Hant shoppers see
        add(p.brand);
        add(p.sku);
        add(p.barcode);
        add(p.search.pinyin);
        if (!p.search.initials.empty()) e.initials_start = uint32_t(keys_.size()) - e.keys_at;
        add(p.search.initials);
        e.keys_size = uint32_t(keys_.size()) - e.keys_at;
        e.starts_count = uint32_t(key_starts_.size()) - e.starts_at;
        const std::string_view keys(keys_.data() + e.keys_at, e.keys_size);
        const size_t i = entries_.size();
        auto set = [&](uint64_t* column) { column[i >> 6] |= uint64_t(1) << (i & 63); };
        auto set_byte = [&](Column kind, unsigned char c) { set(&byte_columns_[kind][size_t(c) * words_]); };
        for (size_t k = 0; k < keys.size(); k++) {
            unsigned char c = static_cast<unsigned char>(keys[k]);
            if (c == 0x1f) continue;
            set_byte(kBytes, c);
            bool key_start = k == 0 || keys[k - 1] == '\x1f';
            bool word_start = key_start || IsWordStart(keys, k) || (e.initials_start != UINT32_MAX && k >= e.initials_start);
            bool one_byte_key = key_start && k + 1 < keys.size() && keys[k + 1] == '\x1f';
            if (key_start) set_byte(kKeyInitials, c);
            if (one_byte_key) set_byte(kWholeKeys, c);
            if (word_start) set_byte(kWordInitials, c);
            if (k + 1 < keys.size() && keys[k + 1] != '\x1f') {
                unsigned char next = static_cast<unsigned char>(keys[k + 1]);
                set(&pair_columns_[kPairs][PairColumn(kPairs, c, next)]);
                if (key_start) set(&pair_columns_[kKeyStartPairs][PairColumn(kKeyStartPairs, c, next)]);
                if (word_start) set(&pair_columns_[kWordStartPairs][PairColumn(kWordStartPairs, c, next)]);
            }
        }
        entries_.push_back(e);
    }
    facet_values_[kCategory] = categories_.size();
    facet_values_[kOrigin] = origins_.size();
    facet_values_[kBand] = kPriceBandCount;
    for (int f = 0; f < kFacets; f++) {
        facet_columns_[f].clear();
        if (facet_values_[f] > kFacetColumnsMax) continue; // counted product by product instead
        facet_columns_[f].assign(facet_values_[f] * words_, 0);
        for (size_t i = 0; i < attrs_.size(); i++) facet_columns_[f][attrs_[i].facet[f] * words_ + (i >> 6)] |= uint64_t(1) << (i & 63);
    }
}

size_t SearchIndex::MemoryBytes() const
{
    size_t bytes = entries_.capacity() * sizeof(Entry) + keys_.capacity() + key_starts_.capacity() * sizeof(uint32_t) +
                   attrs_.capacity() * sizeof(Attrs) + by_price_.capacity() * sizeof(uint32_t);
    for (const auto& column : byte_columns_) bytes += column.capacity() * sizeof(uint64_t);
    for (const auto& column : pair_columns_) bytes += column.capacity() * sizeof(uint64_t);
    for (const auto& column : facet_columns_) bytes += column.capacity() * sizeof(uint64_t);
    for (const auto& ranks : ranks_) bytes += ranks.capacity() * sizeof(int32_t);
    for (const auto& order : by_name_) bytes += order.capacity() * sizeof(uint32_t);
    return bytes;
}

// Search and MatchClass run on every keystroke over the whole catalog. The WebAssembly build is
// size-optimised (-Os), under which clang leaves even one-line helpers (string::size) as calls;
// `flatten` inlines everything these call, for speed where it counts.
//
// A query of two bytes or more. The start-pair columns tell whether the query's first two bytes
// start some key or word of this product; when they don't, one scan of the text settles it.
[[gnu::flatten]] int SearchIndex::MatchClass(const Entry& e, std::string_view q, bool may_start_key, bool may_start_word) const
{
    const std::string_view keys(keys_.data() + e.keys_at, e.keys_size);
    size_t first = FindIn(keys, q);
    if (first == std::string_view::npos) return 4;
    if (may_start_key) { // a whole key, or a key's start: a few keys per product, tested directly
        bool starts_a_key = false;
        const uint32_t* starts = key_starts_.data() + e.starts_at;
        const uint32_t* starts_end = starts + e.starts_count;
        for (const uint32_t* k = starts; k != starts_end; k++) {
            size_t start = *k;
            size_t end = k + 1 != starts_end ? k[1] - 1 : keys.size() - 1;
            if (end - start < q.size() || std::memcmp(keys.data() + start, q.data(), q.size()) != 0) continue;
            if (end - start == q.size()) return 0;
            starts_a_key = true;
        }
        if (starts_a_key) return 1;
    }
    if (!may_start_word) return 3;
    // (An occurrence lies within one key: the query has no '\x1f', or no pair column would hold it.)
    for (size_t at = first; at != std::string_view::npos; at = FindIn(keys, q, at + 1))
        if (IsWordStart(keys, at) || at >= e.initials_start) return 2; // (the initials are the last key)
    return 3;
}

// Appends to `hits` the best `limit` of the `count` products in `set`, in `order`: by price (if
// a price order), then by name rank, then by index. Two ways, whichever reads less: walk the whole
// catalog in that order keeping members (about limit × n / count steps: a typed letter's 30,000
// matches give their best 50 within the first hundred steps), or collect the members and sort.
void SearchIndex::TakeBest(const uint64_t* set, size_t count, size_t limit, const Ordering& order, std::vector<uint32_t>& hits) const
{
    if (count == 0 || limit == 0) return;
    const size_t n = entries_.size(), k = std::min(limit, count);
    auto member = [&](uint32_t i) { return (set[i >> 6] >> (i & 63)) & 1; };
    auto key = [&](uint32_t i) {
        return std::tuple<int64_t, int64_t, uint32_t>(order.price * attrs_[i].price, NameRank(order.ranks, i), i);
    };
    auto by_key = [&](uint32_t a, uint32_t b) { return key(a) < key(b); };
    const size_t first = hits.size();
    if (k < count && double(k) * double(n) < double(count) * double(count)) {
        if (!order.walk) { // index order: the first k members
            for (size_t w = 0; hits.size() - first < k; w++)
                for (uint64_t bits = set[w]; bits && hits.size() - first < k; bits &= bits - 1)
                    hits.push_back(uint32_t(w * 64 + size_t(__builtin_ctzll(bits))));
            return;
        }
        const std::vector<uint32_t>& walk = *order.walk;
        if (order.price == 0) { // name order: the walk is the order
            for (size_t at = 0; at < n && hits.size() - first < k; at++)
                if (member(walk[at])) hits.push_back(walk[at]);
            return;
        }
        // By price, one way or the other: products of equal price are ordered by name, so the
        // walk takes the whole run of the k-th product's price, then sorts what it took.
        int64_t last_price = 0;
        for (size_t step = 0; step < n; step++) {
            uint32_t i = walk[order.price > 0 ? step : n - 1 - step];
            if (!member(i)) continue;
            if (hits.size() - first >= k && attrs_[i].price != last_price) break;
            hits.push_back(i);
            last_price = attrs_[i].price;
        }
        std::sort(hits.begin() + std::ptrdiff_t(first), hits.end(), by_key);
        hits.resize(first + k);
        return;
    }
    for (size_t w = 0; w < words_; w++)
        for (uint64_t bits = set[w]; bits; bits &= bits - 1) hits.push_back(uint32_t(w * 64 + size_t(__builtin_ctzll(bits))));
    std::partial_sort(hits.begin() + std::ptrdiff_t(first), hits.begin() + std::ptrdiff_t(first + k), hits.end(), by_key);
    hits.resize(first + k);
}

[[gnu::flatten]] SearchResult SearchIndex::Search(const SearchQuery& query, const ProductSet* within) const
{
    SearchResult r;
    if (!products_ || entries_.empty()) return r; // (and every column below has at least one word)
    const std::string q = NormalizeForSearch(query.text);
    const size_t n = entries_.size();

    // 1. The text. Candidates, 64 products at a time: the products having every byte pair of the
    // query (a few false ones where pairs share a column, which MatchClass drops) — or, for one
    // byte, that byte — among those the previous keystroke matched, if given. Then each
    // candidate's match class, as four bitmaps: whole key, a key's start, a word's start, inside.
    std::vector<const uint64_t*> columns;
    if (q.size() == 1) columns.push_back(ByteColumn(kBytes, static_cast<unsigned char>(q[0])));
    for (size_t k = 0; k + 1 < q.size(); k++) {
        const uint64_t* column = &pair_columns_[kPairs][PairColumn(kPairs, static_cast<unsigned char>(q[k]), static_cast<unsigned char>(q[k + 1]))];
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    }
    const unsigned char c0 = q.empty() ? 0 : static_cast<unsigned char>(q[0]);
    const unsigned char c1 = q.size() < 2 ? 0 : static_cast<unsigned char>(q[1]);
    const uint64_t* whole_keys = ByteColumn(kWholeKeys, c0);
    const uint64_t* key_initials = ByteColumn(kKeyInitials, c0);
    const uint64_t* word_initials = ByteColumn(kWordInitials, c0);
    const uint64_t* key_start_pairs = &pair_columns_[kKeyStartPairs][PairColumn(kKeyStartPairs, c0, c1)];
    const uint64_t* word_start_pairs = &pair_columns_[kWordStartPairs][PairColumn(kWordStartPairs, c0, c1)];
    // Two letters have columns to themselves: every product in their pair column contains them,
    // and their word-start column says exactly where they start a word. Only a product that may
    // also have them start a key needs a look at its text.
    const bool exact_pair = q.size() == 2 && IsLetter(c0) && IsLetter(c1);
    std::vector<uint64_t> class_bits(4 * words_, 0), matches(words_, 0);
    uint64_t* classes[4] = {&class_bits[0], &class_bits[words_], &class_bits[2 * words_], &class_bits[3 * words_]};
    for (size_t w = 0; w < words_; w++) {
        uint64_t bits = w + 1 < words_ || n % 64 == 0 ? ~uint64_t(0) : (uint64_t(1) << (n % 64)) - 1;
        if (within) bits &= w < within->words.size() ? within->words[w] : 0;
        for (const uint64_t* column : columns) bits &= column[w];
        if (!bits) continue;
        if (q.empty()) {
            classes[0][w] = bits;
        } else if (q.size() == 1) { // the columns answer exactly
            classes[0][w] = whole_keys[w] & bits;
            classes[1][w] = key_initials[w] & bits & ~classes[0][w];
            classes[2][w] = word_initials[w] & bits & ~(classes[0][w] | classes[1][w]);
            classes[3][w] = bits & ~(classes[0][w] | classes[1][w] | classes[2][w]);
        } else {
            const uint64_t may_start_key = key_start_pairs[w], may_start_word = word_start_pairs[w];
            if (exact_pair) { // (a key's start is a word's start)
                classes[3][w] = bits & ~may_start_word;
                classes[2][w] = bits & may_start_word & ~may_start_key;
                bits &= may_start_word & may_start_key;
            }
            for (; bits; bits &= bits - 1) {
                const unsigned b = unsigned(__builtin_ctzll(bits));
                const uint32_t i = uint32_t(w * 64 + b);
                int match = MatchClass(entries_[i], q, (may_start_key >> b) & 1, (may_start_word >> b) & 1);
                if (match < 4) classes[match][w] |= uint64_t(1) << b;
            }
        }
        matches[w] = classes[0][w] | classes[1][w] | classes[2][w] | classes[3][w];
    }

    // 2. The facets (a value no product has matches nothing). `passes[f]`: the matches having the
    // chosen value of facet f, or every match when none is chosen.
    auto find_id = [](const std::vector<std::string>& values, const std::string& v) {
        if (v.empty()) return -1;
        auto it = std::find(values.begin(), values.end(), v);
        return it == values.end() ? -2 : int(it - values.begin());
    };
    const int chosen[kFacets] = {find_id(categories_, query.category), find_id(origins_, query.origin_iso),
                                 query.price_band < 0 ? -1 : query.price_band < kPriceBandCount ? query.price_band : -2};
    std::vector<uint64_t> passes[kFacets];
    for (int f = 0; f < kFacets; f++) {
        if (chosen[f] == -1) continue; // (matches itself, below)
        passes[f].assign(words_, 0);
        if (chosen[f] < 0) continue;
        if (!facet_columns_[f].empty()) {
            const uint64_t* column = &facet_columns_[f][size_t(chosen[f]) * words_];
            for (size_t w = 0; w < words_; w++) passes[f][w] = matches[w] & column[w];
        } else {
            for (size_t w = 0; w < words_; w++)
                for (uint64_t bits = matches[w]; bits; bits &= bits - 1) {
                    const unsigned b = unsigned(__builtin_ctzll(bits));
                    if (attrs_[w * 64 + b].facet[f] == uint32_t(chosen[f])) passes[f][w] |= uint64_t(1) << b;
                }
        }
    }
    auto pass = [&](int f) { return passes[f].empty() ? matches.data() : passes[f].data(); };
    // Each facet's counts among the matches passing the other two facets.
    std::vector<int64_t> counts[kFacets];
    std::vector<uint64_t> others(words_);
    for (int f = 0; f < kFacets; f++) {
        const uint64_t* a = pass((f + 1) % kFacets);
        const uint64_t* b = pass((f + 2) % kFacets);
        for (size_t w = 0; w < words_; w++) others[w] = a[w] & b[w];
        counts[f].assign(facet_values_[f], 0);
        if (!facet_columns_[f].empty()) {
            for (size_t v = 0; v < facet_values_[f]; v++) {
                const uint64_t* column = &facet_columns_[f][v * words_];
                int64_t count = 0;
                for (size_t w = 0; w < words_; w++) count += __builtin_popcountll(others[w] & column[w]);
                counts[f][v] = count;
            }
        } else {
            for (size_t w = 0; w < words_; w++)
                for (uint64_t bits = others[w]; bits; bits &= bits - 1) counts[f][attrs_[w * 64 + size_t(__builtin_ctzll(bits))].facet[f]]++;
        }
    }
    std::vector<uint64_t> hits_set(words_);
    const uint64_t *pc = pass(kCategory), *po = pass(kOrigin), *pb = pass(kBand);
    for (size_t w = 0; w < words_; w++) {
        hits_set[w] = pc[w] & po[w] & pb[w];
        r.total += size_t(__builtin_popcountll(hits_set[w]));
    }

    // 3. The best `limit`: by match class first (relevance with text), then by price or name.
    // With nothing typed, "best match" is the merchant's own order (the catalog's); otherwise ties
    // go by name in the shopper's locale.
    const bool catalog_order = q.empty() && query.order == SearchOrder::Relevance;
    auto locale = std::find(rank_locales_.begin(), rank_locales_.end(), query.locale);
    const size_t ranked = catalog_order || locale == rank_locales_.end() ? SIZE_MAX : size_t(locale - rank_locales_.begin());
    Ordering order;
    order.price = query.order == SearchOrder::PriceAscending ? 1 : query.order == SearchOrder::PriceDescending ? -1 : 0;
    order.ranks = ranked == SIZE_MAX ? nullptr : &ranks_[ranked];
    order.walk = order.price != 0 ? &by_price_ : ranked == SIZE_MAX ? nullptr : &by_name_[ranked];
    if (query.order == SearchOrder::Relevance && !q.empty()) {
        std::vector<uint64_t> set(words_);
        for (uint64_t* bits : classes) {
            size_t count = 0;
            for (size_t w = 0; w < words_; w++) count += size_t(__builtin_popcountll(set[w] = bits[w] & hits_set[w]));
            TakeBest(set.data(), count, query.limit - r.hits.size(), order, r.hits);
            if (r.hits.size() >= query.limit) break;
        }
    } else {
        TakeBest(hits_set.data(), r.total, query.limit, order, r.hits);
    }

    // Facet values in name order.
    for (size_t c = 0; c < categories_.size(); c++)
        if (counts[kCategory][c]) r.categories.push_back({categories_[c], counts[kCategory][c]});
    for (size_t o = 0; o < origins_.size(); o++)
        if (counts[kOrigin][o]) r.origins.push_back({origins_[o], counts[kOrigin][o]});
    for (int band = 0; band < kPriceBandCount; band++) r.price_bands[band] = counts[kBand][size_t(band)];
    auto by_value = [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; };
    std::sort(r.categories.begin(), r.categories.end(), by_value);
    std::sort(r.origins.begin(), r.origins.end(), by_value);
    r.text_matches.words = std::move(matches);
    return r;
}

} // namespace bondstore
