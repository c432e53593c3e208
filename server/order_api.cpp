#include "order_api.h"

#include "ceb_message.h"
#include "china_time.h"
#include "merchant_api.h"
#include "order_seal.h"
#include "payment.h"
#include "storefront.h"

#include "core/cart.h"
#include "core/resident_id.h"
#include "core/wire.h"

#include <httplib.h>

#include <map>
#include <set>

namespace bondstore {

namespace {

constexpr size_t kMaxOrderRequestBytes = 64 * 1024;

void SendJson(httplib::Response& res, int status, std::string body)
{
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), "application/json; charset=utf-8");
}

// The order a request names, if the request also holds its lookup secret (header
// X-Order-Secret: never in the URL). Answers 404 otherwise — the same for a wrong secret as for
// no such order, so neither can be probed.
std::optional<Store::StoredOrder> AuthorizedOrder(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    std::string order_no = req.matches[1];
    std::string secret = req.get_header_value("X-Order-Secret");
    if (order_no.size() > 40 || !s.personal_data->CheckLookupSecret(order_no, secret)) {
        s.errors.Send(req, res, 404, "order_not_found");
        return std::nullopt;
    }
    std::string error;
    std::optional<Store::StoredOrder> order = s.store->FindOrder(order_no, &error);
    if (!order) { s.errors.Send(req, res, 500, "internal"); return std::nullopt; }
    if (order->receipt.order_no.empty()) { s.errors.Send(req, res, 404, "order_not_found"); return std::nullopt; }
    return order;
}

// "BS" + the China date (YYMMDD) + 10 random digits: unique enough to never collide in practice
// (a collision would be refused by the primary key and the request answered 500, not doubled).
std::string NewOrderNumber()
{
    CalendarDate d = TodayInChina();
    char date[8];
    std::snprintf(date, sizeof date, "%02d%02d%02d", d.year % 100, d.month, d.day);
    return "BS" + std::string(date) + RandomDigits(10);
}

std::string ContactJson(const OrderRequest& o)
{
    return "{\"buyer\":{\"name\":" + JsonQuote(o.buyer.name) + ",\"id_number\":" + JsonQuote(o.buyer.id_number) +
           ",\"phone\":" + JsonQuote(o.buyer.phone) + "},\"consignee\":{\"name\":" + JsonQuote(o.consignee.name) +
           ",\"phone\":" + JsonQuote(o.consignee.phone) + ",\"address\":" + JsonQuote(o.consignee.address) +
           ",\"district\":" + JsonQuote(o.consignee.district) + "}}";
}

// An address as answers show it: the district and the first characters, the rest starred.
std::string MaskAddress(const std::string& address)
{
    size_t keep = 0, chars = 0;
    while (keep < address.size() && chars < 6) {
        keep++;
        while (keep < address.size() && (static_cast<unsigned char>(address[keep]) & 0xC0) == 0x80) keep++;
        chars++;
    }
    return address.substr(0, keep) + (keep < address.size() ? "****" : "");
}

bool IdempotencyKeyOk(const std::string& key)
{
    bool ok = !key.empty() && key.size() <= 200;
    for (char c : key) ok = ok && c > 0x20 && c < 0x7f;
    return ok;
}

