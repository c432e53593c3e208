// Cashier: the store's side of paying — starts an order's payment at the provider, applies what
// the provider notifies, has the payment declared to customs with the buyer's identity (the payer
// must be the buyer), and works through what is owed back. One per server, over one provider.
//
//   start ──→ provider page / QR ──(notification or query)──→ paid ──→ declared ──→ messages to customs
//                                                                  └→ payer ≠ buyer: cancelled, refunded
//   order expired or cancelled unpaid ──→ closed at the provider; money that arrives anyway is refunded
//   refund due ──→ provider (idempotent refund number) ──→ done when the provider confirms
//
// Provider calls are never made inside a database transaction. Sweep, every second from its own
// thread, retries what a failed call left: declarations, refunds, closing, and asking about
// payments whose notification has not come.
#pragma once

#include "server/payments/payment_provider.h"
#include "server/security/personal_data.h"
#include "server/store/stores.h"

#include "core/orders/order.h"

#include <string>

namespace bondstore {

class Cashier {
public:
    Cashier(PaymentProvider& provider, Stores& stores, const PersonalData& keys) : provider_(provider), stores_(stores), keys_(keys) {}

    PaymentProvider& provider() { return provider_; }

    struct Start {
        std::string refusal;   // "" when started; else an error code (payment_unavailable, …)
        std::string detail;    // the provider's words, for the log
        PaymentStart start;
    };
    Start Begin(const OrderStore::StoredOrder& order, const PaymentAsk& ask, const std::string& client_ip, int64_t now);

    struct Received {
        enum class Outcome { Applied, Replay, NotVerified, UnknownOrder, AmountMismatch, NotAllowed, Failed } outcome = Outcome::Failed;
        std::string order_no, why;
        OrderStatus status = OrderStatus::PendingPayment;
    };
    Received Receive(const ProviderNotification& notification, int64_t now);

    // One round of background work; returns how many provider calls it made.
    int Sweep(int64_t now);
    // How long a started payment may go without news before the provider is asked (seconds).
    int64_t query_after = 30;

private:
    Received ApplyPayment(const PaymentStatus& status, const std::string& event_id, int64_t now);
    void Declare(const std::string& order_no, const std::string& transaction_id, Money amount, int64_t now);
    int SettleRefunds(int64_t now);

    PaymentProvider& provider_;
    Stores& stores_;
    const PersonalData& keys_;
};

} // namespace bondstore
