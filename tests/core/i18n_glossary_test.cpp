// The glossary (i18n/glossary.json): for each recurring concept — the cross-border limit, excise,
// VAT, the kiosk, the buyer, the QR code, the order's code, the ID card… — the one approved term
// per locale and the variants a catalog must not use. Checked against every message of every
// bundled catalog, as embedded in the binary (so natively and in WebAssembly alike):
//
// - no message holds an avoided variant, once the approved terms are taken out of it (so 消費税
//   is refused in Japanese but 個別消費税 is not);
// - a locale whose English source uses a concept has its approved term somewhere; for a concept
//   with "scope": "message", in every message whose English text uses it;
// - the key pairs under "distinct" do not say the same thing (the cart's button and the
//   place-order button).
//
// Terms match a message's literal text (arguments and ICU syntax left out: {annual_limit} is not
// the word "limit"), case-insensitively (ICU case folding), as substrings: "трансграничн" covers
// its endings. docs/i18n.md says how a translator adds a term.
#include <doctest/doctest.h>

#include "core/i18n/i18n_bundle.h"

#include <nlohmann/json.hpp>
#include <unicode/messagepattern.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace bondstore;

namespace {

// A literal text as a report shows it: its pieces on one line.
std::string Shown(const icu::UnicodeString& literal)
{
    icu::UnicodeString s(literal);
    s.findAndReplace(icu::UnicodeString(u"\n"), icu::UnicodeString(u" "));
    std::string out;
    s.trim().toUTF8String(out);
    return out;
}

icu::UnicodeString Folded(std::string_view utf8)
{
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    return s.foldCase();
}

// The text a person reads in an ICU MessageFormat pattern, every branch of every select and plural,
// case-folded; a line break wherever an argument or a branch boundary stands, so a term never
// matches across one. Empty if the pattern does not parse (i18n_test.cpp reports that).
icu::UnicodeString LiteralText(std::string_view pattern)
{
    icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), int32_t(pattern.size())));
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::MessagePattern mp(source, &parse_error, status);
    if (U_FAILURE(status)) return {};
    icu::UnicodeString out;
    int32_t text_from = -1; // where literal text resumed, or -1 inside an argument's syntax
    for (int32_t i = 0; i < mp.countParts(); i++) {
        const icu::MessagePattern::Part& part = mp.getPart(i);
        if (text_from >= 0 && part.getIndex() > text_from) out.append(source, text_from, part.getIndex() - text_from);
        switch (part.getType()) {
        case UMSGPAT_PART_TYPE_MSG_START:
        case UMSGPAT_PART_TYPE_ARG_LIMIT:
        case UMSGPAT_PART_TYPE_REPLACE_NUMBER: // "#"
            out.append(u'\n');
            text_from = part.getLimit();
            break;
        case UMSGPAT_PART_TYPE_SKIP_SYNTAX: // a quoting apostrophe
            text_from = part.getLimit();
            break;
        case UMSGPAT_PART_TYPE_INSERT_CHAR: // "''" → "'"
            out.append(UChar(part.getValue()));
            text_from = part.getLimit();
            break;
        case UMSGPAT_PART_TYPE_ARG_START:
        case UMSGPAT_PART_TYPE_MSG_LIMIT:
            out.append(u'\n');
            text_from = -1;
            break;
        default: break; // names, types, selectors, styles: inside an argument
        }
    }
    return out.foldCase();
}

struct LocaleTerms {
    std::vector<std::string> use, avoid, except_keys;
    std::vector<icu::UnicodeString> use_folded; // longest first, so the longest approved form is taken out first
};

struct Concept {
    std::string name;
    bool per_message = false; // "scope": "message"
    std::map<std::string, LocaleTerms> locales;
};

struct Glossary {
    std::vector<Concept> concepts;
    std::vector<std::pair<std::string, std::string>> distinct;
};

std::vector<std::string> Strings(const nlohmann::json& j, const char* member)
{
    std::vector<std::string> out;
    if (j.contains(member))
        for (const auto& s : j.at(member)) out.push_back(s.get<std::string>());
    return out;
}

