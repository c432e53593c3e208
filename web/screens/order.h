// Order: the order just placed — its number and secret, status, amount, the time left to pay,
// paying (sandbox), cancelling, and its timeline.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawOrder(App& app, TestView& view);

} // namespace bondstore::web
