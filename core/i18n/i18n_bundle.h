// The UI message catalogs from i18n/, embedded into the binary at build time, and the locale list
// with its fallback chains (i18n/locales.json).
#pragma once

#include "core/base/localized_text.h"
#include "core/i18n/i18n.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// Raw embedded file by name without extension: "en", "zh-Hans", "locales". Empty if absent.
// Generated from i18n/*.json (scripts/cmake/Embed.cmake).
std::string_view EmbeddedI18nFile(std::string_view name);

struct LocaleInfo {
    std::string tag;                   // "zh-Hans"
    std::string name;                  // its own name for itself: "繁體中文", "Deutsch"
    std::vector<std::string> fallback; // tried in order after the locale itself
    bool rtl = false;                  // written right to left
    // Text taken from a fallback is converted with this ICU transliterator and marked
    // machine-converted: {"zh-Hans", "Hans-Hant"} for zh-Hant.
    std::vector<std::pair<std::string, std::string>> convert_from;
    // Key prefixes allowed to come from a fallback ("problem." — merchant-facing reports).
    std::vector<std::string> may_fall_back;
    // Pseudo-locales: generated from `pseudo_from` (the source locale) by `pseudo_kind`.
    std::string pseudo_from, pseudo_kind; // "en", "accented" | "bidi"
};

// The real locales, in menu order.
std::vector<LocaleInfo> BundledLocales();
// en-XA (accented, longer, bracketed) and ar-XB (mirrored), for testing layouts.
std::vector<LocaleInfo> PseudoLocales();
// A bundled or pseudo locale by tag; null if neither.
const LocaleInfo* FindLocale(std::string_view tag);
std::string DefaultLocale();
std::string SourceLocale(); // the language translators translate from ("en")

// `tag` first, then its shorter forms down to a bundled locale ("de-AT" → "de"), then that
// locale's fallbacks from locales.json, then the default locale, each once:
// de-AT → de → en → zh-Hans; zh-Hant → zh-Hans → en. A tag that is not well formed starts the
// chain at the default locale. One chain serves UI strings (LoadBundledMessages) and product
// content (ChooseText).
std::vector<std::string> FallbackChain(std::string_view tag);

// Which of a product's texts a shopper sees: the first locale of `chain` (a FallbackChain) that
// has one; where the chain reaches a locale the shown one converts from (zh-Hans, for zh-Hant)
// and `machine` holds that conversion (Product::machine_title), the conversion, marked. If no
// locale of the chain has text, the first text there is.
struct TextChoice {
    std::string_view text;
    std::string_view locale; // the locale the text is in ("" if there is none)
    bool machine_converted = false;
};
TextChoice ChooseText(const LocalizedText& text, const LocalizedText& machine, const std::vector<std::string>& chain);

// The bundled locale that best serves a shopper who prefers `preferences` (most preferred first,
// BCP 47 tags as browsers send them: "zh-CN", "en-US", "zh-TW"). Exact tag first, then by
// language ("zh", "zh-CN", "zh-SG" → "zh-Hans"), else the default locale.
std::string NegotiateLocale(const std::vector<std::string>& preferences);

// The language tags of an Accept-Language header, most preferred first (q-values honoured,
// q=0 dropped).
std::vector<std::string> ParseAcceptLanguage(std::string_view header);

// The messages for `tag` with its fallback chain, from the embedded catalogs: a pseudo-locale is
// generated from its source; text a locale takes from a fallback it converts (convert_from) is
// converted and marked (Messages::MachineConverted).
// `convert`: ConvertText where ICU's transliteration data is (server, admin, tests); the web app
// passes none (every shopper-facing key is translated by hand; a test checks it).
Messages LoadBundledMessages(std::string_view tag, std::vector<Messages::LoadProblem>* problems = nullptr,
                             TextConverter convert = nullptr);

} // namespace bondstore
