// Display: how big the app is drawn. Sizes are in CSS pixels times the UI scale: the device's pixel
// ratio (the canvas is drawn at full device resolution, so text is crisp on high-DPI screens) times
// the shopper's text size (accessibility). The state itself is App::display (state/app.h); the
// look built from it is screens/theme.h.
#pragma once

namespace bondstore::web {

struct App;

constexpr float kTouchTarget = 44.0f;  // CSS pixels, the smallest control on a touch screen
constexpr float kTextScales[] = {1.0f, 1.25f, 1.5f};

// Device pixels per CSS pixel, times the text size.
float UiScale(const App& app);
// `css` CSS pixels in ImGui units (device pixels).
float Px(const App& app, float css);

} // namespace bondstore::web
