// App: the shopper's app state — plain data, owned by main(), passed to every screen. Screens draw
// from it and change it only through the functions below.
#pragma once

#include "web/platform/font_atlas.h"

#include "core/catalog.h"
#include "core/i18n.h"

#include <memory>
#include <string>
#include <vector>

namespace bondstore::web {

struct App {
    // Loaded from the server. ICU must have its data before any other ICU call, and keeps
    // pointing into icu_data for the life of the page.
    std::vector<char> icu_data;
    bool icu_ready = false;
    FontAtlas font;
    bool font_loaded = false;
    bool font_dirty = false; // new glyphs to add before the next frame
    Catalog catalog;
    bool catalog_loaded = false;
    std::string load_error;  // the last loading failure, shown while retrying

    // Presentation.
    std::string locale;
    Messages messages;
    std::unique_ptr<PriceFormatter> prices;
    float font_size = 18.0f;

    int frame = 0;
    bool first_catalog_frame_signalled = false;
};

// Starts fetching the ICU data, the font and the catalog.
void StartLoading(App& app);

// True once ICU, the font and the catalog are all in (the catalog screen can draw).
bool IsReady(const App& app);

// Switches the UI language: messages, price formats, the remembered preference.
void SetLocale(App& app, const std::string& tag);

// Once per frame, before ImGui::NewFrame: applies finished loads (e.g. rebuilds the font atlas).
void BeforeFrame(App& app);

} // namespace bondstore::web