Glossary LoadGlossary()
{
    Glossary g;
    std::string_view text = EmbeddedI18nFile("glossary");
    REQUIRE_MESSAGE(!text.empty(), "i18n/glossary.json is not embedded");
    auto doc = nlohmann::ordered_json::parse(text.begin(), text.end(), nullptr, false);
    REQUIRE_MESSAGE(doc.is_object(), "i18n/glossary.json is not a JSON object");
    for (const auto& t : doc.at("terms")) {
        Concept c;
        c.name = t.at("concept").get<std::string>();
        c.per_message = t.value("scope", std::string("catalog")) == "message";
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (!it.value().is_object()) continue;
            LocaleTerms lt;
            lt.use = Strings(it.value(), "use");
            lt.avoid = Strings(it.value(), "avoid");
            lt.except_keys = Strings(it.value(), "except_keys");
            for (const std::string& u : lt.use) lt.use_folded.push_back(Folded(u));
            std::sort(lt.use_folded.begin(), lt.use_folded.end(),
                      [](const icu::UnicodeString& a, const icu::UnicodeString& b) { return a.length() > b.length(); });
            c.locales[it.key()] = std::move(lt);
        }
        g.concepts.push_back(std::move(c));
    }
    if (doc.contains("distinct"))
        for (const auto& d : doc.at("distinct")) {
            std::vector<std::string> keys = Strings(d, "keys");
            REQUIRE(keys.size() == 2);
            g.distinct.emplace_back(keys[0], keys[1]);
        }
    return g;
}

// key → literal text (folded) of one locale's catalog, in file order.
std::vector<std::pair<std::string, icu::UnicodeString>> Catalog(std::string_view tag)
{
    std::vector<std::pair<std::string, icu::UnicodeString>> out;
    std::string_view text = EmbeddedI18nFile(tag);
    auto doc = nlohmann::ordered_json::parse(text.begin(), text.end(), nullptr, false);
    REQUIRE(doc.is_object());
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.value().is_string()) out.emplace_back(it.key(), LiteralText(it.value().get<std::string>()));
    return out;
}

bool HasAny(const icu::UnicodeString& text, const std::vector<icu::UnicodeString>& terms)
{
    return std::any_of(terms.begin(), terms.end(), [&](const icu::UnicodeString& t) { return text.indexOf(t) >= 0; });
}

// The text with every occurrence of the approved terms taken out (a line break in their place, so
// the words on either side do not join into a new one).
icu::UnicodeString WithoutApproved(icu::UnicodeString text, const LocaleTerms& terms)
{
    for (const icu::UnicodeString& t : terms.use_folded)
        if (!t.isEmpty()) text.findAndReplace(t, icu::UnicodeString(u"\n"));
    return text;
}

bool Excepted(const std::string& key, const LocaleTerms& terms)
{
    return std::any_of(terms.except_keys.begin(), terms.except_keys.end(),
                       [&](const std::string& prefix) { return key.rfind(prefix, 0) == 0; });
}

icu::UnicodeString Trimmed(const icu::UnicodeString& s)
{
    icu::UnicodeString out;
    for (int32_t i = 0; i < s.length(); i++)
        if (!u_isWhitespace(s.charAt(i)) && s.charAt(i) != u'·') out.append(s.charAt(i));
    return out;
}

} // namespace

