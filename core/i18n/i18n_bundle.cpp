#include "core/i18n/i18n_bundle.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace bondstore {

namespace {

struct Bundle {
    std::string default_locale = "zh-Hans";
    std::string source = "en";
    std::vector<LocaleInfo> locales, pseudo;
};

LocaleInfo ReadLocale(const nlohmann::json& entry)
{
    LocaleInfo info;
    auto str = [&](const char* k) { return entry.contains(k) && entry[k].is_string() ? entry[k].get<std::string>() : std::string(); };
    info.tag = str("tag");
    info.name = str("name");
    info.rtl = entry.contains("rtl") && entry["rtl"].is_boolean() && entry["rtl"].get<bool>();
    info.pseudo_from = str("from");
    info.pseudo_kind = str("kind");
    if (auto fb = entry.find("fallback"); fb != entry.end() && fb->is_array())
        for (const auto& f : *fb)
            if (f.is_string()) info.fallback.push_back(f.get<std::string>());
    if (auto mf = entry.find("may_fall_back"); mf != entry.end() && mf->is_array())
        for (const auto& f : *mf)
            if (f.is_string()) info.may_fall_back.push_back(f.get<std::string>());
    if (auto cf = entry.find("convert_from"); cf != entry.end() && cf->is_object())
        for (auto it = cf->begin(); it != cf->end(); ++it)
            if (it.value().is_string()) info.convert_from.emplace_back(it.key(), it.value().get<std::string>());
    return info;
}

// locales.json, read once (it is embedded: it cannot change while the program runs).
const Bundle& TheBundle()
{
    static const Bundle bundle = [] {
        Bundle b;
        std::string_view text = EmbeddedI18nFile("locales");
        auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) return b;
        if (doc.contains("default") && doc["default"].is_string()) b.default_locale = doc["default"].get<std::string>();
        if (doc.contains("source") && doc["source"].is_string()) b.source = doc["source"].get<std::string>();
        for (const char* list : {"locales", "pseudo"})
            if (auto l = doc.find(list); l != doc.end() && l->is_array())
                for (const auto& entry : *l)
                    if (entry.is_object() && entry.contains("tag") && entry["tag"].is_string())
                        (list[0] == 'l' ? b.locales : b.pseudo).push_back(ReadLocale(entry));
        return b;
    }();
    return bundle;
}

} // namespace

std::vector<LocaleInfo> BundledLocales() { return TheBundle().locales; }
std::vector<LocaleInfo> PseudoLocales() { return TheBundle().pseudo; }
std::string DefaultLocale() { return TheBundle().default_locale; }
std::string SourceLocale() { return TheBundle().source; }

// BCP 47 tags compare without regard to case; "_" as people and gettext write it is "-".
static bool SameTag(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i++) {
        char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
        if ((x | 0x20) != (y | 0x20) || ((x == '-') != (y == '-'))) return false;
    }
    return true;
}

const LocaleInfo* FindLocale(std::string_view tag)
{
    for (const auto* list : {&TheBundle().locales, &TheBundle().pseudo})
        for (const LocaleInfo& l : *list)
            if (SameTag(l.tag, tag)) return &l;
    return nullptr;
}

// The first locale of a chain that is bundled (or pseudo): the one whose rules apply.
static const LocaleInfo* ShownLocale(const std::vector<std::string>& chain)
{
    for (const std::string& t : chain)
        if (const LocaleInfo* l = FindLocale(t)) return l;
    return nullptr;
}

// A BCP 47 tag as far as a fallback chain cares: subtags of 1–8 letters or digits, the first
// 2–3 letters ("de", "zh-Hant", "de-AT", "es-419").
static bool WellFormedTag(std::string_view tag)
{
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    bool first = true;
    while (true) {
        size_t dash = tag.find('-');
        std::string_view sub = tag.substr(0, dash);
        if (sub.empty() || sub.size() > 8 || (first && (sub.size() < 2 || sub.size() > 3))) return false;
        for (char c : sub)
            if (!alpha(c) && (first || c < '0' || c > '9')) return false;
        if (dash == std::string_view::npos) return true;
        tag.remove_prefix(dash + 1);
        first = false;
    }
}

std::vector<std::string> FallbackChain(std::string_view requested)
{
    std::string normalized(requested);
    for (char& c : normalized) if (c == '_') c = '-';
    std::string_view tag = normalized;
    std::vector<std::string> chain;
    auto add = [&](std::string_view t) {
        if (std::find(chain.begin(), chain.end(), t) == chain.end()) chain.emplace_back(t);
    };
    const LocaleInfo* start = nullptr;
    if (WellFormedTag(tag)) {
        // de-AT-1996 → de-AT → de: the shorter forms, until one is a locale we have.
        std::string_view t = tag;
        while (!t.empty()) {
            if ((start = FindLocale(t))) break; // (spelled as locales.json spells it, below)
            add(t);
            size_t dash = t.rfind('-');
            t = dash == std::string_view::npos ? std::string_view() : t.substr(0, dash);
        }
    }
    if (!start) start = FindLocale(DefaultLocale());
    if (start) add(start->tag);
    if (start && !start->pseudo_from.empty()) { // a pseudo-locale falls back as its source does
        add(start->pseudo_from);
        start = FindLocale(start->pseudo_from);
    }
    if (start)
        for (const std::string& f : start->fallback) add(f);
    add(DefaultLocale());
    return chain;
}

