// The shopper's order routes: GET /api/inventory, POST /api/orders (checkout, with an
// Idempotency-Key), GET /api/orders/{no} and its /cancel and /payment (with the order's lookup
// secret in X-Order-Secret), and the payment provider's notification. Documented in docs/api.md.
#pragma once

namespace httplib {
class Server;
}

namespace bondstore {

struct Storefront;

void MountOrderRoutes(httplib::Server& server, Storefront& storefront);

} // namespace bondstore
