#include "core/import/customs_suggestion.h"

#include "core/customs/customs_codes.h"
#include "core/i18n/formatting.h"
#include "core/i18n/i18n_bundle.h"
#include "core/search/search_text.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace bondstore {

namespace {

// The first code point of UTF-8 `s` (0 for an empty or broken start).
uint32_t FirstCodePoint(std::string_view s)
{
    if (s.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return c;
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    uint32_t cp = c & (0x3F >> n);
    for (int i = 1; i <= n && size_t(i) < s.size(); i++) cp = (cp << 6) | (static_cast<unsigned char>(s[size_t(i)]) & 0x3F);
    return cp;
}

// Scripts written without spaces between words (CJK, kana, Hangul syllables): matched anywhere.
bool WrittenWithoutSpaces(std::string_view folded) { return FirstCodePoint(folded) >= 0x2E80; }

// A word character: ASCII letters and digits, and any byte of a non-ASCII character (Latin with
// accents, Cyrillic, Arabic).
bool WordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

// Every place `needle` stands in `hay` as a whole word (or anywhere), as [begin, end).
std::vector<std::pair<size_t, size_t>> Matches(std::string_view hay, std::string_view needle, bool anywhere)
{
    std::vector<std::pair<size_t, size_t>> out;
    if (needle.empty()) return out;
    for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
        size_t end = at + needle.size();
        if (!anywhere && ((at > 0 && WordByte(hay[at - 1])) || (end < hay.size() && WordByte(hay[end])))) continue;
        out.emplace_back(at, end);
    }
    return out;
}

// Demonyms and "made in" words for the commonest origins of cross-border goods, where a country's
// name alone would not be found ("Japanese", "German", "Korea", "Holland").
const std::pair<const char*, const char*> kDemonyms[] = {
    {"japanese", "JP"},   {"korean", "KR"},      {"korea", "KR"},        {"german", "DE"},      {"deutsch", "DE"},
    {"deutsche", "DE"},   {"french", "FR"},      {"français", "FR"},     {"française", "FR"},   {"italian", "IT"},
    {"italiano", "IT"},   {"american", "US"},    {"usa", "US"},          {"u.s.a.", "US"},      {"british", "GB"},
    {"uk", "GB"},         {"england", "GB"},     {"australian", "AU"},   {"new zealand", "NZ"}, {"kiwi", "NZ"},
    {"dutch", "NL"},      {"holland", "NL"},     {"swiss", "CH"},        {"spanish", "ES"},     {"thai", "TH"},
    {"canadian", "CA"},   {"irish", "IE"},       {"danish", "DK"},       {"swedish", "SE"},     {"norwegian", "NO"},
    {"belgian", "BE"},    {"austrian", "AT"},    {"scottish", "GB"},     {"scotch", "GB"},      {"chilean", "CL"},
    {"японский", "JP"},   {"японская", "JP"},    {"корейский", "KR"},    {"немецкий", "DE"},    {"французский", "FR"},
    {"японии", "JP"},     {"кореи", "KR"},       {"германии", "DE"},     {"франции", "FR"},     {"италии", "IT"},
    {"日本製", "JP"},     {"韩国产", "KR"},      {"韓國產", "KR"},       {"德国产", "DE"},      {"法国产", "FR"},
};

} // namespace

HsSuggester::HsSuggester(const HsKeywordTable& table)
{
    for (const HsKeywordTable::Heading& h : table.headings)
        for (const auto& [locale, words] : h.keywords)
            for (const std::string& w : words) {
                std::string folded = FoldForMatching(w);
                if (!folded.empty()) keywords_.push_back({folded, w, h.hs, h.code, WrittenWithoutSpaces(folded)});
            }
}

HsSuggestion HsSuggester::Suggest(std::string_view text) const
{
    const std::string hay = FoldForMatching(text);
    const Keyword* best = nullptr;
    for (const Keyword& k : keywords_) {
        if (Matches(hay, k.folded, k.anywhere).empty()) continue;
        bool better = !best || k.folded.size() > best->folded.size() ||
                      (k.folded.size() == best->folded.size() && k.heading.size() > best->heading.size());
        if (better) best = &k;
    }
    if (!best) return {};
    return {best->heading, best->code, best->shown};
}

OriginSuggester::OriginSuggester()
{
    CustomsTables tables = AllCustomsCodes();
    for (size_t i = 0; i < tables.country_count; i++) {
        const CustomsCountry& c = tables.countries[i];
        if (c.iso2.empty()) continue;
        std::set<std::string> seen;
        for (const LocaleInfo& l : BundledLocales()) {
            std::string name = FoldForMatching(CountryName(c.iso2, l.tag));
            if (name.size() >= 2 && name != FoldForMatching(c.iso2) && seen.insert(name).second) names_.emplace_back(name, std::string(c.iso2));
        }
        std::string zh = FoldForMatching(c.name_zh);
        if (!zh.empty() && seen.insert(zh).second) names_.emplace_back(zh, std::string(c.iso2));
    }
    for (const auto& [word, iso] : kDemonyms) names_.emplace_back(FoldForMatching(word), iso);
}

