// Loading: what the shopper sees while the app's data arrives, and why it is taking long.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawLoading(App& app, TestView& view);

} // namespace bondstore::web
