// The UI message catalogs from i18n/, embedded into the binary at build time, and the locale list
// with its fallback chains (i18n/locales.json).
#pragma once

#include "i18n.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// Raw embedded file by name without extension: "en", "zh-Hans", "locales". Empty if absent.
// Generated from i18n/*.json (scripts/cmake/Embed.cmake).
std::string_view EmbeddedI18nFile(std::string_view name);

struct LocaleInfo {
    std::string tag;                   // "zh-Hans"
    std::vector<std::string> fallback; // tried in order after the locale itself
};

std::vector<LocaleInfo> BundledLocales();
std::string DefaultLocale();

// `tag` first, then its fallbacks, then the default locale (each once). An unknown tag starts
// the chain at the default locale.
std::vector<std::string> FallbackChain(std::string_view tag);

// The bundled locale that best serves a shopper who prefers `preferences` (most preferred first,
// BCP 47 tags as browsers send them: "zh-CN", "en-US", "zh-TW"). Exact tag first, then by
// language ("zh", "zh-CN", "zh-SG" → "zh-Hans"), else the default locale.
std::string NegotiateLocale(const std::vector<std::string>& preferences);

// The language tags of an Accept-Language header, most preferred first (q-values honoured,
// q=0 dropped).
std::vector<std::string> ParseAcceptLanguage(std::string_view header);

// The messages for `tag` with its fallback chain, from the embedded catalogs.
Messages LoadBundledMessages(std::string_view tag, std::vector<Messages::LoadProblem>* problems = nullptr);

} // namespace bondstore
