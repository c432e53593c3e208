#include "server/orders/checkout.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/customs/ceb_message.h"

#include "core/cart/cart.h"
#include "core/orders/resident_id.h"
#include "core/wire/catalog_json.h"
#include "core/wire/order_json.h"

#include <set>

namespace bondstore {

namespace {

// "BS" + the China date (YYMMDD) + 10 random digits: unique enough to never collide in practice
// (a collision would be refused by the primary key and the request answered 500, not doubled).
std::string NewOrderNumber()
{
    CalendarDate d = TodayInChina();
    char date[8];
    std::snprintf(date, sizeof date, "%02d%02d%02d", d.year % 100, d.month, d.day);
    return "BS" + std::string(date) + RandomDigits(10);
}

CheckoutOutcome Outcome(CheckoutOutcome::Kind kind)
{
    CheckoutOutcome o;
    o.kind = kind;
    return o;
}

CheckoutOutcome Failure(std::string why)
{
    CheckoutOutcome o = Outcome(CheckoutOutcome::Kind::Failed);
    o.failure = std::move(why);
    return o;
}

} // namespace

bool IdempotencyKeyOk(const std::string& key)
{
    bool ok = !key.empty() && key.size() <= 200;
    for (char c : key) ok = ok && c > 0x20 && c < 0x7f;
    return ok;
}

std::string AnswerWithLookupSecret(const PersonalData& keys, const std::string& receipt_json)
{
    OrderReceiptParse parsed = ParseOrderReceiptJson(receipt_json);
    if (!parsed.ok()) return receipt_json; // kept by this server; never happens
    parsed.receipt.lookup_secret = keys.LookupSecret(parsed.receipt.order_no);
    return OrderReceiptToJson(parsed.receipt);
}

std::string AnswerWithoutLookupSecret(const std::string& receipt_json)
{
    OrderReceiptParse parsed = ParseOrderReceiptJson(receipt_json);
    if (!parsed.ok()) return receipt_json; // not a receipt (a refusal): nothing secret in it
    parsed.receipt.lookup_secret.clear();
    return OrderReceiptToJson(parsed.receipt);
}

CheckoutOutcome TakeOrder(CheckoutDesk& desk, const std::string& key, const std::string& body, const OrderOrigin& origin)
{
    using Kind = CheckoutOutcome::Kind;
    // A retry of an order already taken is answered as it was, before anything is checked
    // again: a catalog or a date that changed since must not turn an order the shopper has
    // into an error. (The transaction below checks the key again, for concurrent retries.)
    std::string request_hash = desk.keys.KeyedHash(body);
    std::string error;
    std::optional<OrderStore::StoredResponse> seen = desk.orders.FindIdempotentResponse(key, &error);
    if (!error.empty()) return Failure(error);
    if (seen && seen->request_hash != request_hash) return Outcome(Kind::KeyReused);
    if (seen && !seen->response.empty()) {
        CheckoutOutcome o = Outcome(Kind::Replayed);
        o.answer = AnswerWithLookupSecret(desk.keys, seen->response);
        return o;
    }

    OrderRequestParse parsed = ParseOrderRequestJson(body);
    if (!parsed.ok()) {
        CheckoutOutcome o = Outcome(Kind::Invalid);
        o.problems = std::move(parsed.problems);
        return o;
    }
    OrderRequest order = std::move(parsed.request);
    // One moment for the whole order: its quote's date, its quota year and its payment deadline.
    int64_t now = UnixNow();
    CalendarDate today = ChinaDateAt(now);
    std::vector<Problem> problems = ValidateOrderRequest(order, today);
    auto snapshot = desk.catalog.Current();
    std::vector<CartLine> cart;
    for (const OrderLineRequest& l : order.lines) cart.push_back({l.sku, l.qty});
    QuoteRequest quote_request;
    quote_request.date = today;
    // Freight is the store's to set; the shopper's figure must match it, as the total must.
    quote_request.freight = desk.freight;
    for (Problem& p : FillQuoteLines(snapshot->catalog, cart, &quote_request.lines))
        if (p.code == "cart.unknown_sku") problems.push_back(std::move(p));
    std::set<std::string> merchants;
    if (!HasErrors(problems)) {
        // Customs takes one order per e-commerce enterprise (CEB311 ebcCode): one merchant's goods
        // per order.
        std::vector<std::string> skus;
        for (const OrderLineRequest& l : order.lines) skus.push_back(l.sku);
        std::optional<std::map<std::string, std::string>> owners = desk.catalogs.OwnersOf(skus, &error);
        if (!owners) return Failure(error);
        for (const std::string& sku : skus) merchants.insert((*owners)[sku]);
        if (merchants.size() > 1) {
            Problem p;
            p.code = "order.mixed_merchants";
            p.section = "order";
            p.field = "lines";
            problems.push_back(std::move(p));
        }
    }
    if (HasErrors(problems)) {
        CheckoutOutcome o = Outcome(Kind::Refused);
        o.problems = std::move(problems);
        return o;
    }

    OrderStore::Placement p;
    p.idempotency_key = key;
    p.request_hash = request_hash;
    p.order_no = NewOrderNumber();
    p.lines = order.lines;
    p.buyer_id_hash = desk.keys.KeyedHash(order.buyer.id_number);
    p.contact_sealed = desk.keys.Seal(OrderContactToJson({order.buyer, order.consignee}));
    p.now = now;
    // Paid before the next change of year or tax rule, so the quote, the payment, the declaration
    // and the quota year share one date basis (core PaymentDeadline; docs/orders.md "One date").
    std::vector<std::string> hs_codes;
    for (const QuoteLine& l : quote_request.lines) hs_codes.push_back(l.hs_code);
    p.pay_before = PaymentDeadline(now, desk.payment_timeout, NextTaxChange(desk.tax_table, today, hs_codes));
    p.quota_year = QuotaYear(now);
    p.merchant = merchants.empty() ? std::string() : *merchants.begin();
    for (const OrderLineRequest& l : order.lines)
        if (const Product* product = snapshot->catalog.FindBySku(l.sku)) p.products[l.sku] = ProductToJson(*product);
    p.messages.push_back({"order", NewMessageGuid()});
    if (desk.customs.declare_inventory) p.messages.push_back({"inventory", NewMessageGuid()});
    p.carrier = desk.carrier;
    OrderReceipt& r = p.receipt;
    r.buyer_name = MaskName(order.buyer.name);
    r.buyer_id_number = MaskResidentId(order.buyer.id_number);
    r.buyer_phone = MaskPhone(order.buyer.phone);
    r.consignee_name = MaskName(order.consignee.name);
    r.consignee_phone = MaskPhone(order.consignee.phone);
    r.consignee_address = MaskAddress(order.consignee.address);
    r.consignee_district = order.consignee.district;
    p.quote_request = std::move(quote_request);
    p.shown_total = order.expected_total;
    p.shown_freight = order.freight;
    p.tax_table = &desk.tax_table;
    p.client_hash = origin.client_hash;
    p.kiosk = origin.kiosk;
    p.store = origin.store;
    p.limits = desk.limits;

    std::optional<OrderStore::PlaceResult> placed = desk.orders.PlaceOrder(p, &error);
    if (!placed) return Failure(error);
    using Placed = OrderStore::PlaceResult::Outcome;
    switch (placed->outcome) {
    case Placed::Created: {
        CheckoutOutcome o = Outcome(Kind::Created);
        placed->receipt.lookup_secret = desk.keys.LookupSecret(placed->receipt.order_no);
        o.answer = OrderReceiptToJson(placed->receipt);
        return o;
    }
    case Placed::Replayed: {
        CheckoutOutcome o = Outcome(Kind::Replayed);
        o.answer = AnswerWithLookupSecret(desk.keys, placed->replayed);
        return o;
    }
    case Placed::KeyReused: return Outcome(Kind::KeyReused);
    case Placed::OutOfStock: {
        CheckoutOutcome o = Outcome(Kind::OutOfStock);
        o.skus = std::move(placed->short_skus);
        return o;
    }
    case Placed::Limited: {
        CheckoutOutcome o = Outcome(Kind::Limited);
        o.reason = std::move(placed->limit);
        o.retry_after = placed->retry_after;
        return o;
    }
    case Placed::Refused: {
        CheckoutOutcome o = Outcome(placed->refusal == "total_changed" ? Kind::TotalChanged : Kind::RulesRefused);
        o.quote = std::move(placed->quote);
        o.reason = std::move(placed->refusal);
        return o;
    }
    }
    return Failure("unknown outcome");
}

} // namespace bondstore
