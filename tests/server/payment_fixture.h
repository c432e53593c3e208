// What the payment tests share, whichever provider's fake they pay through: waiting for something
// that happens on another thread, and an order of one item ready to be paid.
#pragma once

#include "tests/server/order_fixture.h"

#include <functional>
#include <string>

namespace bondstore::test {

// Whether `done` becomes true within `seconds` (asked every 50 ms).
bool Eventually(const std::function<bool()>& done, int seconds = 15);

struct PayableOrder {
    std::string no;
    httplib::Headers secret; // X-Order-Secret
};
// A new order of one item (T-00n: 2 in stock each) for buyer `n`.
PayableOrder PlacePayableOrder(httplib::Client& c, const OrderShop& shop, int n);

} // namespace bondstore::test
