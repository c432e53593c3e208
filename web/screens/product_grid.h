// ProductGrid: the browse screen's products as cards — picture, name in the shopper's language,
// brand, origin with its flag, price, "≈ ¥… with tax" from core's quote, stock, one-tap add — in
// as many columns as the width takes (two on a phone, four on a portrait kiosk, five or more on a
// desktop), mirrored right to left. Only the visible rows are drawn (ImGuiListClipper); pictures
// are the server's thumbnails at the size drawn (core/catalog/picture_sizes.h), streamed in as
// their cards come into view, never waited for.
#pragma once

#include <cstddef>
#include <string>

namespace bondstore {
struct SearchResult;
}

namespace bondstore::web {

struct App;
struct TestView;

// Draws the cards of `r` filling the rest of the window. Sets *wanted past r.hits.size() when the
// visible rows need hits not ordered yet (the caller asks for more).
void DrawProductGrid(App& app, TestView& view, const SearchResult& r, size_t* wanted);

} // namespace bondstore::web