// Checkout proper, for an order's JSON (as sent, or opened from a sealed body).
void TakeOrder(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& key,
               const std::string& body)
{
    // A retry of an order already taken is answered as it was, before anything is checked
    // again: a catalog or a date that changed since must not turn an order the shopper has
    // into an error. (The transaction below checks the key again, for concurrent retries.)
    const PersonalData& pd = *s.personal_data;
    std::string request_hash = pd.KeyedHash(body);
    std::string lookup_error;
    std::optional<Store::StoredResponse> seen = s.store->FindIdempotentResponse(key, &lookup_error);
    if (!lookup_error.empty()) {
        std::fprintf(stderr, "bondstore-server: POST /api/orders: %s\n", lookup_error.c_str());
        return s.errors.Send(req, res, 500, "internal");
    }
    if (seen && seen->request_hash != request_hash) return s.errors.Send(req, res, 422, "idempotency_key_reused");
    if (seen && !seen->response.empty()) {
        res.set_header("Idempotent-Replayed", "true");
        return SendJson(res, 201, seen->response);
    }

    OrderRequestParse parsed = ParseOrderRequestJson(body);
    if (!parsed.ok()) return s.errors.SendProblems(req, res, 400, "invalid_request", parsed.problems);
    OrderRequest order = std::move(parsed.request);
    CalendarDate today = TodayInChina();
    std::vector<Problem> problems = ValidateOrderRequest(order, today);
    auto snapshot = s.catalog.Current();
    std::vector<CartLine> cart;
    for (const OrderLineRequest& l : order.lines) cart.push_back({l.sku, l.qty});
    QuoteRequest quote_request;
    quote_request.date = today;
    // Freight is the store's to set (--freight-fen); the shopper's figure must match it, as
    // the total must.
    quote_request.freight = Money{s.options.freight_fen};
    for (Problem& p : FillQuoteLines(snapshot->catalog, cart, &quote_request.lines))
        if (p.code == "cart.unknown_sku") problems.push_back(std::move(p));
    std::set<std::string> merchants;
    if (!HasErrors(problems)) {
        // Customs takes one order per e-commerce enterprise (CEB311 ebcCode): one merchant's
        // goods per order.
        std::vector<std::string> skus;
        for (const OrderLineRequest& l : order.lines) skus.push_back(l.sku);
        std::string owners_error;
        std::map<std::string, std::string> owners = s.store->OwnersOf(skus, &owners_error);
        if (!owners_error.empty()) {
            std::fprintf(stderr, "bondstore-server: POST /api/orders: %s\n", owners_error.c_str());
            return s.errors.Send(req, res, 500, "internal");
        }
        for (const std::string& sku : skus) merchants.insert(owners[sku]);
        if (merchants.size() > 1) {
            Problem p;
            p.code = "order.mixed_merchants";
            p.section = "order";
            p.field = "lines";
            problems.push_back(std::move(p));
        }
    }
    if (HasErrors(problems)) return s.errors.SendProblems(req, res, 422, "invalid_order", problems);

    int64_t now = UnixNow();
    Store::OrderPlacement p;
    p.idempotency_key = key;
    p.request_hash = request_hash;
    p.order_no = NewOrderNumber();
    p.lines = order.lines;
    p.buyer_id_hash = pd.KeyedHash(order.buyer.id_number);
    p.contact_sealed = pd.Seal(ContactJson(order));
    p.now = now;
    p.pay_before = now + s.options.payment_timeout;
    p.quota_year = QuotaYear(now);
    p.merchant = merchants.empty() ? std::string() : *merchants.begin();
    for (const OrderLineRequest& l : order.lines)
        if (const Product* product = snapshot->catalog.FindBySku(l.sku)) p.products[l.sku] = ProductToJson(*product);
    p.messages.push_back({"order", NewMessageGuid()});
    if (s.customs.declare_inventory) p.messages.push_back({"inventory", NewMessageGuid()});
    OrderReceipt& r = p.receipt;
    r.buyer_name = MaskName(order.buyer.name);
    r.buyer_id_number = MaskResidentId(order.buyer.id_number);
    r.buyer_phone = MaskPhone(order.buyer.phone);
    r.consignee_name = MaskName(order.consignee.name);
    r.consignee_phone = MaskPhone(order.consignee.phone);
    r.consignee_address = MaskAddress(order.consignee.address);
    r.consignee_district = order.consignee.district;

    auto pricing = [&](Money annual_used, std::string* refusal) {
        QuoteRequest q = quote_request;
        q.annual_used = annual_used;
        TaxQuote quote = Quote(q, s.tax_table);
        // Nobody pays a number they were not shown.
        if (quote.accepted() && (quote.amount_to_pay != order.expected_total || order.freight != quote.freight))
            *refusal = "total_changed";
        return quote;
    };
    auto respond = [&](const OrderReceipt& receipt) {
        OrderReceipt shown = receipt;
        shown.lookup_secret = pd.LookupSecret(receipt.order_no);
        return OrderReceiptToJson(shown);
    };
    std::string error;
    std::optional<Store::PlaceResult> placed = s.store->PlaceOrder(p, pricing, respond, &error);
    if (!placed) {
        std::fprintf(stderr, "bondstore-server: POST /api/orders: %s\n", error.c_str());
        return s.errors.Send(req, res, 500, "internal");
    }
    using Outcome = Store::PlaceResult::Outcome;
    switch (placed->outcome) {
    case Outcome::Created:
        return SendJson(res, 201, placed->body);
    case Outcome::Replayed:
        res.set_header("Idempotent-Replayed", "true");
        return SendJson(res, 201, placed->body);
    case Outcome::KeyReused:
        return s.errors.Send(req, res, 422, "idempotency_key_reused");
    case Outcome::OutOfStock: {
        std::string skus;
        for (const std::string& sku : placed->short_skus) skus += (skus.empty() ? "" : ",") + JsonQuote(sku);
        return s.errors.SendWith(req, res, 409, "out_of_stock", {}, "\"skus\":[" + skus + "]");
    }
    case Outcome::Refused:
        if (placed->refusal == "total_changed")
            return s.errors.SendWith(req, res, 409, "total_changed", {}, "\"quote\":" + TaxQuoteToJson(placed->quote));
        // The tax rules refuse it (limits, the positive list, …): the reason is the quote's.
        return s.errors.SendWith(req, res, 422, "order_refused", {},
                                 "\"reason\":" + JsonQuote(placed->refusal) + ",\"quote\":" + TaxQuoteToJson(placed->quote));
    }
}

} // namespace

