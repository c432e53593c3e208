// Ordering: the web app's side of checkout — the bonded stock it shows, placing the order with an
// idempotency key (so a retry after a lost answer never books twice), and what the order screen
// can do afterwards. The checks are core's, the same the server runs; the server has the last word.
#pragma once

#include "web/app.h"

namespace bondstore::web {

// Units of `sku` that can still be ordered (-1 before the inventory has arrived).
int64_t Available(const App& app, const std::string& sku);
void LoadInventory(App& app);

// The request the form and cart make, normalised by core's checks; `problems` gets what is wrong.
OrderRequest CheckoutRequest(App& app, std::vector<Problem>* problems);

// Checks the form with core and, if it passes, sends the order. On success the cart empties and
// the order screen shows the receipt.
void PlaceOrder(App& app);
// The order screen's actions: read the order again, pay it in the sandbox, cancel it.
void RefreshOrder(App& app);
void PayOrderInSandbox(App& app);
void CancelOrder(App& app);

} // namespace bondstore::web
