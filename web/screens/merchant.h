// The merchant screen (/merchant): sign in with an API token; choose or drop a catalog file and
// see core's row-by-row report before anything is sent; upload it with progress; the stock table;
// charts of orders, revenue, tax, customs rejections per day and the top products.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawMerchant(App& app, TestView& view);

} // namespace bondstore::web
