// LocalizedText: text in several languages, and the UTF-8 checks every text field goes through.
// Below everything that names things (products, tax headings, warehouses); which text a shopper
// sees along a locale's fallback chain is i18n's (ChooseText in core/i18n/i18n_bundle.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bondstore {

// Text in several languages, keyed by BCP 47 locale ("zh-Hans", "en", "ja", …), in file order.
struct LocalizedText {
    std::vector<std::pair<std::string, std::string>> entries;

    // The text for exactly this locale, or nullptr.
    const std::string* Find(std::string_view locale) const;
    // (Which text a shopper sees, along a fallback chain: ChooseText in i18n_bundle.h.)
    void Set(std::string_view locale, std::string text);
    bool empty() const { return entries.empty(); }
};

// Counts Unicode code points in valid UTF-8.
size_t CountCodePoints(std::string_view utf8);

// ASCII letters lower-cased, every other byte as it is (format names, column headers, units).
std::string AsciiLower(std::string_view s);

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool IsValidUtf8(std::string_view s);

// True if valid UTF-8 `s` holds at least one Han ideograph (the CJK Unified Ideographs blocks and
// their extensions, the compatibility ideographs): how a Chinese name is told from a Latin one.
bool HasHanCharacter(std::string_view s);

} // namespace bondstore
