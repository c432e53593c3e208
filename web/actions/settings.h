// Settings: the shopper's choices of language, text size, contrast and display currency,
// remembered in the browser — except on a kiosk, a shared screen that remembers nothing of its
// shoppers.
#pragma once

#include "core/i18n/i18n_bundle.h"

#include <string>

namespace bondstore::web {

struct App;

// Keeps a preference in the browser (localStorage), unless this is a kiosk.
void Remember(const App& app, const char* key, const std::string& value);

// Switches the UI language: messages, price formats, the remembered preference. Not during a
// frame: screens call RequestLocale, and BeforeFrame (session.h) applies it.
void SetLocale(App& app, const std::string& tag);
void RequestLocale(App& app, const std::string& tag);

// The shopper's text size (one of kTextScales) and contrast, remembered for them.
void SetTextScale(App& app, float scale);
void SetHighContrast(App& app, bool on);
// The brand's dark colours instead of its light ones (the device's setting until the shopper chooses).
void SetDarkColors(App& app, bool on);

// Products as cards (the default) or as a list, remembered for the shopper.
void SetListView(App& app, bool list);

// The display currency ("" for yuan only), remembered for the shopper.
void SetDisplayCurrency(App& app, const std::string& currency);

// The glyphs of every UI string of a locale (shaped too, right to left) and of every language's
// name, added to the font atlas. Shaping needs no ICU data.
void AddLocaleGlyphs(App& app, const LocaleInfo& locale);

} // namespace bondstore::web
