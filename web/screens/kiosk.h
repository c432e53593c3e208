// Kiosk: the screens of a shared kiosk in a community experience store — the attract screen a
// passer-by touches to start, and the warning before an idle kiosk forgets its shopper.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawAttract(App& app, TestView& view);

// Drawn over the current screen while the kiosk counts down; "continue" (or any touch) keeps the
// shopper's session.
void DrawIdleWarning(App& app, TestView& view, int seconds_left);

} // namespace bondstore::web
