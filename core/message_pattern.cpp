#include "message_pattern.h"

#include <unicode/messagepattern.h>
#include <unicode/unistr.h>

#include <vector>

namespace bondstore {

static icu::UnicodeString U(std::string_view s)
{
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size())));
}

bool MessageArguments(std::string_view pattern, std::set<std::string>* names)
{
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::MessagePattern mp(U(pattern), &parse_error, status);
    if (U_FAILURE(status)) return false;
    for (int32_t i = 0; i < mp.countParts(); i++) {
        const icu::MessagePattern::Part& part = mp.getPart(i);
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME || part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER) {
            std::string name;
            mp.getSubstring(part).toUTF8String(name);
            names->insert(name);
        }
    }
    return true;
}

namespace {

// Pseudo-translations of one run of literal message text.
icu::UnicodeString Accent(const icu::UnicodeString& text)
{
    static const char16_t* const accented[26] = {
        u"å", u"ƀ", u"ç", u"ð", u"é", u"ƒ", u"ĝ", u"ĥ", u"î", u"ĵ", u"ķ", u"ļ", u"ɱ",
        u"ñ", u"ö", u"þ", u"ǫ", u"ŕ", u"š", u"ţ", u"û", u"ṽ", u"ŵ", u"ẋ", u"ý", u"ž"};
    icu::UnicodeString out;
    int32_t letters = 0;
    for (int32_t i = 0; i < text.length(); i++) {
        char16_t c = text.charAt(i);
        if (c >= u'a' && c <= u'z') { out.append(accented[c - u'a']); letters++; }
        else if (c >= u'A' && c <= u'Z') { out.append(icu::UnicodeString(accented[c - u'A']).toUpper()); letters++; }
        else out.append(c);
    }
    // About 35% longer, as German or Russian often are.
    int32_t extra = (letters * 35 + 99) / 100;
    for (int32_t k = 0; k < extra; k++) out.append(k == 0 ? u' ' : u'·');
    return out;
}

icu::UnicodeString Mirror(const icu::UnicodeString& text)
{
    if (icu::UnicodeString(text).trim().isEmpty()) return text;
    icu::UnicodeString out(u'\u202E'); // RIGHT-TO-LEFT OVERRIDE … POP DIRECTIONAL FORMATTING
    out.append(text).append(u'\u202C');
    return out;
}

} // namespace

std::string Pseudolocalize(std::string_view pattern, PseudoKind kind)
{
    icu::UnicodeString source = U(pattern);
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::MessagePattern mp(source, &parse_error, status);
    if (U_FAILURE(status)) return std::string(pattern);
    // Literal text is what lies between a part after which a message's text resumes (its start,
    // the end of an argument, skipped syntax such as a quote, an inserted character, "#") and the
    // next part.
    icu::UnicodeString out;
    int32_t copied = 0;
    for (int32_t i = 0; i + 1 < mp.countParts(); i++) {
        const icu::MessagePattern::Part& part = mp.getPart(i);
        UMessagePatternPartType t = part.getType();
        bool text_follows = t == UMSGPAT_PART_TYPE_MSG_START || t == UMSGPAT_PART_TYPE_ARG_LIMIT ||
                            t == UMSGPAT_PART_TYPE_SKIP_SYNTAX || t == UMSGPAT_PART_TYPE_INSERT_CHAR ||
                            t == UMSGPAT_PART_TYPE_REPLACE_NUMBER;
        if (!text_follows) continue;
        int32_t start = part.getLimit(), limit = mp.getPart(i + 1).getIndex();
        if (limit <= start) continue;
        out.append(source, copied, start - copied);
        icu::UnicodeString text(source, start, limit - start);
        out.append(kind == PseudoKind::Accented ? Accent(text) : Mirror(text));
        copied = limit;
    }
    out.append(source, copied, source.length() - copied);
    if (kind == PseudoKind::Accented) out = icu::UnicodeString(u"[").append(out).append(u"]");
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

} // namespace bondstore
