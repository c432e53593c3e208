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

#include "product.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// NFKC case folding, combining marks removed, runs of whitespace made one space, trimmed.
std::string NormalizeForSearch(std::string_view text);

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

struct SearchResult {
    std::vector<uint32_t> hits;  // product indices, best first, at most `limit`
    size_t total = 0;            // all matching products
    // Counts for each facet value among products matching the text and the *other* facets, so
    // a shopper sees what choosing a value would give.
    std::vector<FacetCount> categories, origins;
    int64_t price_bands[kPriceBandCount] = {};
    // Every product the text matches (ignoring facets), in index order: pass it as `within` to
    // the next search when the new text contains this one — typing narrows, never rescans.
    std::vector<uint32_t> text_matches;
};

class SearchIndex {
public:
    // Normalises every product's keys. `products` must outlive the index.
    void Build(const std::vector<Product>& products);
    SearchResult Search(const SearchQuery& query, const std::vector<uint32_t>* within = nullptr) const;
    size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string keys;                 // normalised keys, each followed by '\x1f'
        std::vector<uint32_t> key_starts; // offset of each key in `keys`
        uint32_t initials_start = UINT32_MAX; // the pinyin initials key, if any
    };
    // Facet values and sort fields as small numbers, apart from the text, so a search that
    // matches most of the catalog (one typed letter) counts and sorts reading 16 bytes a product.
    struct Attrs {
        int64_t price = 0;
        uint16_t category = 0, origin = 0;
        uint8_t band = 0;
    };
    // Bitmaps over the catalog that rule most products out without reading their text, one per
    // byte value (or hashed byte pair): bit i is product i. A typed letter reads one 6 KB column
    // for 50,000 products instead of a filter per product; longer queries AND a column per pair.
    enum Column { kBytes, kKeyInitials, kWordInitials, kWholeKeys, kColumnKinds };
    // kBytes: every byte value in the keys; kKeyInitials: first byte of each key; kWordInitials:
    // first byte of each word, and every byte of the pinyin initials; kWholeKeys: keys one byte long.
    static constexpr unsigned kPairBuckets = 1024; // adjacent byte pairs within a key, hashed
    const uint64_t* ByteColumn(Column kind, unsigned char c) const { return &byte_columns_[kind][size_t(c) * words_]; }
    bool Has(Column kind, unsigned char c, uint32_t i) const { return (ByteColumn(kind, c)[i >> 6] >> (i & 63)) & 1; }
    int MatchClass(const Entry& e, uint32_t i, std::string_view q) const; // 0 best … 3, 4 = no match
    const std::vector<Product>* products_ = nullptr;
    std::vector<Entry> entries_;
    std::vector<Attrs> attrs_;                               // one per entry
    size_t words_ = 0;                                       // 64-bit words per column
    std::vector<uint64_t> byte_columns_[kColumnKinds];       // [kind][byte × words_ + word]
    std::vector<uint64_t> pair_columns_;                     // [bucket × words_ + word]
    std::vector<std::string> categories_, origins_;          // id → value
    std::vector<std::string> rank_locales_;                  // locales with name ranks
    std::vector<std::vector<int32_t>> ranks_;                // [locale][product] → position by name
};

} // namespace bondstore