std::string OriginSuggester::Suggest(std::string_view text) const
{
    const std::string hay = FoldForMatching(text);
    struct Found {
        size_t begin, end;
        const std::string* iso;
    };
    std::vector<Found> found;
    for (const auto& [name, iso] : names_)
        for (auto [b, e] : Matches(hay, name, WrittenWithoutSpaces(name))) found.push_back({b, e, &iso});
    // The longest names first; a name inside a longer one found ("Guinea" in "Papua New Guinea")
    // is not another country.
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.end - a.begin > b.end - b.begin; });
    std::vector<Found> kept;
    for (const Found& f : found)
        if (std::none_of(kept.begin(), kept.end(), [&](const Found& k) { return f.begin < k.end && k.begin < f.end; })) kept.push_back(f);
    std::set<std::string> countries;
    for (const Found& k : kept) countries.insert(*k.iso);
    return countries.size() == 1 ? *countries.begin() : std::string();
}

QuantitySuggestion SuggestLegalQuantity(std::string_view text)
{
    const std::string s = FoldForMatching(text);
    struct Unit {
        const char* word;
        const char* symbol;
        int64_t factor; // into the symbol's unit (cl → 10 ml)
    };
    // (Longer words first where one begins another: "grams" before "g".)
    static const Unit kUnits[] = {{"kg", "kg", 1},     {"千克", "kg", 1},  {"公斤", "kg", 1},   {"ml", "ml", 1},   {"毫升", "ml", 1},
                                  {"cl", "ml", 10},    {"grams", "g", 1},  {"gram", "g", 1},    {"gr", "g", 1},    {"g", "g", 1},
                                  {"克", "g", 1},      {"litres", "L", 1}, {"liters", "L", 1},  {"litre", "L", 1}, {"liter", "L", 1},
                                  {"ltr", "L", 1},     {"l", "L", 1},      {"升", "L", 1}};
    for (size_t i = 0; i < s.size(); i++) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])) || (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '.')))
            continue;
        size_t j = i;
        while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || ((s[j] == '.' || s[j] == ',') && j + 1 < s.size() &&
                                                                                  std::isdigit(static_cast<unsigned char>(s[j + 1])))))
            j++;
        std::string number = s.substr(i, j - i);
        std::replace(number.begin(), number.end(), ',', '.');
        size_t k = j;
        while (k < s.size() && s[k] == ' ') k++;
        // "12 x 330 ml": a pack of 12; the quantity is the pack's.
        if (k < s.size() && (s[k] == 'x' || s.compare(k, 2, "\xC3\x97") == 0)) {
            size_t after = k + (s[k] == 'x' ? 1 : 2);
            while (after < s.size() && s[after] == ' ') after++;
            if (after < s.size() && std::isdigit(static_cast<unsigned char>(s[after])) && number.find('.') == std::string::npos) {
                QuantitySuggestion inner = SuggestLegalQuantity(s.substr(after));
                DecimalParse count = ParseDecimal(number);
                if (!inner.unit.empty() && count.ok() && count.value.units > 0 && count.value.units <= 1000) {
                    inner.qty.units *= count.value.units;
                    return inner;
                }
            }
        }
        for (const Unit& u : kUnits) {
            size_t n = std::char_traits<char>::length(u.word);
            if (s.compare(k, n, u.word) != 0) continue;
            if (k + n < s.size() && std::isalpha(static_cast<unsigned char>(s[k + n]))) continue; // ("gloss" is no "g")
            DecimalParse q = ParseDecimal(number);
            if (!q.ok() || q.value.is_zero()) break;
            q.value.units *= u.factor;
            return {u.symbol, q.value};
        }
        i = j;
    }
    return {};
}

std::string SuggestSku(std::string_view handle, const std::vector<std::string>& option_values)
{
    std::string sku;
    auto append = [&](std::string_view part) {
        std::string piece;
        for (char c : part) {
            unsigned char u = static_cast<unsigned char>(c);
            if (std::isalnum(u) && u < 0x80) piece += char(std::toupper(u));
            else if (!piece.empty() && piece.back() != '-') piece += '-';
        }
        while (!piece.empty() && piece.back() == '-') piece.pop_back();
        if (piece.empty()) return;
        if (!sku.empty()) sku += '-';
        sku += piece;
    };
    append(handle);
    for (const std::string& v : option_values)
        if (v != "Default Title") append(v);
    if (sku.size() > 64) sku.resize(64);
    while (!sku.empty() && sku.back() == '-') sku.pop_back();
    return sku;
}

} // namespace bondstore
