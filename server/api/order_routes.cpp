// The shopper's orders (docs/api.md): checkout with an Idempotency-Key, a kiosk's sealed orders
// and the phone that follows one, an order read and cancelled with its lookup secret
// (X-Order-Secret: never in the URL).
#include "server/api/routes.h"

#include "server/api/order_access.h"

#include "server/api/client_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/carriers/dispatch.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"
#include "server/orders/checkout.h"

#include "core/wire/order_json.h"
#include "core/wire/tax_json.h"

#include <httplib.h>

namespace bondstore {

namespace {

constexpr size_t kMaxOrderRequestBytes = 64 * 1024;
constexpr size_t kMaxEmptyBodyBytes = 1024; // "{}" or nothing

// Checkout proper, for an order's JSON (as sent, or opened from a sealed body). `client_hash`
// counts the client's unpaid orders; "" for an enrolled kiosk, where many shoppers take turns.
void AnswerCheckout(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& key, const std::string& body,
                    const OrderOrigin& origin)
{
    CheckoutDesk desk{s.catalog,  s.stores->catalog, s.stores->orders, *s.personal_data, s.tax_table,
                      s.customs,  Money{s.options.freight_fen},        s.options.payment_timeout, s.order_limits,
                      s.dispatch ? s.dispatch->carrier().name() : ""};
    CheckoutOutcome o = TakeOrder(desk, key, body, origin);
    using Kind = CheckoutOutcome::Kind;
    ApiError error;
    switch (o.kind) {
    case Kind::Replayed:
        res.set_header("Idempotent-Replayed", "true");
        [[fallthrough]];
    case Kind::Created: return SendJson(res, 201, std::move(o.answer));
    case Kind::KeyReused: return s.errors.Send(req, res, 422, "idempotency_key_reused");
    case Kind::Invalid: return s.errors.SendProblems(req, res, 400, "invalid_request", o.problems);
    case Kind::Refused: return s.errors.SendProblems(req, res, 422, "invalid_order", o.problems);
    case Kind::OutOfStock:
        error.code = "out_of_stock";
        error.skus = std::move(o.skus);
        error.with_skus = true;
        return s.errors.Send(req, res, 409, std::move(error));
    case Kind::TotalChanged:
        error.code = "total_changed";
        error.quote_json = TaxQuoteToJson(o.quote);
        return s.errors.Send(req, res, 409, std::move(error));
    case Kind::RulesRefused: // the tax rules refuse it (limits, the positive list, …): the reason is the quote's
        error.code = "order_refused";
        error.reason = std::move(o.reason);
        error.quote_json = TaxQuoteToJson(o.quote);
        return s.errors.Send(req, res, 422, std::move(error));
    case Kind::Limited:
        // What one buyer or one client may hold at once (security: stock held hostage).
        res.set_header("Retry-After", std::to_string(o.retry_after));
        error.code = o.reason == "orders_per_buyer_hour" ? "too_many_orders" : "too_many_unpaid_orders";
        error.reason = std::move(o.reason);
        return s.errors.Send(req, res, 429, std::move(error));
    case Kind::Failed: return s.errors.Internal(req, res, "taking an order", o.failure);
    }
}

} // namespace

void MountOrderRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    // Checkout. See docs/api.md: the key, the re-quote, the identity checks, one transaction.
    auto key_first = [&s](const httplib::Request& req, httplib::Response& res) {
        if (IdempotencyKeyOk(req.get_header_value("Idempotency-Key"))) return true;
        s.errors.Send(req, res, 400, "idempotency_key_missing");
        return false;
    };
    posts.Post("/api/orders", {kMaxOrderRequestBytes}, [&s](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        std::string key = req.get_header_value("Idempotency-Key");
        // An enrolled kiosk (its token) is limited as a kiosk, not as one address; anyone else
        // by address. Only a kiosk sends sealed orders; one refused at the door writes nothing.
        const KioskStore::Kiosk kiosk = KioskOf(s, req);
        bool sealed_body = OrderSeal::IsSealed(body);
        if (kiosk.id.empty() && sealed_body) {
            res.set_header("WWW-Authenticate", "Bearer realm=\"bondstore-kiosk\"");
            return s.errors.Send(req, res, 401, "kiosk_not_enrolled");
        }
        if (!kiosk.id.empty()) {
            if (int64_t wait = s.rate_limit.Take("kiosk", kiosk.id)) {
                res.set_header("Retry-After", std::to_string(wait));
                return s.errors.Send(req, res, 429, "too_many_requests");
            }
        } else if (!AllowRate(s, "checkout", req, res)) {
            return;
        }
        // The order says which kiosk and experience store it came from.
        const OrderOrigin origin{kiosk.id.empty() ? s.personal_data->KeyedHash("client " + ClientOf(s, req)) : std::string(), kiosk.id,
                                 kiosk.store};
        if (!sealed_body) return AnswerCheckout(s, req, res, key, body, origin);

        // A kiosk's queued order, sealed to this server (security/order_seal.h). Its outbox lets
        // go once answered, so the answer is also kept for the shopper following it on their phone.
        std::string code;
        std::optional<OrderSeal::SealedOrder> sealed = s.order_seal->OpenOrder(body, key, &code);
        if (!sealed) return s.errors.Send(req, res, 400, code);
        AnswerCheckout(s, req, res, key, sealed->order, origin);
        if (res.status >= 500) return; // not answered: the kiosk sends it again
        std::string error;
        // Kept without the order's lookup secret; it is added for whoever follows.
        std::string kept = res.status == 201 ? AnswerWithoutLookupSecret(res.body) : res.body;
        if (!s.stores->orders.KeepQueuedAnswer(s.personal_data->KeyedHash("follow " + sealed->follow), key, {res.status, kept},
                                               UnixNow(), &error))
            // Not kept: answer 500, so the kiosk keeps the order and sends it again.
            s.errors.Internal(req, res, "keeping a queued order's answer", error);
    }, key_first);

