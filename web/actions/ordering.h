// Ordering: the web app's side of checkout — the bonded stock it shows, placing the order with an
// idempotency key (so a retry after a lost answer never books twice), and what the order screen
// can do afterwards. The checks are core's, the same the server runs; the server has the last word.
#pragma once

#include "core/base/problem.h"
#include "core/orders/order.h"

#include <string>
#include <vector>

namespace bondstore::web {

struct App;

// Bonded availability from the server (GET /api/inventory): what can still be ordered, and where.
void LoadInventory(App& app);

// The request the form and cart make, normalised by core's checks; `problems` gets what is wrong.
OrderRequest CheckoutRequest(App& app, std::vector<Problem>* problems);

// Checks the form with core and, if it passes, sends the order. On success the cart empties and
// the order screen shows the receipt. If the server cannot be reached, the order is queued: kept
// in IndexedDB with its Idempotency-Key (durably, before the shopper is told) and shown as
// waiting to be confirmed; it is sent when the server is back. A kiosk seals it to the server
// first (platform/sealing.h), and shows a code to follow it on a phone: after its wipe the kiosk
// still holds the order, but nothing of its buyer it can read.
void PlaceOrder(App& app);

// The key a kiosk seals queued orders to; kept for when the server is unreachable.
void LoadSealKey(App& app);
// The orders queued on this device in an earlier visit; sends them.
void LoadOutbox(App& app);
// Sends every queued order not already on its way. The server's answer to each is final: a 201
// shows the receipt, a refusal (out of stock, the total changed, a limit) is shown to the shopper
// and the order leaves the outbox; no answer, or a 5xx, keeps it for the next try.
void SendOutbox(App& app);
// A kiosk forgetting its shopper: orders in the clear leave the outbox, in memory and in
// IndexedDB; sealed ones stay to be sent, and only their readable copy in memory goes.
void ForgetOutbox(App& app);

// A phone following a kiosk's queued order (?follow=KEY): the order screen waits until the
// server has it, then shows it (to pay), or shows why it was refused.
void StartFollowing(App& app, const std::string& secret);
void FollowOrder(App& app);
// Forgets the followed order (its shopper gave up on it).
void StopFollowing(App& app);

// The order screen's actions: read the order again, pay it, cancel it, return it. Paying starts the payment
// at the store's provider: the sandbox's notification is delivered at once; a real provider's code
// is shown to scan (a kiosk, a desktop: the screen watches for the payment), or — on this phone —
// the provider's page is opened, which sends the phone back to /?order=NO afterwards.
void RefreshOrder(App& app);
void PayOrder(App& app, bool on_this_device);
void CancelOrder(App& app);
// Returns the delivered goods: the store declares the return to customs (within 30 days of
// release; the server's refusal is shown in the notice).
void ReturnOrder(App& app);
// Back from the provider's page: the order this browser placed (its secret kept), on screen again.
void ReturnToOrder(App& app, const std::string& order_no);

} // namespace bondstore::web
