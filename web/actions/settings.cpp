#include "web/actions/settings.h"

#include "web/platform/preferences.h"
#include "web/state/app.h"

#include "core/i18n/bidi_text.h"
#include "core/i18n/i18n_bundle.h"
#include "core/i18n/po_file.h"

#include <imgui.h>

namespace bondstore::web {

void AddLocaleGlyphs(App& app, const LocaleInfo& l)
{
    TranslationFile file = ParseTranslationFile(EmbeddedI18nFile(l.pseudo_from.empty() ? l.tag : l.pseudo_from), nullptr);
    for (const auto& [key, text] : file.messages) {
        app.font_dirty |= AddGlyphText(app.font, text);
        if (l.rtl) app.font_dirty |= AddGlyphText(app.font, VisualText(text, true));
    }
}

void SetLocale(App& app, const std::string& tag)
{
    // A pseudo-locale is taken as it is (when the menu offers them); anything else is negotiated
    // down to a bundled locale.
    const LocaleInfo* requested = FindLocale(tag);
    bool is_pseudo = requested && !requested->pseudo_from.empty();
    std::string locale = is_pseudo ? requested->tag : NegotiateLocale({tag});
    const LocaleInfo* info = FindLocale(locale);
    app.locale = locale;
    app.locale_chain = FallbackChain(locale);
    app.messages = LoadBundledMessages(locale);
    // Numbers and prices in a pseudo-locale are its source's (ICU has no data for en-XA).
    app.prices = std::make_unique<PriceFormatter>(is_pseudo ? info->pseudo_from : locale);
    app.rtl = info && info->rtl;
    app.visual_text.clear();
    app.formatted.clear();
    for (const auto& list : {BundledLocales(), PseudoLocales()})
        for (const LocaleInfo& l : list) app.font_dirty |= AddGlyphText(app.font, l.name);
    if (info && !is_pseudo) AddLocaleGlyphs(app, *info);
    if (is_pseudo) {
        // Pseudo-locale text is generated, not in any catalog: its accented letters join the atlas now.
        for (const auto& [key, text] : ParseTranslationFile(EmbeddedI18nFile(info->pseudo_from), nullptr).messages)
            app.font_dirty |= AddGlyphText(app.font, app.messages.Pattern(key));
    }
    ImGuiStyle& style = ImGui::GetStyle();
    style.SelectableTextAlign.x = app.rtl ? 1.0f : 0.0f;
    if (!is_pseudo) Remember(app, "locale", locale);
}

void RequestLocale(App& app, const std::string& tag) { app.requested_locale = tag; }


void Remember(const App& app, const char* key, const std::string& value)
{
    if (!app.kiosk.on) SavePreference(key, value);
}

void SetTextScale(App& app, float scale)
{
    app.display.text_scale = scale;
    Remember(app, "text_scale", std::to_string(scale));
}

void SetListView(App& app, bool list)
{
    app.browse.list_view = list;
    app.browse.scroll_to_top = true;
    Remember(app, "browse_view", list ? "list" : "grid");
}

void SetHighContrast(App& app, bool on)
{
    app.display.high_contrast = on;
    Remember(app, "contrast", on ? "high" : "normal");
}

void SetDarkColors(App& app, bool on)
{
    app.display.dark = on;
    Remember(app, "scheme", on ? "dark" : "light");
}

void SetDisplayCurrency(App& app, const std::string& currency)
{
    app.display_currency = app.currency_rates.Find(currency) ? currency : std::string();
    Remember(app, "currency", app.display_currency);
}

} // namespace bondstore::web
