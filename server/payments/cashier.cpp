#include "server/payments/cashier.h"
#include "server/operations/event_log.h"

#include "core/wire/order_json.h"

#include <cstdio>

namespace bondstore {

namespace {

const char* ChannelCode(PaymentChannel c) { return c == PaymentChannel::Redirect ? "redirect" : "qr"; }

// Ours, one per refund of an order (6–32 characters the providers accept): the order number and
// the reason's letter. Asking twice with it refunds once.
std::string RefundNumber(const std::string& order_no, const std::string& reason)
{
    char letter = reason == "cancel" ? 'C' : reason == "reject" ? 'J' : reason == "return" ? 'R' : reason == "late_payment" ? 'L' : 'X';
    return order_no + "-" + letter;
}

// Three years, and a leap day: how long customs may ask for an order's raw payment data.
constexpr int64_t kRawPaymentDataKeptFor = (3 * 365 + 1) * 86400;

const char* RefundStateCode(RefundState s) { return s == RefundState::Done ? "done" : s == RefundState::Failed ? "failed" : "due"; }

void Log(const char* what, const std::string& order_no, const std::string& error)
{
    LogEvent(LogLevel::Error, "payment", {{"what", std::string(what)}, {"order_no", order_no}, {"error", error}});
}

} // namespace

Cashier::Start Cashier::Begin(const OrderStore::StoredOrder& order, const PaymentAsk& ask, const std::string& client_ip, int64_t now)
{
    Start s;
    PaymentRequest q;
    q.order_no = order.receipt.order_no;
    q.amount = order.receipt.amount_to_pay;
    q.description = "Bondstore " + order.receipt.order_no;
    q.expires_at = order.receipt.pay_before;
    q.channel = ask.channel == "redirect" ? PaymentChannel::Redirect : PaymentChannel::Qr;
    q.client_ip = client_ip;
    q.return_url = ask.return_url;
    std::string error;
    if (!stores_.payments.RecordStart(q.order_no, provider_.name(), ChannelCode(q.channel), now, &error)) {
        s.refusal = "internal";
        s.detail = error;
        return s;
    }
    std::optional<PaymentStarted> started = provider_.Begin(q, &error);
    if (!started) {
        s.refusal = "payment_provider_unavailable";
        s.detail = error;
        Log("starting", q.order_no, error);
        return s;
    }
    // Kept for customs (announcement 179); failing to keep it does not stop the shopper paying.
    if (!started->raw_request.empty() && !stores_.payments.KeepRawRequest(q.order_no, keys_.Seal(started->raw_request), &error))
        Log("keeping the raw request of", q.order_no, error);
    s.start.provider = provider_.name();
    s.start.sandbox = provider_.sandbox();
    s.start.payment_id = started->payment_id;
    s.start.qr_code = started->qr_code;
    s.start.redirect_url = started->redirect_url;
    if (started->sandbox_notification) {
        s.start.notification = started->sandbox_notification;
        s.start.notify_url = "/api/payments/sandbox/notify";
    }
    return s;
}

Cashier::Received Cashier::Receive(const ProviderNotification& n, int64_t now)
{
    Received r;
    std::optional<ProviderEvent> e = provider_.ReadNotification(n, now, &r.why);
    if (!e) {
        r.outcome = Received::Outcome::NotVerified;
        return r;
    }
    if (e->payment) {
        if (e->payment->state != PaymentState::Paid) {
            r.outcome = Received::Outcome::Applied; // nothing to do for a payment not made
            r.order_no = e->payment->order_no;
            return r;
        }
        return ApplyPayment(*e->payment, e->id, now);
    }
    std::string error;
    std::optional<bool> applied =
        stores_.payments.ApplyRefundNotice(provider_.name(), e->id, e->refund->refund_no, RefundStateCode(e->refund->state),
                                           e->refund->provider_refund_id, now, &error);
    if (!applied) {
        r.why = error;
        return r; // Failed: the provider will send it again
    }
    r.outcome = Received::Outcome::Applied;
    return r;
}

Cashier::Received Cashier::ApplyPayment(const PaymentStatus& p, const std::string& event_id, int64_t now)
{
    Received r;
    r.order_no = p.order_no;
    bool hold = provider_.declares(); // the payment is declared before customs hears of the order
    std::optional<PaymentStore::Applied> applied =
        stores_.payments.ApplyPaid(provider_.name(), event_id, p.order_no, p.transaction_id, p.amount, hold, now, &r.why);
    if (!applied) return r;
    bool money_taken = *applied != PaymentStore::Applied::UnknownOrder && *applied != PaymentStore::Applied::AmountMismatch &&
                       *applied != PaymentStore::Applied::NotPayable;
    if (money_taken && !p.raw.empty()) {
        // The provider's word that it was paid, sealed and kept three years for customs (announcement
        // 179; CLEARANCE.md §11). The first word is kept: a replay or a later query changes nothing.
        std::string error;
        if (!stores_.payments.KeepRawResponse(p.order_no, keys_.Seal(p.raw), now, now + kRawPaymentDataKeptFor, &error))
            Log("keeping the raw answer of", p.order_no, error);
    }
    switch (*applied) {
    case PaymentStore::Applied::UnknownOrder: r.outcome = Received::Outcome::UnknownOrder; return r;
    case PaymentStore::Applied::AmountMismatch: r.outcome = Received::Outcome::AmountMismatch; return r;
    case PaymentStore::Applied::NotPayable: r.outcome = Received::Outcome::NotAllowed; return r;
    case PaymentStore::Applied::Replay: r.outcome = Received::Outcome::Replay; break;
    case PaymentStore::Applied::AlreadyPaid: r.outcome = Received::Outcome::Replay; break;
    case PaymentStore::Applied::Late:
        r.outcome = Received::Outcome::Applied;
        SettleRefunds(now);
        break;
    case PaymentStore::Applied::Paid:
        r.outcome = Received::Outcome::Applied;
        if (hold) Declare(p.order_no, p.transaction_id, p.amount, now);
        break;
    }
    std::string error;
    std::optional<OrderStore::StoredOrder> order = stores_.orders.FindOrder(p.order_no, &error);
    if (order) r.status = order->receipt.status;
    return r;
}

void Cashier::Declare(const std::string& order_no, const std::string& transaction_id, Money amount, int64_t now)
{
    std::string error;
    std::optional<OrderStore::StoredOrder> order = stores_.orders.FindOrder(order_no, &error);
    if (!order || order->receipt.order_no.empty()) return Log("declaring", order_no, order ? "no such order" : error);
    std::optional<std::string> contact = keys_.Open(order->contact_sealed);
    std::optional<OrderContact> people = contact ? ParseOrderContactJson(*contact) : std::nullopt;
    if (!people) return Log("declaring", order_no, "its personal data does not open with this data key");
    DeclarationRequest q;
    q.order_no = order_no;
    q.transaction_id = transaction_id;
    q.amount = amount;
    q.buyer_name = people->buyer.name;
    q.buyer_id_number = people->buyer.id_number;
    std::optional<DeclarationResult> d = provider_.Declare(q, &error);
    if (!d) return Log("declaring", order_no, error); // still due: Sweep asks again
    PaymentStore::Declared outcome = d->payer == PayerCheck::Different ? PaymentStore::Declared::PayerMismatch
                                     : d->accepted                     ? PaymentStore::Declared::Accepted
                                                                       : PaymentStore::Declared::Failed;
    const char* check = d->payer == PayerCheck::Same ? "same" : d->payer == PayerCheck::Different ? "different" : "unchecked";
    if (!stores_.payments.RecordDeclaration(order_no, outcome, check, d->pay_transaction_id, d->message, now, &error))
        return Log("recording the declaration of", order_no, error);
    if (outcome == PaymentStore::Declared::Failed) Log("the provider refused the declaration of", order_no, d->message);
    if (outcome == PaymentStore::Declared::PayerMismatch) SettleRefunds(now);
}

int Cashier::SettleRefunds(int64_t now)
{
    std::string error;
    std::optional<std::vector<PaymentStore::Refund>> due = stores_.payments.RefundsDue(provider_.name(), 20, &error);
    if (!due) {
        Log("listing refunds", "", error);
        return 0;
    }
    int calls = 0;
    for (const PaymentStore::Refund& f : *due) {
        calls++;
        std::string refund_no = f.refund_no.empty() ? RefundNumber(f.order_no, f.reason) : f.refund_no;
        RefundRequest q;
        q.order_no = f.order_no;
        q.transaction_id = f.transaction_id;
        q.refund_no = refund_no;
        q.refund = f.amount;
        q.total = f.paid;
        q.reason = f.reason;
        // Asked before (the provider named it): how is it going? Otherwise asked now.
        std::optional<RefundStatus> st = f.provider_refund_id.empty() ? provider_.Refund(q, &error) : provider_.QueryRefund(q, &error);
        if (!st) {
            Log("refunding", f.order_no, error);
            continue;
        }
        if (!stores_.payments.MarkRefund(f.order_no, f.reason, refund_no, RefundStateCode(st->state), st->provider_refund_id,
                                         st->state == RefundState::Failed ? "the provider could not refund" : "", now, &error))
            Log("recording the refund of", f.order_no, error);
    }
    return calls;
}

int Cashier::Sweep(int64_t now)
{
    std::string error;
    int calls = 0;
    if (auto due = stores_.payments.DeclarationsDue(provider_.name(), 20, &error))
        for (const PaymentStore::Payment& p : *due) {
            Declare(p.order_no, p.transaction_id, p.amount, now);
            calls++;
        }
    calls += SettleRefunds(now);
    if (auto ended = stores_.payments.ToClose(provider_.name(), 20, &error))
        for (const PaymentStore::Payment& p : *ended) {
            calls++;
            if (provider_.Close(p.order_no, &error)) {
                stores_.payments.MarkClosed(p.order_no, now, &error);
                continue;
            }
            Log("closing", p.order_no, error);
            // It may not close because the shopper paid at the last moment: then the money goes back.
            std::optional<PaymentStatus> st = provider_.Query(p.order_no, &error);
            if (st && st->state == PaymentState::Paid) ApplyPayment(*st, "", now);
        }
    if (provider_.declares()) // the sandbox keeps nothing to ask about
        if (auto quiet = stores_.payments.StartedBefore(provider_.name(), now - query_after, 20, &error))
            for (const PaymentStore::Payment& p : *quiet) {
                calls++;
                std::optional<PaymentStatus> st = provider_.Query(p.order_no, &error);
                if (!st) {
                    Log("asking about", p.order_no, error);
                    continue;
                }
                if (st->state == PaymentState::Paid) ApplyPayment(*st, "", now);
                // Not paid yet: asked again after query_after.
                else stores_.payments.RecordStart(p.order_no, provider_.name(), p.channel, now, &error);
            }
    return calls;
}

} // namespace bondstore