void MountOrderRoutes(httplib::Server& server, Storefront& s)
{
    // Availability per SKU for shoppers: what can still be ordered, and where.
    server.Get("/api/inventory", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string error;
        std::vector<SkuAvailability> items = s.store->Inventory(&error);
        // An empty list would read as "everything sold out".
        if (!error.empty()) {
            std::fprintf(stderr, "bondstore-server: GET /api/inventory: %s\n", error.c_str());
            return s.errors.Send(req, res, 500, "internal");
        }
        SendJson(res, 200, InventoryToJson(items));
    });

    // Checkout. See docs/api.md: the key, the re-quote, the identity checks, one transaction.
    server.Post("/api/orders", [&s](const httplib::Request& req, httplib::Response& res) {
        if (req.body.size() > kMaxOrderRequestBytes) return s.errors.Send(req, res, 413, "body_too_large");
        std::string key = req.get_header_value("Idempotency-Key");
        if (!IdempotencyKeyOk(key)) return s.errors.Send(req, res, 400, "idempotency_key_missing");
        if (!OrderSeal::IsSealed(req.body)) return TakeOrder(s, req, res, key, req.body);

        // A kiosk's queued order, sealed to this server (order_seal.h). Its outbox lets go once
        // answered, so the answer is also kept for the shopper following it on their phone.
        std::string code;
        std::optional<OrderSeal::SealedOrder> sealed = s.order_seal->OpenOrder(req.body, key, &code);
        if (!sealed) return s.errors.Send(req, res, 400, code);
        TakeOrder(s, req, res, key, sealed->order);
        if (res.status >= 500) return; // not answered: the kiosk sends it again
        std::string error;
        if (!s.store->KeepQueuedAnswer(s.personal_data->KeyedHash("follow " + sealed->follow), key, {res.status, res.body},
                                       UnixNow(), &error)) {
            // Not kept: answer 500, so the kiosk keeps the order and sends it again.
            std::fprintf(stderr, "bondstore-server: POST /api/orders: %s\n", error.c_str());
            s.errors.Send(req, res, 500, "internal");
        }
    });

    // What became of a kiosk's queued order, for whoever holds its follow secret (header
    // X-Follow-Secret, from the kiosk's QR code): the order as POST /api/orders answered it (200,
    // with its lookup secret), the refusal (its 4xx), or 404 order_not_received while no kiosk
    // has delivered it.
    server.Get("/api/orders/queued", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string follow = req.get_header_value("X-Follow-Secret");
        if (follow.size() < 26 || follow.size() > 200) return s.errors.Send(req, res, 404, "order_not_received");
        std::string error;
        std::optional<Store::QueuedAnswer> answer = s.store->FindQueuedAnswer(s.personal_data->KeyedHash("follow " + follow), &error);
        if (!error.empty()) {
            std::fprintf(stderr, "bondstore-server: GET /api/orders/queued: %s\n", error.c_str());
            return s.errors.Send(req, res, 500, "internal");
        }
        if (!answer) return s.errors.Send(req, res, 404, "order_not_received");
        SendJson(res, answer->status == 201 ? 200 : answer->status, answer->response);
    });

    // The key kiosks seal queued orders to (order_seal.h); the same on every server sharing the
    // data key.
    server.Get("/api/order-seal-key", [&s](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content(s.order_seal->PublicKeyJson(), "application/json; charset=utf-8");
    });

    // An order, for whoever holds its lookup secret.
    server.Get(R"(/api/orders/([A-Za-z0-9]+))", [&s](const httplib::Request& req, httplib::Response& res) {
        std::optional<Store::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        SendJson(res, 200, OrderReceiptToJson(order->receipt));
    });

    // Cancelling: before declaration to customs only.
    server.Post(R"(/api/orders/([A-Za-z0-9]+)/cancel)", [&s](const httplib::Request& req, httplib::Response& res) {
        std::optional<Store::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        std::string error;
        auto t = s.store->Transition(order->receipt.order_no, OrderEvent::Cancel, "shopper", UnixNow(), &error);
        if (!t) return s.errors.Send(req, res, 500, "internal");
        if (!t->problem.empty()) return s.errors.Send(req, res, 409, "transition_not_allowed");
        order = s.store->FindOrder(order->receipt.order_no, &error);
        if (!order) return s.errors.Send(req, res, 500, "internal");
        SendJson(res, 200, OrderReceiptToJson(order->receipt));
    });

    // Paying: the provider's first step (the sandbox answers with its signed notification).
    server.Post(R"(/api/orders/([A-Za-z0-9]+)/payment)", [&s](const httplib::Request& req, httplib::Response& res) {
        std::optional<Store::StoredOrder> order = AuthorizedOrder(s, req, res);
        if (!order) return;
        if (order->receipt.status != OrderStatus::PendingPayment) return s.errors.Send(req, res, 409, "transition_not_allowed");
        SandboxPayments provider(*s.personal_data);
        PaymentProvider::Started started = provider.Begin(order->receipt.order_no, order->receipt.amount_to_pay, UnixNow());
        SendJson(res, 200, started.answer_json);
    });

    // The provider's notification: signed, for the order's exact amount.
    server.Post("/api/payments/sandbox/notify", [&s](const httplib::Request& req, httplib::Response& res) {
        if (req.body.size() > 4096) return s.errors.Send(req, res, 413, "body_too_large");
        SandboxPayments provider(*s.personal_data);
        std::optional<PaymentProvider::Confirmation> c = provider.Verify(req.body);
        if (!c) return s.errors.Send(req, res, 400, "payment_not_verified");
        std::string error;
        std::optional<Store::StoredOrder> order = s.store->FindOrder(c->order_no, &error);
        if (!order) return s.errors.Send(req, res, 500, "internal");
        if (order->receipt.order_no.empty()) return s.errors.Send(req, res, 404, "order_not_found");
        if (c->amount != order->receipt.amount_to_pay) return s.errors.Send(req, res, 400, "payment_amount_mismatch");
        auto t = s.store->Transition(c->order_no, OrderEvent::Pay, "sandbox " + c->payment_id, UnixNow(), &error);
        if (!t) return s.errors.Send(req, res, 500, "internal");
        // A provider retries its notifications: the same payment again is fine.
        if (!t->problem.empty() && t->status != OrderStatus::Paid) return s.errors.Send(req, res, 409, "transition_not_allowed");
        SendJson(res, 200, "{\"order_no\":" + JsonQuote(c->order_no) + ",\"status\":\"" + StatusCode(t->status) + "\"}");
    });
}

} // namespace bondstore
