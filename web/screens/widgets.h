// Widgets shared by every screen: the full-screen window, the language switch, alignment.
#pragma once

#include <string>

namespace bondstore::web {

struct App;
struct TestView;

// A borderless window covering the whole canvas. Pair with ImGui::End().
void BeginFullScreenWindow(const char* id);

// The top bar of every screen: the store's name on the left; on the right the cart button
// ("nav.cart", on screens other than the cart) and one button per bundled locale ("lang.<tag>",
// the current one marked). Button rects are recorded in the test view.
void DrawTopBar(App& app, TestView& view);

// Moves the cursor so that `text` ends at the right edge of the current column.
void AlignRight(const std::string& text);

// Records the last item's rect in the test view under `id`.
void RecordWidget(TestView& view, const std::string& id);

} // namespace bondstore::web
