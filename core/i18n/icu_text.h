// Small conversions between Bondstore's UTF-8 strings and ICU's types, shared by core's ICU
// users. Internal to core.
#pragma once

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace bondstore::icu_text {

inline icu::UnicodeString U(std::string_view s)
{
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size())));
}

inline std::string Utf8(const icu::UnicodeString& s)
{
    std::string out;
    s.toUTF8String(out);
    return out;
}

// The ICU locale for a BCP 47 tag; root if the tag is not well formed.
inline icu::Locale LocaleOf(std::string_view tag)
{
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale l = icu::Locale::forLanguageTag(tag, status);
    return U_FAILURE(status) ? icu::Locale::getRoot() : l;
}

} // namespace bondstore::icu_text
