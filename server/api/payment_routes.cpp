// Paying for an order: the provider's first step for the shopper's app (a QR code, a page for the
// phone, or the sandbox's notification), and the provider's notifications. With no provider
// configured, payment is unavailable (503) and no notification route exists.
#include "server/api/routes.h"
#include "server/operations/event_log.h"

#include "server/api/client_access.h"
#include "server/api/order_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"
#include "server/payments/cashier.h"

#include "core/wire/payment_json.h"

#include <httplib.h>

namespace bondstore {

namespace {

// WeChat Pay's and Alipay's notifications are a few KiB; the sandbox's less.
constexpr size_t kMaxNotificationBytes = 16 * 1024;

} // namespace

void MountPaymentRoutes(RouteTable&, BodyRoutes& posts, Storefront& s)
{
    posts.Post("/api/orders/{order_no}/payment", {1024}, [&s](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        std::optional<OrderStore::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        if (!s.cashier) return s.errors.Send(req, res, 503, "payment_unavailable");
        std::optional<PaymentAsk> ask = body.empty() ? PaymentAsk{} : ParsePaymentAskJson(body);
        if (!ask) return s.errors.Send(req, res, 400, "payment_request_invalid");
        if (order->receipt.status != OrderStatus::PendingPayment) return s.errors.Send(req, res, 409, "transition_not_allowed");
        Cashier::Start started = s.cashier->Begin(*order, *ask, ClientOf(s, req), UnixNow());
        if (started.refusal == "internal") return s.errors.Internal(req, res, "starting a payment", started.detail);
        if (!started.refusal.empty()) return s.errors.Send(req, res, 502, started.refusal);
        SendJson(res, 200, PaymentStartToJson(started.start));
    });

    if (!s.cashier) return;
    const std::string notify_path = std::string("/api/payments/") + s.cashier->provider().name() + "/notify";
    posts.Post(notify_path, {kMaxNotificationBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                                       const std::string& body) {
        ProviderNotification n{body, [&req](const char* name) { return req.get_header_value(name); }};
        Cashier::Received r = s.cashier->Receive(n, UnixNow());
        using Outcome = Cashier::Received::Outcome;
        PaymentProvider& provider = s.cashier->provider();
        static const char* const kOutcomes[] = {"applied", "replay", "not_verified", "unknown_order", "amount_mismatch", "not_allowed", "failed"};
        const bool taken = r.outcome == Outcome::Applied || r.outcome == Outcome::Replay;
        s.metrics.CountPaymentNotification(provider.name(), kOutcomes[int(r.outcome)]);
        LogEvent(taken ? LogLevel::Info : LogLevel::Warning, "payment",
                 {{"what", std::string("notification")}, {"provider", std::string(provider.name())}, {"order_no", r.order_no},
                  {"outcome", std::string(kOutcomes[int(r.outcome)])}, {"why", r.why}});
        if (provider.declares()) {
            // A provider is answered in its own format; anything but success makes it send again.
            NotificationReply reply = r.outcome == Outcome::Applied || r.outcome == Outcome::Replay ? provider.Accepted() : provider.Refused(r.why);
            res.status = reply.status;
            if (!reply.body.empty()) res.set_content(reply.body, reply.content_type);
            return;
        }
        switch (r.outcome) {
        case Outcome::NotVerified: return s.errors.Send(req, res, 400, "payment_not_verified");
        case Outcome::UnknownOrder: return s.errors.Send(req, res, 404, "order_not_found");
        case Outcome::AmountMismatch: return s.errors.Send(req, res, 400, "payment_amount_mismatch");
        case Outcome::NotAllowed: return s.errors.Send(req, res, 409, "transition_not_allowed");
        case Outcome::Failed: return s.errors.Internal(req, res, "applying a payment", r.why);
        case Outcome::Applied:
        case Outcome::Replay: return SendJson(res, 200, PaymentAppliedToJson(r.order_no, r.status));
        }
    });
}

} // namespace bondstore
