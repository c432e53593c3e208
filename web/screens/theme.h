// Theme: how big the app is and how it looks. Sizes are in CSS pixels times the UI scale: the
// device's pixel ratio (the canvas is drawn at full device resolution, so text is crisp on
// high-DPI screens) times the shopper's text size (accessibility). A kiosk is touch-first: every
// control at least 44 × 44 CSS pixels. High contrast is black on white with strong borders and
// focus marks.
#pragma once

#include "web/state/display.h"

#include <imgui.h>

namespace bondstore::web {

struct App;

// Rebuilds ImGui's style (and asks for a font atlas at the new size) when the pixel ratio, the
// text size, the contrast or touch mode changed. Call before ImGui::NewFrame.
void ApplyTheme(App& app);

// Colours the screens use beyond ImGui's own, for the current theme.
enum class Ink { Problem, Warning };
ImVec4 InkColor(const App& app, Ink ink);
// The page behind every window (the GL clear colour).
ImVec4 PageColor(const App& app);

// A choice in a list or menu (ImGui::Selectable), tall enough to touch on a kiosk.
bool Choice(const App& app, const char* label, bool selected);
// A button inside a table row: compact with a mouse, a full touch target on a kiosk.
bool RowButton(const App& app, const char* label);

} // namespace bondstore::web
