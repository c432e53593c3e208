// Navigation: the app's screens and the browser's addresses kept in step. Each screen a shopper
// moves to has its address (core/storefront/shop_address.h: /en/, /en/c/wine, /en/p/SKU, /en/cart,
// …) and a history entry, so Back and Forward move between screens, a product can be linked,
// bookmarked and shared, and opening an address opens its screen in its language. Typing a search
// or switching the language changes the current entry instead of adding one. The page's title and
// language follow the screen.
//
// A kiosk keeps /kiosk: a shared screen has no history to hand from one shopper to the next. The
// merchant screen is its own page. An order's number and secret are never in an address.
#pragma once

#include "core/storefront/shop_address.h"

namespace bondstore::web {

struct App;

// The address of what the app shows now.
ShopAddress AddressOf(const App& app);

// Shows the screen `address` names (its language too, when it has one). A product the catalog does
// not have, or an order the app has not placed, shows the home screen instead.
void ShowAddress(App& app, const ShopAddress& address);

// Once per frame once the catalog is shown: the first time, the page's address opens its screen;
// then Back and Forward are followed, and a move to another screen is written to the history.
void FollowAddresses(App& app);

} // namespace bondstore::web
