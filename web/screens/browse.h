// Browse: the catalog as a table — Chinese and English names, brand, price in the shopper's
// locale — with the language switch.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawBrowse(App& app, TestView& view);

} // namespace bondstore::web
