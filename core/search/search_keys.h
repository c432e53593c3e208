// SearchKeys: what the server computes for search and sorting and ships with the catalog, so the
// browser needs no transliteration or collation data:
//   - the pinyin of Chinese titles, in full and as initials ("奶粉" → "naifen", "nf"), from ICU's
//     Han-Latin transliteration (one reading per character: polyphones take ICU's choice);
//   - each product's rank by name in every locale, from ICU collation (pinyin order for zh-Hans,
//     stroke/radical for zh-Hant, …).
// Both need ICU data the browser's filtered file leaves out (docs/i18n.md); tests of this file
// are in the "server-data" suite.
#pragma once

#include "core/catalog/product.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

class PinyinTransliterator {
public:
    PinyinTransliterator();
    ~PinyinTransliterator();
    bool ok() const;

    struct Keys {
        std::string full;     // "aitamei profutura yingerpeifangnaifen 3duan 800ke"
        std::string initials; // "atm profutura yepfnf 3d 800k"
    };
    // Han characters become their toneless pinyin syllable (full) or its first letter (initials);
    // everything else is kept, lower-cased.
    Keys Transliterate(std::string_view utf8);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Fills every product's search data: pinyin keys from its zh-Hans title, and its rank by name
// (title in the locale, along the locale's fallback chain) for each of `locales`.
void ComputeSearchKeys(std::vector<Product>& products, const std::vector<std::string>& locales);

} // namespace bondstore
