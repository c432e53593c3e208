// The product page: one product — its name, brand, size, origin and price, the bonded stock and
// where it is, and the tax on one unit as core quotes it (the same function the server charges
// with), with the rules that explain it and the cross-border limits.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawProduct(App& app, TestView& view);

} // namespace bondstore::web
