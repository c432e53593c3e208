#include "core/search/search_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

namespace bondstore {

// Whitespace and control characters: one space between words, none at the ends. (So no key
// holds '\x1f', which SearchIndex puts between a product's keys.)
static std::string CollapseSpaces(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') { space = !out.empty(); continue; }
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
    // Folded first (NFKC: width, compatibility forms, case), then decomposed and stripped of
    // combining marks, then composed again. Folding first matters: it can compose a mark that
    // came as a separate character (half-width "ｶﾞ" becomes "ガ"), which must then go like any
    // other mark, or the query "ｶﾞ" could never find "ガ" and typing "ｶ" then "ｶﾞ" would not narrow.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(text);
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    icu::UnicodeString decomposed = nfd->normalize(fold->normalize(s, status), status);
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue; // é → e
        stripped.append(c);
    }
    std::string utf8;
    nfc->normalize(stripped, status).toUTF8String(utf8);
    return CollapseSpaces(utf8);
}

std::string FoldForMatching(std::string_view text)
{
    bool ascii = true;
    for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) return NormalizeForSearch(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return std::string(text);
    std::string utf8;
    fold->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size()))), status).toUTF8String(utf8);
    return CollapseSpaces(utf8);
}

} // namespace bondstore

