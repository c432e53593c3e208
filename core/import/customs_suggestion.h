// CustomsSuggestion: what a plain Shopify or Google export does not say and customs needs, guessed
// from what it does say, for the merchant to review — never taken as given (the fix-up file marks
// every suggestion; catalog_fixup.h).
//
// - HS heading: keywords in the nine languages (assets/customs/hs-keywords.json) matched on the
//   title, product type, category path and tags; only the store's tax-table headings can be
//   suggested (a product under any other heading cannot be sold), and a heading is not a full
//   10-digit code: the merchant completes it.
// - Origin: a country named in the vendor, tags or description ("Made in Japan", "日本製",
//   "Product of New Zealand"), by ICU's country names in the nine languages and common demonyms.
// - Legal quantity and its unit: "800 g", "50ml", "1.5 L", "12 x 330 ml" in the title or options.
// - SKU: the handle and option values, for an export whose variants have none.
#pragma once

#include "core/base/decimal.h"
#include "core/customs/hs_keywords.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct HsSuggestion {
    std::string heading; // "" when nothing matched
    std::string code;    // the heading's usual 10-digit code (to review), "" if the table has none
    std::string keyword; // the keyword that matched, as written in the table
};

// The best heading for `text` (title, product type, category and tags, joined): the longest
// keyword matched wins; between equal matches, the more specific heading (its longer code), then
// the table's order. Alphabetic keywords match whole words, case-folded; CJK ones anywhere.
class HsSuggester {
public:
    explicit HsSuggester(const HsKeywordTable& table);
    HsSuggestion Suggest(std::string_view text) const;

private:
    struct Keyword {
        std::string folded, shown, heading, code;
        bool anywhere = false; // CJK: no spaces between words
    };
    std::vector<Keyword> keywords_;
};

// The ISO 3166 alpha-2 code of the one country `text` names, or "" (none, or several).
class OriginSuggester {
public:
    OriginSuggester(); // builds the names once (ICU, nine languages)
    std::string Suggest(std::string_view text) const;

private:
    std::vector<std::pair<std::string, std::string>> names_; // folded name → ISO
};

// "800 g" → {"g", 800}; "12 x 330 ml" → {"ml", 3960}; "1,5 L" → {"L", 1.5}. unit "" when none.
struct QuantitySuggestion {
    std::string unit; // a customs unit symbol: "g", "kg", "ml", "L"
    Decimal qty;
};
QuantitySuggestion SuggestLegalQuantity(std::string_view text);

// "HANDLE-RED-L" from "handle" and the option values; [A-Z0-9-], at most 64 bytes.
std::string SuggestSku(std::string_view handle, const std::vector<std::string>& option_values);

} // namespace bondstore
