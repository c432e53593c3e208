// CartHandoff: a cart as a link, for "continue on your phone". A kiosk shows the link as a QR
// code; the shopper's phone opens the store with the same cart and checks out there, so no ID
// number is typed on a shared screen. The link carries SKUs and quantities only — nothing about
// the shopper.
//
//   https://shop.example/?cart=IF-APT-PF3-800*2,SK-LAM-CR-60*1
//
// SKUs are percent-encoded where they hold anything but letters, digits and "-._~".
#pragma once

#include "core/cart/cart.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// `base` (the store's address, e.g. "https://shop.example/") with the cart as its ?cart= query.
std::string CartHandoffUrl(std::string_view base, const std::vector<CartLine>& lines);

// The lines of a ?cart= value (already taken from the URL, still percent-encoded). Malformed
// entries, quantities outside 1…999 and repeated SKUs are dropped (a link is only a suggestion:
// the cart is checked again like any other).
std::vector<CartLine> ParseCartHandoff(std::string_view value);

} // namespace bondstore
