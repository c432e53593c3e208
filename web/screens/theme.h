// Theme: how big the app is and how it looks. Sizes are in CSS pixels times the UI scale: the
// device's pixel ratio (the canvas is drawn at full device resolution, so text is crisp on
// high-DPI screens) times the shopper's text size (accessibility). A kiosk is touch-first: every
// control at least 44 × 44 CSS pixels. High contrast is black on white with strong borders and
// focus marks.
#pragma once

#include "web/state/display.h"

#include "core/brand/brand.h"

#include <imgui.h>

namespace bondstore::web {

struct App;

// Rebuilds ImGui's style (and asks for a font atlas at the new size) when the pixel ratio, the
// text size, the contrast or touch mode changed. Call before ImGui::NewFrame.
void ApplyTheme(App& app);

// Colours the screens use beyond ImGui's own, for the current theme.
enum class Ink { Problem, Warning, Accent };
ImVec4 InkColor(const App& app, Ink ink);
// The brand's colours for the current scheme (light or dark).
const BrandColors& Scheme(const App& app);
// The page behind every window (the GL clear colour), and the cards on it.
ImVec4 PageColor(const App& app);
ImVec4 SurfaceColor(const App& app);

// The one action a screen is for (add to cart, checkout, place the order, start): the brand's
// accent with its on-accent text.
bool PrimaryButton(const App& app, const char* label, const ImVec2& size = ImVec2(0, 0));

// A choice in a list or menu (ImGui::Selectable), tall enough to touch on a kiosk.
bool Choice(const App& app, const char* label, bool selected);
// A button inside a table row: compact with a mouse, a full touch target on a kiosk.
bool RowButton(const App& app, const char* label);

} // namespace bondstore::web