    // What became of a kiosk's queued order, for whoever holds its follow secret (header
    // X-Follow-Secret, from the kiosk's QR code): the order as POST /api/orders answered it (200,
    // with its lookup secret), the refusal (its 4xx), or 404 order_not_received while no kiosk
    // has delivered it.
    routes.Get("/api/orders/queued", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string follow = req.get_header_value("X-Follow-Secret");
        if (follow.size() < 26 || follow.size() > 200) return s.errors.Send(req, res, 404, "order_not_received");
        std::string error;
        std::optional<OrderStore::QueuedAnswer> answer =
            s.stores->orders.FindQueuedAnswer(s.personal_data->KeyedHash("follow " + follow), &error);
        if (!error.empty()) return s.errors.Internal(req, res, "reading a queued order", error);
        if (!answer) return s.errors.Send(req, res, 404, "order_not_received");
        if (answer->status == 201) return SendJson(res, 200, AnswerWithLookupSecret(*s.personal_data, answer->response));
        SendJson(res, answer->status, answer->response);
    });

    // The key kiosks seal queued orders to (security/order_seal.h); the same on every server
    // sharing the data key.
    routes.Get("/api/order-seal-key", [&s](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content(s.order_seal->PublicKeyJson(), "application/json; charset=utf-8");
    });

    // An order, for whoever holds its lookup secret.
    routes.Get("/api/orders/{order_no}", [&s](const httplib::Request& req, httplib::Response& res) {
        std::optional<OrderStore::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (order) SendJson(res, 200, OrderReceiptToJson(order->receipt));
    });

    // Returning delivered goods, within 30 days of release: declared to customs (CEB625); the order
    // is returned (the quota given back) when customs accepts, and refunded when the goods are
    // back in the bonded warehouse. Without the single window there is no customs to ask: the
    // merchant records returns (merchant_order_routes).
    posts.Post("/api/orders/{order_no}/return", {kMaxEmptyBodyBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                               const std::string&) {
        std::optional<OrderStore::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        if (s.options.single_window.empty()) return s.errors.Send(req, res, 409, "transition_not_allowed");
        std::string error;
        auto t = s.stores->orders.Transition(order->receipt.order_no, OrderEvent::RequestReturn, "shopper", UnixNow(), &error);
        if (!t) return s.errors.Internal(req, res, "returning an order", error);
        if (!t->problem.empty())
            return s.errors.Send(req, res, 409, t->problem == "order.return_window_closed" ? "return_window_closed" : "transition_not_allowed");
        order = AuthorizedOrder(s, req, res);
        if (order) SendJson(res, 200, OrderReceiptToJson(order->receipt));
    });

    // Cancelling: before declaration, at once; once declared and not yet released, by withdrawing
    // the list at customs (CEB623) — the order is cancelled, and refunded, when customs agrees.
    posts.Post("/api/orders/{order_no}/cancel", {kMaxEmptyBodyBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                               const std::string&) {
        std::optional<OrderStore::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        std::string error;
        OrderEvent event = order->receipt.status == OrderStatus::Declared ? OrderEvent::Withdraw : OrderEvent::Cancel;
        auto t = s.stores->orders.Transition(order->receipt.order_no, event, "shopper", UnixNow(), &error);
        if (!t) return s.errors.Internal(req, res, "cancelling an order", error);
        if (!t->problem.empty()) return s.errors.Send(req, res, 409, "transition_not_allowed");
        order = s.stores->orders.FindOrder(order->receipt.order_no, &error);
        if (!order) return s.errors.Internal(req, res, "reading an order", error);
        SendJson(res, 200, OrderReceiptToJson(order->receipt));
    });
}

} // namespace bondstore
