#include "core/i18n/po_file.h"

#include "core/base/localized_text.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/message_pattern.h"

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>

#include <cctype>
#include <cstdio> // snprintf only: core does no I/O
#include <set>

namespace bondstore {

const std::string* TranslationFile::Find(std::string_view key) const
{
    for (const auto& [k, v] : messages)
        if (k == key) return &v;
    return nullptr;
}

std::string SourceHash(std::string_view text)
{
    uint32_t h = 2166136261u;
    for (unsigned char c : text) {
        h ^= c;
        h *= 16777619u;
    }
    static const char digits[] = "0123456789abcdef";
    std::string out(8, '0');
    for (int i = 7; i >= 0; i--, h >>= 4) out[size_t(i)] = digits[h & 15];
    return out;
}

static const char* const kHashesKey = "@source_hashes";

TranslationFile ParseTranslationFile(std::string_view json, std::vector<Problem>* problems)
{
    TranslationFile f;
    auto report = [&](const char* code, std::string field, std::string value = {}) {
        Problem p;
        p.code = code;
        p.field = std::move(field);
        p.value = ShortenForReport(value);
        if (problems) problems->push_back(std::move(p));
    };
    auto doc = nlohmann::ordered_json::parse(json.begin(), json.end(), nullptr, false);
    if (doc.is_discarded()) { report("json.syntax", {}); return f; }
    if (!doc.is_object()) { report("json.expected_object", {}); return f; }
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (it.key() == kHashesKey) {
            if (!it.value().is_object()) { report("json.expected_object", it.key()); continue; }
            for (auto h = it.value().begin(); h != it.value().end(); ++h)
                if (h.value().is_string()) f.source_hashes[h.key()] = h.value().get<std::string>();
            continue;
        }
        if (!it.key().empty() && it.key()[0] == '@') continue; // other metadata, as Messages::Load
        if (!it.value().is_string()) { report("json.expected_string", it.key(), it.value().dump()); continue; }
        f.messages.emplace_back(it.key(), it.value().get<std::string>());
    }
    return f;
}

static std::string Quoted(const std::string& s) { return nlohmann::json(s).dump(); }

std::string TranslationFileToJson(const TranslationFile& file)
{
    std::string out = "{\n";
    for (size_t i = 0; i < file.messages.size(); i++) {
        out += "  " + Quoted(file.messages[i].first) + ": " + Quoted(file.messages[i].second);
        out += i + 1 < file.messages.size() || !file.source_hashes.empty() ? ",\n" : "\n";
    }
    if (!file.source_hashes.empty()) {
        out += "  \"" + std::string(kHashesKey) + "\": {";
        size_t n = 0;
        for (const auto& [key, hash] : file.source_hashes) {
            out += (n++ % 4 == 0 ? "\n    " : " ") + Quoted(key) + ": " + Quoted(hash);
            if (n < file.source_hashes.size()) out += ",";
        }
        out += "\n  }\n";
    }
    out += "}\n";
    return out;
}

// --- PO text ------------------------------------------------------------------------------

