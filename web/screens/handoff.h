// Handoff: "continue on your phone". The cart as a QR code (core/cart_handoff.h) the shopper scans
// with their phone's camera: the store opens there with the same cart, and the name, ID number
// and address are typed on their own phone, not on a shared kiosk. The code holds SKUs and
// quantities only.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

// The QR panel over the current screen, while app.handoff_open.
void DrawHandoff(App& app, TestView& view);

// A page opened from such a link (?cart=…): once the catalog is in, its lines (SKUs the catalog
// has) go into the cart, the link leaves the address bar, and the cart is shown.
void TakeHandoff(App& app);

} // namespace bondstore::web
