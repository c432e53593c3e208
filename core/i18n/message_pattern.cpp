#include "core/i18n/message_pattern.h"

#include "core/i18n/icu_text.h"

#include <unicode/messagepattern.h>
#include <unicode/unistr.h>

#include <set>
#include <vector>

namespace bondstore {

using icu_text::U;

bool MessageArguments(std::string_view pattern, std::map<std::string, std::string>* arguments)
{
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::UnicodeString source = U(pattern);
    icu::MessagePattern mp(source, &parse_error, status);
    if (U_FAILURE(status)) return false;
    std::map<std::string, std::set<std::string>> ways;
    for (int32_t i = 0; i + 1 < mp.countParts(); i++) {
        const icu::MessagePattern::Part& start = mp.getPart(i);
        if (start.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
        const icu::MessagePattern::Part& name_part = mp.getPart(i + 1);
        std::string name, kind;
        mp.getSubstring(name_part).toUTF8String(name);
        switch (start.getArgType()) {
        case UMSGPAT_ARG_TYPE_NONE: break;
        case UMSGPAT_ARG_TYPE_PLURAL: kind = "plural"; break;
        case UMSGPAT_ARG_TYPE_SELECTORDINAL: kind = "selectordinal"; break;
        case UMSGPAT_ARG_TYPE_SELECT: kind = "select"; break;
        case UMSGPAT_ARG_TYPE_CHOICE: kind = "choice"; break;
        case UMSGPAT_ARG_TYPE_SIMPLE: {
            // ARG_TYPE (number, date, …) then an optional ARG_STYLE.
            int32_t j = i + 2;
            if (j < mp.countParts() && mp.getPart(j).getType() == UMSGPAT_PART_TYPE_ARG_TYPE) {
                mp.getSubstring(mp.getPart(j)).toUTF8String(kind);
                if (j + 1 < mp.countParts() && mp.getPart(j + 1).getType() == UMSGPAT_PART_TYPE_ARG_STYLE) {
                    std::string style;
                    mp.getSubstring(mp.getPart(j + 1)).trim().toUTF8String(style);
                    kind += ", " + style;
                }
            }
            break;
        }
        }
        ways[name].insert(kind);
    }
    // A name used two ways ("{section}" and "{section, select, …}") is described by both.
    for (const auto& [name, kinds] : ways) {
        std::string joined;
        for (const std::string& k : kinds) joined += (joined.empty() && k == *kinds.begin() ? "" : "+") + k;
        (*arguments)[name] = joined;
    }
    return true;
}

// What a value must be for an argument used this way.
static const char* ValueClass(std::string_view kind)
{
    std::string_view type = kind.substr(0, kind.find(','));
    if (type.empty()) return "any";
    if (type == "select") return "text";
    if (type == "date" || type == "time") return "date";
    return "number"; // plural, selectordinal, choice, number, spellout, ordinal, duration
}

bool CompatibleArguments(const std::map<std::string, std::string>& source, const std::map<std::string, std::string>& translation)
{
    if (source.size() != translation.size()) return false;
    for (const auto& [name, kinds] : translation) {
        auto s = source.find(name);
        if (s == source.end()) return false;
        std::set<std::string> allowed = {"any"};
        size_t start = 0;
        while (start <= s->second.size()) {
            size_t plus = s->second.find('+', start);
            allowed.insert(ValueClass(std::string_view(s->second).substr(start, plus == std::string::npos ? std::string::npos : plus - start)));
            if (plus == std::string::npos) break;
            start = plus + 1;
        }
        start = 0;
        while (start <= kinds.size()) {
            size_t plus = kinds.find('+', start);
            if (!allowed.count(ValueClass(std::string_view(kinds).substr(start, plus == std::string::npos ? std::string::npos : plus - start))))
                return false;
            if (plus == std::string::npos) break;
            start = plus + 1;
        }
    }
    return true;
}

std::string DescribeArguments(const std::map<std::string, std::string>& arguments)
{
    std::string out;
    for (const auto& [name, kinds] : arguments) {
        size_t start = 0;
        while (start <= kinds.size()) { // one {…} per way the name is used
            size_t plus = kinds.find('+', start);
            std::string kind = kinds.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
            if (!out.empty()) out += ", ";
            out += "{" + name + (kind.empty() ? "" : ", " + kind) + "}";
            if (plus == std::string::npos) break;
            start = plus + 1;
        }
    }
    return out.empty() ? std::string("—") : out;
}

namespace {

// Pseudo-translations of one run of literal message text.
// en-XA: each ASCII letter of a run of literal text replaced by an accented one, one for one
// (so quoting apostrophes around it keep their meaning); `letters` counts them.
icu::UnicodeString Accent(const icu::UnicodeString& text, int32_t& letters)
{
    static const char16_t* const accented[26] = {
        u"å", u"ƀ", u"ç", u"ð", u"é", u"ƒ", u"ĝ", u"ĥ", u"î", u"ĵ", u"ķ", u"ļ", u"ḿ",
        u"ñ", u"ö", u"þ", u"ǫ", u"ŕ", u"š", u"ţ", u"û", u"ṽ", u"ŵ", u"ẋ", u"ý", u"ž"};
    // (m: "ḿ", whose capital "Ḿ" the UI fonts have; "ɱ" would capitalise to U+2C6E.)
    icu::UnicodeString out;
    for (int32_t i = 0; i < text.length(); i++) {
        char16_t c = text.charAt(i);
        if (c >= u'a' && c <= u'z') { out.append(accented[c - u'a']); letters++; }
        else if (c >= u'A' && c <= u'Z') { out.append(icu::UnicodeString(accented[c - u'A']).toUpper()); letters++; }
        else out.append(c);
    }
    return out;
}

} // namespace

std::string Pseudolocalize(std::string_view pattern, PseudoKind kind)
{
    icu::UnicodeString source = U(pattern);
    if (kind == PseudoKind::Bidi) {
        // The whole message, arguments and all, in RIGHT-TO-LEFT OVERRIDE … POP DIRECTIONAL
        // FORMATTING: outside the pattern's syntax, so quoting ('{') stays intact.
        UErrorCode status = U_ZERO_ERROR;
        UParseError parse_error;
        icu::MessagePattern check(source, &parse_error, status);
        if (U_FAILURE(status)) return std::string(pattern);
        icu::UnicodeString out(u'\u202E');
        out.append(source).append(u'\u202C');
        std::string utf8;
        out.toUTF8String(utf8);
        return utf8;
    }
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::MessagePattern mp(source, &parse_error, status);
    if (U_FAILURE(status)) return std::string(pattern);
    // Literal text is what lies between a part after which a message's text resumes (its start,
    // the end of an argument, skipped syntax such as a quote, an inserted character, "#") and the
    // next part.
    // Literal text is what lies between a part after which a message's text resumes (its start,
    // the end of an argument, skipped syntax such as a quote, an inserted character, "#") and the
    // next part. Each (sub-)message is padded at its end — about 35% more, as German or Russian
    // often are — where no quoting can be open.
    icu::UnicodeString out;
    int32_t copied = 0;
    std::vector<int32_t> letters; // per open (sub-)message
    for (int32_t i = 0; i < mp.countParts(); i++) {
        const icu::MessagePattern::Part& part = mp.getPart(i);
        UMessagePatternPartType t = part.getType();
        if (t == UMSGPAT_PART_TYPE_MSG_START) letters.push_back(0);
        if (t == UMSGPAT_PART_TYPE_MSG_LIMIT && !letters.empty()) {
            out.append(source, copied, part.getIndex() - copied);
            copied = part.getIndex();
            int32_t extra = (letters.back() * 35 + 99) / 100;
            for (int32_t k = 0; k < extra; k++) out.append(k == 0 ? u' ' : u'·');
            letters.pop_back();
        }
        bool text_follows = t == UMSGPAT_PART_TYPE_MSG_START || t == UMSGPAT_PART_TYPE_ARG_LIMIT ||
                            t == UMSGPAT_PART_TYPE_SKIP_SYNTAX || t == UMSGPAT_PART_TYPE_INSERT_CHAR ||
                            t == UMSGPAT_PART_TYPE_REPLACE_NUMBER;
        if (!text_follows || i + 1 >= mp.countParts() || letters.empty()) continue;
        int32_t start = part.getLimit(), limit = mp.getPart(i + 1).getIndex();
        if (limit <= start) continue;
        out.append(source, copied, start - copied);
        out.append(Accent(icu::UnicodeString(source, start, limit - start), letters.back()));
        copied = limit;
    }
    out.append(source, copied, source.length() - copied);
    out = icu::UnicodeString(u"[").append(out).append(u"]");
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

} // namespace bondstore