TEST_SUITE("i18n glossary")
{

TEST_CASE("the glossary is well formed and covers every bundled locale")
{
    Glossary g = LoadGlossary();
    CHECK(g.concepts.size() >= 12);
    std::set<std::string> tags;
    for (const LocaleInfo& l : BundledLocales()) tags.insert(l.tag);
    std::set<std::string> names;
    for (const Concept& c : g.concepts) {
        CAPTURE(c.name);
        CHECK_MESSAGE(names.insert(c.name).second, "a concept listed twice");
        for (const auto& entry : c.locales) {
            const std::string tag = entry.first; // (clang 14 cannot capture a structured binding)
            const LocaleTerms& terms = entry.second;
            CHECK_MESSAGE(tags.count(tag) == 1, "“" << tag << "” is not a bundled locale (locales.json)");
            for (const std::string& u : terms.use) CHECK_MESSAGE(!u.empty(), tag << ": an empty approved term");
            for (const std::string& a : terms.avoid) {
                CHECK_MESSAGE(!a.empty(), tag << ": an empty avoided term");
                // An avoided term equal to an approved one could never be found.
                CHECK_MESSAGE(std::find(terms.use.begin(), terms.use.end(), a) == terms.use.end(), tag << ": “" << a << "” is both approved and avoided");
            }
        }
        // A concept the source names needs a word in every language the store speaks.
        auto en = c.locales.find(SourceLocale());
        if (en == c.locales.end() || en->second.use.empty()) continue;
        for (const std::string& tag : tags) {
            auto it = c.locales.find(tag);
            CHECK_MESSAGE((it != c.locales.end() && !it->second.use.empty()), tag << " has no approved term");
        }
    }
}

TEST_CASE("every catalog uses the glossary's approved terms and none of the avoided variants")
{
    Glossary g = LoadGlossary();
    auto source = Catalog(SourceLocale());
    for (const LocaleInfo& l : BundledLocales()) {
        CAPTURE(l.tag);
        auto catalog = Catalog(l.tag);
        REQUIRE(catalog.size() > 200);
        std::map<std::string, icu::UnicodeString> text(catalog.begin(), catalog.end());
        for (const Concept& c : g.concepts) {
            CAPTURE(c.name);
            auto own = c.locales.find(l.tag);
            if (own == c.locales.end()) continue;
            const LocaleTerms& terms = own->second;

            // No avoided variant, once the approved terms are out of the way.
            std::vector<icu::UnicodeString> avoid;
            for (const std::string& a : terms.avoid) avoid.push_back(Folded(a));
            for (const auto& entry : catalog) {
                const std::string& key = entry.first;
                if (Excepted(key, terms)) continue;
                icu::UnicodeString rest = WithoutApproved(entry.second, terms);
                for (size_t i = 0; i < avoid.size(); i++)
                    if (rest.indexOf(avoid[i]) >= 0)
                        FAIL_CHECK(l.tag << " " << key << ": “" << terms.avoid[i] << "” is an avoided variant of “" << c.name
                                         << "”; the glossary's term is “" << (terms.use.empty() ? std::string("(none)") : terms.use[0]) << "”");
            }

            // The approved term, where the source uses the concept.
            auto en = c.locales.find(SourceLocale());
            if (terms.use.empty() || en == c.locales.end() || en->second.use.empty()) continue;
            std::vector<std::string> keys; // the keys whose English text names the concept
            for (const auto& entry : source)
                if (HasAny(entry.second, en->second.use_folded)) keys.push_back(entry.first);
            if (keys.empty()) continue;
            bool somewhere = std::any_of(catalog.begin(), catalog.end(), [&](const auto& e) { return HasAny(e.second, terms.use_folded); });
            CHECK_MESSAGE(somewhere, l.tag << " never says “" << terms.use[0] << "” for “" << c.name << "”, which the source uses (e.g. " << keys[0] << ")");
            if (!c.per_message) continue;
            for (const std::string& key : keys) {
                auto it = text.find(key);
                if (it == text.end()) continue; // falls back: i18n_test.cpp says whether it may
                CHECK_MESSAGE(HasAny(it->second, terms.use_folded),
                              l.tag << " " << key << " does not say “" << terms.use[0] << "” where the source says “" << en->second.use[0]
                                    << "”: “" << Shown(it->second) << "”");
            }
        }
    }
}

TEST_CASE("the keys the glossary keeps apart say different things in every locale")
{
    // The cart's button ("Check out") and the checkout's ("Place order · ¥…"): the same words on
    // both leave a shopper unsure which one placed the order.
    Glossary g = LoadGlossary();
    REQUIRE(!g.distinct.empty());
    for (const LocaleInfo& l : BundledLocales()) {
        CAPTURE(l.tag);
        auto catalog = Catalog(l.tag);
        std::map<std::string, icu::UnicodeString> text(catalog.begin(), catalog.end());
        for (const auto& pair : g.distinct) {
            const std::string a = pair.first, b = pair.second;
            CAPTURE(a);
            CAPTURE(b);
            REQUIRE(text.count(a) == 1);
            REQUIRE(text.count(b) == 1);
            CHECK_MESSAGE(Trimmed(text[a]) != Trimmed(text[b]), "both say “" << Shown(text[a]) << "”");
        }
    }
}

TEST_CASE("glossary matching: approved terms shield their avoided parts, ICU syntax is not text")
{
    // 消費税 inside 個別消費税 is the approved term; on its own it is the avoided one.
    LocaleTerms ja;
    ja.use = {"個別消費税"};
    ja.use_folded = {Folded("個別消費税")};
    CHECK(WithoutApproved(LiteralText("個別消費税 {rate}。"), ja).indexOf(Folded("消費税")) < 0);
    CHECK(WithoutApproved(LiteralText("消費税 {rate}。"), ja).indexOf(Folded("消費税")) >= 0);
    // Arguments, selectors and "#" are not text; every branch is.
    icu::UnicodeString t = LiteralText("{count, plural, one {# order is} other {# orders are}} over the {annual_limit}");
    CHECK(t.indexOf(Folded("order is")) >= 0);
    CHECK(t.indexOf(Folded("orders are")) >= 0);
    CHECK(t.indexOf(Folded("over the")) >= 0);
    CHECK(t.indexOf(Folded("plural")) < 0);
    CHECK(t.indexOf(Folded("annual_limit")) < 0);
    CHECK(t.indexOf(Folded("one")) < 0);
    // Case-insensitive, beyond ASCII.
    CHECK(LiteralText("Акциз {rate}.").indexOf(Folded("акциз")) >= 0);
    CHECK(LiteralText("it''s").indexOf(Folded("it's")) >= 0);
}

} // TEST_SUITE
