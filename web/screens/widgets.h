// Widgets shared by every screen: the full-screen window, the language switch, alignment.
#pragma once

#include "web/platform/accessibility.h"

#include <imgui.h>

#include <string>

namespace bondstore::web {

struct App;
struct TestView;

// ImGui's handle for a picture the browser decoded (ShownImage::texture, a GL texture name).
ImTextureID TextureOf(unsigned gl_texture);

// A borderless window covering the whole canvas. Pair with ImGui::End().
void BeginFullScreenWindow(const char* id);

// The top bar of every screen: the store's name at the reading start; at the other end the cart
// button ("nav.cart", on screens other than the cart), the display-currency menu
// ("currency.menu", items "currency.<code>") when the store has rates, and the language menu
// ("lang.menu", items "lang.<tag>" in each language's own name; pseudo-locales too with
// ?pseudo=1). Rects are recorded in the test view.
void DrawTopBar(App& app, TestView& view);

// Before a button in a row of buttons: on the line of the last item if a button labelled
// `label` fits there, else on the next (a phone's narrow screen).
void SameLineIfFits(const std::string& label);

// Moves the cursor so that `text` ends at the right edge of the current column.
void AlignRight(const std::string& text);

// Records the last item under `id`: its rect in the test view, and what it is to a screen reader
// and a keyboard (platform/accessibility.h): its role and its name in the shopper's language.
void RecordWidget(TestView& view, const std::string& id, Description d);

// A product's address in the shopper's language (a link's target: core/storefront/shop_address.h).
std::string ProductAddress(const App& app, const std::string& sku);

// Records only the last item's rect in the test view (a text that described itself: text_layout.h).
void RecordRect(TestView& view, const std::string& id);

// A combo's name: its purpose and what it shows now ("Language: English").
std::string ComboName(const App& app, const std::string& purpose, const std::string& value);

// The way back from a screen (message `message_key`), at the reading start: the left edge, the
// right edge in a right-to-left language. Recorded as `widget_id`. True when pressed.
bool BackButton(App& app, TestView& view, const char* message_key, const std::string& widget_id);

// A picture fitted (whole, centred) in the rectangle at `min`..`max` of the current window: a quiet
// box while it loads or if it cannot be had. `device_px`: the size it is drawn at, for the
// thumbnail asked for.
void DrawFittedPicture(const App& app, const std::string& url, float min_x, float min_y, float max_x, float max_y);

// A button with a small picture before its label (a category tile); `label` as shown.
float PictureButtonWidth(const App& app, const std::string& shown_label);
bool PictureButton(const App& app, const char* id, const std::string& shown_label, const std::string& picture_url);

} // namespace bondstore::web
