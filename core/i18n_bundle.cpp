#include "i18n_bundle.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace bondstore {

std::vector<LocaleInfo> BundledLocales()
{
    std::vector<LocaleInfo> out;
    std::string_view text = EmbeddedI18nFile("locales");
    auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return out;
    auto list = doc.find("locales");
    if (list == doc.end() || !list->is_array()) return out;
    for (const auto& entry : *list) {
        if (!entry.is_object() || !entry.contains("tag") || !entry["tag"].is_string()) continue;
        LocaleInfo info;
        info.tag = entry["tag"].get<std::string>();
        if (auto fb = entry.find("fallback"); fb != entry.end() && fb->is_array())
            for (const auto& f : *fb)
                if (f.is_string()) info.fallback.push_back(f.get<std::string>());
        out.push_back(std::move(info));
    }
    return out;
}

std::string DefaultLocale()
{
    std::string_view text = EmbeddedI18nFile("locales");
    auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("default") && doc["default"].is_string())
        return doc["default"].get<std::string>();
    return "zh-Hans";
}

std::vector<std::string> FallbackChain(std::string_view tag)
{
    std::vector<LocaleInfo> locales = BundledLocales();
    std::string start(tag);
    auto known = [&](std::string_view t) {
        return std::any_of(locales.begin(), locales.end(), [&](const LocaleInfo& l) { return l.tag == t; });
    };
    if (!known(start)) start = DefaultLocale();
    std::vector<std::string> chain{start};
    for (const LocaleInfo& l : locales)
        if (l.tag == start)
            for (const std::string& f : l.fallback)
                if (std::find(chain.begin(), chain.end(), f) == chain.end()) chain.push_back(f);
    std::string def = DefaultLocale();
    if (std::find(chain.begin(), chain.end(), def) == chain.end()) chain.push_back(def);
    return chain;
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

Messages LoadBundledMessages(std::string_view tag, std::vector<Messages::LoadProblem>* problems)
{
    std::vector<Messages::Catalog> catalogs;
    for (const std::string& locale : FallbackChain(tag)) {
        std::string_view json = EmbeddedI18nFile(locale);
        if (!json.empty()) catalogs.push_back({locale, json});
    }
    return Messages::Load(catalogs, problems);
}

} // namespace bondstore