TextChoice ChooseText(const LocalizedText& text, const LocalizedText& machine, const std::vector<std::string>& chain)
{
    // The views returned point into `text` and `machine`, never into `chain` (often a temporary).
    auto entry = [](const LocalizedText& t, std::string_view locale) -> const std::pair<std::string, std::string>* {
        for (const auto& e : t.entries)
            if (e.first == locale) return &e;
        return nullptr;
    };
    const LocaleInfo* shown = ShownLocale(chain);
    for (const std::string& locale : chain) {
        // Reaching a locale the shown one converts from, its converted text comes first: a
        // zh-Hant reader gets 繁體 by machine rather than 简体 as written.
        if (shown && locale != shown->tag)
            for (const auto& [from, id] : shown->convert_from)
                if (from == locale && text.Find(locale))
                    if (const auto* m = entry(machine, shown->tag)) return {m->second, m->first, true};
        if (const auto* e = entry(text, locale)) return {e->second, e->first, false};
    }
    if (text.entries.empty()) return {};
    return {text.entries.front().second, text.entries.front().first, false};
}

static std::string Lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
    return out;
}

std::string NegotiateLocale(const std::vector<std::string>& preferences)
{
    std::vector<LocaleInfo> locales = BundledLocales();
    for (const std::string& pref : preferences) {
        std::string want = Lower(pref);
        for (char& c : want) if (c == '_') c = '-';
        for (const LocaleInfo& l : locales)
            if (Lower(l.tag) == want) return l.tag;
        std::string lang = want.substr(0, want.find('-'));
        if (lang == "zh") {
            // Chinese: script decides; regions that write Traditional map to zh-Hant when bundled.
            bool hant = want.find("hant") != std::string::npos || want == "zh-tw" || want == "zh-hk" || want == "zh-mo";
            for (const LocaleInfo& l : locales)
                if (l.tag == (hant ? "zh-Hant" : "zh-Hans")) return l.tag;
        }
        for (const LocaleInfo& l : locales)
            if (Lower(l.tag) == lang || Lower(l.tag).rfind(lang + "-", 0) == 0) return l.tag;
    }
    return DefaultLocale();
}

std::vector<std::string> ParseAcceptLanguage(std::string_view header)
{
    struct Item { std::string tag; int q; size_t order; };
    std::vector<Item> items;
    size_t order = 0;
    while (!header.empty()) {
        size_t comma = header.find(',');
        std::string_view part = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        std::string_view tag = part.substr(0, part.find(';'));
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        int q = 1000;
        if (size_t semi = part.find(";q="); semi != std::string_view::npos) {
            // q is 0..1 with up to three decimals; read it as thousandths.
            std::string_view v = part.substr(semi + 3);
            q = 0;
            int digits = 0;
            bool fraction = false;
            for (char c : v) {
                if (c == '.') { fraction = true; continue; }
                if (c < '0' || c > '9') break;
                if (!fraction) q = (c - '0') * 1000;
                else if (digits < 3) { q += (c - '0') * (digits == 0 ? 100 : digits == 1 ? 10 : 1); digits++; }
            }
        }
        if (!tag.empty() && tag != "*" && q > 0) items.push_back({std::string(tag), q, order++});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.q > b.q; });
    std::vector<std::string> out;
    for (Item& i : items) out.push_back(std::move(i.tag));
    return out;
}

Messages LoadBundledMessages(std::string_view tag, std::vector<Messages::LoadProblem>* problems, TextConverter convert)
{
    std::vector<std::string> chain = FallbackChain(tag);
    const LocaleInfo* shown = ShownLocale(chain);
    std::vector<Messages::Catalog> catalogs;
    for (const std::string& locale : chain) {
        Messages::Catalog c;
        c.locale = locale;
        if (shown && locale == shown->tag && !shown->pseudo_from.empty()) {
            // A pseudo-locale's catalog is its source's, transformed.
            c.json = EmbeddedI18nFile(shown->pseudo_from);
            c.pseudo = shown->pseudo_kind == "bidi" ? PseudoKind::Bidi : PseudoKind::Accented;
            c.format_locale = shown->pseudo_from;
        } else {
            c.json = EmbeddedI18nFile(locale);
            if (shown)
                for (const auto& [from, transliterator] : shown->convert_from)
                    if (from == locale) c.convert = transliterator;
        }
        if (!c.json.empty()) catalogs.push_back(std::move(c));
    }
    return Messages::Load(catalogs, problems, convert);
}

} // namespace bondstore
