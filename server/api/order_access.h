// OrderAccess: the order a shopper's request names, if it also holds the order's lookup secret
// (X-Order-Secret, never in the URL). For the order and payment routes.
#pragma once

#include "server/store/order_store.h"

#include <optional>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

struct Storefront;

// The order of the route's first match group. Answers 404 order_not_found otherwise — the same for
// a wrong secret as for no such order, so neither can be probed — or 500 if it cannot be read.
std::optional<OrderStore::StoredOrder> AuthorizedOrder(Storefront& s, const httplib::Request& req, httplib::Response& res);

} // namespace bondstore
