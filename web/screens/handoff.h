// Handoff: "continue on your phone". The cart as a QR code (core/cart_handoff.h) the shopper scans
// with their phone's camera: the store opens there with the same cart, and the name, ID number
// and address are typed on their own phone, not on a shared kiosk. The code holds SKUs and
// quantities only.
#pragma once

#include <cstddef>
#include <string>

namespace bondstore::web {

struct App;
struct TestView;

// The most a code may hold: still scannable from a phone at arm's length.
constexpr size_t kMaxQrText = 1200;

// The store's address as a phone reaches it, for links in codes.
std::string HandoffBase();

// `text` as a QR code (qrcodegen), black on white with its quiet zone, at most `size` pixels
// wide, at the cursor; encoded once into app.qr_codes. False, drawing nothing, if the text is too
// long for a code.
bool DrawQrCode(App& app, const std::string& text, float size);

// The QR panel over the current screen, while app.handoff_open.
void DrawHandoff(App& app, TestView& view);

// A page opened from such a link (?cart=…): once the catalog is in, its lines (SKUs the catalog
// has) go into the cart, the link leaves the address bar, and the cart is shown.
void TakeHandoff(App& app);

} // namespace bondstore::web
