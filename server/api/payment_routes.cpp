// Paying for an order: the provider's first step for the shopper's app, and the provider's signed
// notification that the money arrived.
#include "server/api/routes.h"

#include "server/api/order_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"
#include "server/payments/sandbox_payments.h"

#include "core/wire/payment_json.h"

#include <httplib.h>

namespace bondstore {

namespace {

constexpr size_t kMaxNotificationBytes = 4096;

} // namespace

void MountPaymentRoutes(httplib::Server&, BodyRoutes& posts, Storefront& s)
{
    // The provider's first step (the sandbox answers with its signed notification).
    posts.Post(R"(/api/orders/([A-Za-z0-9]+)/payment)", {1024}, [&s](const httplib::Request& req, httplib::Response& res, const std::string&) {
        std::optional<OrderStore::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        if (order->receipt.status != OrderStatus::PendingPayment) return s.errors.Send(req, res, 409, "transition_not_allowed");
        SandboxPayments provider(*s.personal_data);
        PaymentProvider::Started started = provider.Begin(order->receipt.order_no, order->receipt.amount_to_pay, UnixNow());
        SendJson(res, 200, started.answer_json);
    });

    // The provider's notification: signed, for the order's exact amount.
    posts.Post(SandboxPayments::kNotifyPath, {kMaxNotificationBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                           const std::string& body) {
        SandboxPayments provider(*s.personal_data);
        std::optional<PaymentProvider::Confirmation> c = provider.Verify(body);
        if (!c) return s.errors.Send(req, res, 400, "payment_not_verified");
        std::string error;
        std::optional<OrderStore::StoredOrder> order = s.stores->orders.FindOrder(c->order_no, &error);
        if (!order) return s.errors.Internal(req, res, "reading an order", error);
        if (order->receipt.order_no.empty()) return s.errors.Send(req, res, 404, "order_not_found");
        if (c->amount != order->receipt.amount_to_pay) return s.errors.Send(req, res, 400, "payment_amount_mismatch");
        auto t = s.stores->orders.Transition(c->order_no, OrderEvent::Pay, std::string(provider.name()) + " " + c->payment_id, UnixNow(), &error);
        if (!t) return s.errors.Internal(req, res, "applying a payment", error);
        // A provider retries its notifications: the same payment again is fine.
        if (!t->problem.empty() && t->status != OrderStatus::Paid) return s.errors.Send(req, res, 409, "transition_not_allowed");
        SendJson(res, 200, PaymentAppliedToJson(c->order_no, t->status));
    });
}

} // namespace bondstore
