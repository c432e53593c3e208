// Widgets shared by every screen: the full-screen window, the language switch, alignment.
#pragma once

#include <string>

namespace bondstore::web {

struct App;
struct TestView;

// A borderless window covering the whole canvas. Pair with ImGui::End().
void BeginFullScreenWindow(const char* id);

// One button per bundled locale, right-aligned on the current line; the current one is marked.
// Records each button's rect in the test view as "lang.<tag>".
void DrawLanguageSwitch(App& app, TestView& view);

// Moves the cursor so that `text` ends at the right edge of the current column.
void AlignRight(const std::string& text);

// Records the last item's rect in the test view under `id`.
void RecordWidget(TestView& view, const std::string& id);

} // namespace bondstore::web
