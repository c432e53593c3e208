#include "server/api/order_access.h"

#include "server/app/storefront.h"

#include <httplib.h>

namespace bondstore {

std::optional<OrderStore::StoredOrder> AuthorizedOrder(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    std::string order_no = req.matches[1];
    std::string secret = req.get_header_value("X-Order-Secret");
    if (order_no.size() > 40 || !s.personal_data->CheckLookupSecret(order_no, secret)) {
        s.errors.Send(req, res, 404, "order_not_found");
        return std::nullopt;
    }
    std::string error;
    std::optional<OrderStore::StoredOrder> order = s.stores->orders.FindOrder(order_no, &error);
    if (!order) {
        s.errors.Internal(req, res, "reading an order", error);
        return std::nullopt;
    }
    if (order->receipt.order_no.empty()) {
        s.errors.Send(req, res, 404, "order_not_found");
        return std::nullopt;
    }
    std::optional<Shipment> shipment = s.stores->shipments.Find(order_no, &error);
    if (!shipment) {
        s.errors.Internal(req, res, "reading an order's shipment", error);
        return std::nullopt;
    }
    order->receipt.shipment = std::move(*shipment);
    return order;
}

} // namespace bondstore
