// Search: instant search over the catalog for the shopper's search box — every locale's title,
// brand, SKU, barcode, and the pinyin and initials of Chinese titles ("nf" finds 奶粉) — with
// facets (category, origin, price band) and sorting by relevance, price or name.
//
// Text is normalised with ICU (NFKC case folding, accents removed), so "creme" finds "Crème".
// Ranking: the query equals a whole key > starts a key > starts a word > appears anywhere; ties by
// name in the shopper's locale (ranks precomputed on the server, search_keys.h). With no text,
// "best match" keeps the catalog's order. Every letter of
// the pinyin initials starts a syllable, so a match there counts as a word start: "nf" ranks
// 奶粉 above "Penfolds".
#pragma once

#include "core/catalog/product.h"
#include "core/search/search_text.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// Price bands for the facet, in fen: [0,100), [100,300), [300,1000), [1000,5000), [5000,∞) yuan.
constexpr int kPriceBandCount = 5;
int PriceBand(Money price);
Money PriceBandLow(int band);

enum class SearchOrder { Relevance, PriceAscending, PriceDescending, Name };

struct SearchQuery {
    std::string text;        // as typed
    std::string category;    // "" = any
    std::string origin_iso;  // "" = any
    int price_band = -1;     // -1 = any
    SearchOrder order = SearchOrder::Relevance;
    std::string locale = "zh-Hans"; // for name order
    size_t limit = SIZE_MAX; // how many hits to return (all are counted)
};

struct FacetCount {
    std::string value;
    int64_t count = 0;
};

// Products as a bitmap over the catalog: bit i % 64 of words[i / 64] is product i. What a search
// matched, kept to narrow the next keystroke's search: 6 KB for 50,000 products, not a list.
struct ProductSet {
    std::vector<uint64_t> words;
    bool Contains(uint32_t i) const { return i / 64 < words.size() && (words[i / 64] >> (i % 64)) & 1; }
    size_t Count() const;
    std::vector<uint32_t> Indices() const; // in index order
};

struct SearchResult {
    std::vector<uint32_t> hits;  // product indices, best first, at most `limit`
    size_t total = 0;            // all matching products
    // Counts for each facet value among products matching the text and the *other* facets, so
    // a shopper sees what choosing a value would give.
    std::vector<FacetCount> categories, origins;
    int64_t price_bands[kPriceBandCount] = {};
    // Every product the text matches (ignoring facets): pass it as `within` to the next search
    // when the new text, normalised, contains this one, normalised (NormalizeForSearch) —
    // typing narrows, never rescans. (The raw texts are not enough: "ｶ" then "ｶﾞ".)
    ProductSet text_matches;
};

class SearchIndex {
public:
    // Normalises every product's keys. `products` must outlive the index.
    void Build(const std::vector<Product>& products);
    SearchResult Search(const SearchQuery& query, const ProductSet* within = nullptr) const;
    size_t size() const { return entries_.size(); }
    size_t MemoryBytes() const; // what the index holds (bench/search_bench.cpp prints it)

private:
    // A product's normalised keys, each followed by '\x1f', are keys_[keys_at, keys_at + keys_size);
    // the offset of each key in them, key_starts_[starts_at, starts_at + starts_count). All
    // products' keys lie back to back in index order, so a search reading the text of thousands of
    // candidates streams through memory rather than chasing a pointer per product.
    struct Entry {
        uint32_t keys_at = 0, keys_size = 0;
        uint32_t starts_at = 0, starts_count = 0;
        uint32_t initials_start = UINT32_MAX; // the pinyin initials key (an offset in the product's keys), if any
    };
    // Facet values and sort fields as small numbers, apart from the text, so a search that
    // matches most of the catalog (one typed letter) reads a few bytes a product, if anything.
    struct Attrs {
        int64_t price = 0;
        uint32_t facet[3] = {};           // category id, origin id, price band
    };
    enum Facet { kCategory, kOrigin, kBand, kFacets };
    // The order hits are taken in (see TakeBest).
    struct Ordering {
        int price = 0;                            // +1 cheapest first, -1 dearest first, 0 not by price
        const std::vector<int32_t>* ranks = nullptr; // name positions in the locale; null: the catalog's order
        const std::vector<uint32_t>* walk = nullptr; // every product in this order (by price alone for the
                                                     // price orders); null: index order
    };
    // Bitmaps over the catalog (bit i is product i) that rule most products out without reading
    // their text. A typed letter reads one 6 KB column for 50,000 products instead of a filter per
    // product, and knows its match class from the columns alone; longer queries AND a column per
    // pair of bytes, and read the text only of the products left.
    enum Column { kBytes, kKeyInitials, kWordInitials, kWholeKeys, kColumnKinds };
    // kBytes: every byte value in the keys; kKeyInitials: first byte of each key; kWordInitials:
    // first byte of each word, and every byte of the pinyin initials; kWholeKeys: keys one byte long.
    // Pairs of adjacent bytes within a key; the pairs that start a key; the pairs that start a word
    // (or lie in the pinyin initials). Exact for two Latin letters (what pinyin and English are
    // typed with) except at key starts; hashed for the rest.
    enum PairKind { kPairs, kKeyStartPairs, kWordStartPairs, kPairKinds };
    static constexpr unsigned kPairColumns[kPairKinds] = {1024, 256, 768};
    size_t PairColumn(PairKind kind, unsigned char a, unsigned char b) const; // offset in pair_columns_[kind]
    const uint64_t* ByteColumn(Column kind, unsigned char c) const { return &byte_columns_[kind][size_t(c) * words_]; }
    int MatchClass(const Entry& e, std::string_view q, bool may_start_key, bool may_start_word) const; // 0 best … 3, 4 = no match
    void TakeBest(const uint64_t* set, size_t count, size_t limit, const Ordering& order, std::vector<uint32_t>& hits) const;
    const std::vector<Product>* products_ = nullptr;
    std::vector<Entry> entries_;
    std::string keys_;
    std::vector<uint32_t> key_starts_;
    std::vector<Attrs> attrs_;                               // one per entry
    size_t words_ = 0;                                       // 64-bit words per column
    std::vector<uint64_t> byte_columns_[kColumnKinds];       // [kind][byte × words_ + word]
    std::vector<uint64_t> pair_columns_[kPairKinds];         // [kind][column × words_ + word]
    // Each facet's values as bitmaps, when it has at most kFacetColumnsMax values: counting a
    // facet over 30,000 matches is then a popcount per value per 64 products.
    static constexpr size_t kFacetColumnsMax = 64;
    std::vector<uint64_t> facet_columns_[kFacets];           // [value × words_ + word], or empty
    size_t facet_values_[kFacets] = {};
    std::vector<std::string> categories_, origins_;          // id → value
    std::vector<uint32_t> by_price_;                         // every product, cheapest first (ties by index)
    std::vector<std::string> rank_locales_;                  // locales with name ranks
    std::vector<std::vector<int32_t>> ranks_;                // [locale][product] → position by name
    std::vector<std::vector<uint32_t>> by_name_;             // [locale]: every product in name order
};

} // namespace bondstore
