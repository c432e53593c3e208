// Checkout: who buys (real name, resident ID number, phone — the orderer, who must also be the
// payer) and where the goods go, checked by core as the shopper types, then the order placed for
// the amount the cart showed.
#pragma once

namespace bondstore::web {

struct App;
struct TestView;

void DrawCheckout(App& app, TestView& view);

} // namespace bondstore::web