// A C string literal as gettext writes it: quotes, backslashes and control characters escaped.
static std::string PoString(std::string_view s)
{
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\v': out += "\\v"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char octal[5];
                std::snprintf(octal, sizeof octal, "\\%03o", static_cast<unsigned char>(c));
                out += octal;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

static bool IsCurrent(const TranslationFile& translation, const std::string& key, const std::string& source_text)
{
    auto h = translation.source_hashes.find(key);
    return h != translation.source_hashes.end() && h->second == SourceHash(source_text);
}

TranslationStatus StatusOf(const TranslationFile& source, const TranslationFile& translation)
{
    TranslationStatus s;
    for (const auto& [key, text] : source.messages) {
        if (!translation.Find(key)) s.untranslated++;
        else if (IsCurrent(translation, key, text)) s.current++;
        else s.fuzzy++;
    }
    return s;
}

std::string ExportPo(std::string_view locale, const TranslationFile& source, const TranslationFile& translation)
{
    std::string out;
    out += "# Bondstore UI messages for " + std::string(locale) + ".\n";
    out += "# msgctxt: the message key. msgid: the English source. msgstr: the translation, an ICU\n";
    out += "# MessageFormat pattern with the same {placeholders} as the source. `fuzzy`: the source\n";
    out += "# changed since this was translated; review, then remove the flag.\n";
    out += "msgid \"\"\nmsgstr \"\"\n";
    out += "\"Language: " + std::string(locale) + "\\n\"\n";
    out += "\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
    out += "\"Content-Transfer-Encoding: 8bit\\n\"\n";
    for (const auto& [key, text] : source.messages) {
        out += "\n";
        const std::string* t = translation.Find(key);
        if (t && !IsCurrent(translation, key, text)) out += "#, fuzzy\n";
        out += "msgctxt " + PoString(key) + "\n";
        out += "msgid " + PoString(text) + "\n";
        out += "msgstr " + PoString(t ? *t : std::string()) + "\n";
    }
    return out;
}

namespace {

struct PoEntry {
    int64_t line = 0; // where the entry starts
    bool fuzzy = false;
    bool has_context = false;
    std::string context, id, str;
};

// Undoes PoString on the text between the quotes of `line` (which starts with the quote).
bool Unquote(std::string_view line, std::string* out)
{
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
    if (line.size() < 2 || line.front() != '"' || line.back() != '"') return false;
    line = line.substr(1, line.size() - 2);
    for (size_t i = 0; i < line.size(); i++) {
        char c = line[i];
        if (c == '"') return false; // an unescaped quote inside
        if (c != '\\') { *out += c; continue; }
        if (++i >= line.size()) return false;
        switch (line[i]) {
        case 'n': *out += '\n'; break;
        case 't': *out += '\t'; break;
        case 'r': *out += '\r'; break;
        case 'a': *out += '\a'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'v': *out += '\v'; break;
        case '"': *out += '"'; break;
        case '\'': *out += '\''; break;
        case '?': *out += '?'; break;
        case '\\': *out += '\\'; break;
        case 'x': { // \xHH
            int value = 0, digits = 0;
            while (i + 1 < line.size() && digits < 2 && std::isxdigit(static_cast<unsigned char>(line[i + 1]))) {
                char h = line[++i];
                value = value * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                digits++;
            }
            if (digits == 0) return false;
            *out += char(value);
            break;
        }
        default: { // \ooo
            if (line[i] < '0' || line[i] > '7') return false;
            int value = line[i] - '0', digits = 1;
            while (i + 1 < line.size() && digits < 3 && line[i + 1] >= '0' && line[i + 1] <= '7') {
                value = value * 8 + (line[++i] - '0');
                digits++;
            }
            *out += char(value);
        }
        }
    }
    return true;
}

} // namespace

PoImport ImportPo(std::string_view po, std::string_view locale, const TranslationFile& source, const TranslationFile& current)
{
    PoImport r;
    auto report = [&](const char* code, int64_t line, std::string key, std::string value = {}, std::string limit = {}) {
        Problem p;
        p.code = code;
        p.section = "po";
        p.row = line;
        p.field = std::move(key);
        p.value = ShortenForReport(value);
        p.limit = std::move(limit);
        r.problems.push_back(std::move(p));
    };

    // 1. The entries, by line.
    std::vector<PoEntry> entries;
    PoEntry entry;
    bool in_entry = false;
    std::string* target = nullptr; // where continuation lines go
    auto finish = [&] {
        if (in_entry) entries.push_back(std::move(entry));
        entry = PoEntry();
        in_entry = false;
        target = nullptr;
    };
    int64_t number = 0;
    size_t pos = 0;
    while (pos <= po.size()) {
        size_t nl = po.find('\n', pos);
        std::string_view line = po.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        number++;
        pos = nl == std::string_view::npos ? po.size() + 1 : nl + 1;
        if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3); // a BOM
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line == "\r") { finish(); continue; }
        if (line.substr(0, 2) == "#~") continue; // obsolete entries
        if (line[0] == '#') {
            // A comment after an entry's strings starts the next entry.
            if (in_entry && target) finish();
            if (line.substr(0, 2) == "#," && line.find("fuzzy") != std::string_view::npos) {
                if (!in_entry) entry.line = number;
                entry.fuzzy = true;
                in_entry = true;
            }
            continue;
        }
        auto keyword = [&](std::string_view word) {
            return line.substr(0, word.size()) == word && line.size() > word.size() && line[word.size()] == ' ';
        };
        std::string* field = nullptr;
        std::string_view rest;
        if (keyword("msgctxt")) {
            if (in_entry && target) finish(); // no blank line between entries
            field = &entry.context;
            entry.has_context = true;
            rest = line.substr(8);
        } else if (keyword("msgid")) {
            if (in_entry && target && target != &entry.context) finish();
            field = &entry.id;
            rest = line.substr(6);
        } else if (keyword("msgstr")) {
            field = &entry.str;
            rest = line.substr(7);
        } else if (line[0] == '"' && target) {
            if (!Unquote(line, target)) report("po.syntax", number, entry.context, std::string(line));
            else if (!IsValidUtf8(line)) report("import.invalid_utf8", number, entry.context);
            continue;
        } else {
            // msgid_plural, msgstr[n] (ICU plurals live inside the pattern) or anything else.
            report("po.syntax", number, entry.context, std::string(line));
            continue;
        }
        if (!in_entry) entry.line = number;
        in_entry = true;
        field->clear();
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        if (!Unquote(rest, field)) report("po.syntax", number, entry.context, std::string(line));
        else if (!IsValidUtf8(*field)) report("import.invalid_utf8", number, entry.context); // a Latin-1 or GBK file
        target = field;
    }
    finish();

    // 2. Each entry against the source.
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale icu_locale = icu::Locale::forLanguageTag(std::string(locale), status);
    std::set<std::string> seen;
    std::map<std::string, std::pair<std::string, std::string>> accepted; // key → text, hash
    for (const PoEntry& e : entries) {
        if (!e.has_context && e.id.empty()) { // the header: "Name: value\n" lines
            size_t start = 0;
            while (start < e.str.size()) {
                size_t end = e.str.find('\n', start);
                std::string_view line = std::string_view(e.str).substr(start, end == std::string::npos ? std::string::npos : end - start);
                start = end == std::string::npos ? e.str.size() : end + 1;
                if (line.substr(0, 9) != "Language:") continue;
                std::string language(line.substr(9));
                while (!language.empty() && language.front() == ' ') language.erase(0, 1);
                while (!language.empty() && (language.back() == ' ' || language.back() == '\r')) language.pop_back();
                // Tools write zh_CN, zh_TW, de_DE: the same language if it negotiates to this locale.
                if (!language.empty() && NegotiateLocale({language}) != locale)
                    report("po.wrong_language", e.line, {}, language, std::string(locale));
            }
            continue;
        }
        if (!e.has_context) { report("po.no_context", e.line, {}, e.id); continue; }
        const std::string* source_text = source.Find(e.context);
        if (!source_text) { report("po.unknown_key", e.line, e.context, e.context); continue; }
        if (!seen.insert(e.context).second) { report("po.duplicate_key", e.line, e.context, e.context); continue; }
        if (e.str.empty()) { r.untranslated++; continue; }
        UErrorCode s = U_ZERO_ERROR;
        UParseError parse_error;
        icu::MessageFormat format(icu::UnicodeString::fromUTF8(e.str), icu_locale, parse_error, s);
        if (U_FAILURE(s)) { report("po.broken_pattern", e.line, e.context, u_errorName(s)); continue; }
        std::map<std::string, std::string> want, got;
        MessageArguments(*source_text, &want);
        MessageArguments(e.str, &got);
        if (!CompatibleArguments(want, got)) {
            report("po.arguments_differ", e.line, e.context, DescribeArguments(got), DescribeArguments(want));
            continue;
        }
        // Not fuzzy: the translation is of the msgid the translator saw (stale at once if that is
        // not today's source). Fuzzy: it must stay flagged until a translator clears it — so it
        // keeps a stamp only if that stamp is already stale (the same text, from an older source),
        // else it gets none. Either way the text is used: a slightly stale translation serves a
        // shopper better than a fallback language.
        std::string hash;
        if (!e.fuzzy) {
            hash = SourceHash(e.id);
        } else if (const std::string* old = current.Find(e.context); old && *old == e.str) {
            auto h = current.source_hashes.find(e.context);
            if (h != current.source_hashes.end() && h->second != SourceHash(*source_text)) hash = h->second;
        }
        accepted[e.context] = {e.str, hash};
        if (e.fuzzy || hash != SourceHash(*source_text)) r.fuzzy++;
        else r.translated++;
    }

    // 3. The new file, in the source's order. Keys the PO does not mention keep what they had.
    for (const auto& [key, text] : source.messages) {
        auto a = accepted.find(key);
        if (a != accepted.end()) {
            r.file.messages.emplace_back(key, a->second.first);
            if (!a->second.second.empty()) r.file.source_hashes[key] = a->second.second;
        } else if (!seen.count(key)) {
            if (const std::string* old = current.Find(key)) {
                r.file.messages.emplace_back(key, *old);
                if (auto h = current.source_hashes.find(key); h != current.source_hashes.end()) r.file.source_hashes[key] = h->second;
            }
        }
    }
    return r;
}

} // namespace bondstore
