// Cart: the shopper's items with quantities, and the cross-border tax worked out by core for this
// order — per line, in total, the amount to pay, the limit warnings, and why.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawCart(App& app, TestView& view);

} // namespace bondstore::web
