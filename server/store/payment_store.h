// PaymentStore: what the payment provider said about each order — the payment started, paid
// (with the provider's transaction id), its customs declaration and the payer check, the
// notifications already applied (a replay changes nothing) — and the refunds owed, until the
// provider confirms them. A payment moves its order in the same transaction (MoveOrder): a paid
// notification pays the order, a payer who is not the buyer cancels it with a refund due, money
// for an order that expired meanwhile is owed back.
#pragma once

#include "server/store/database.h"

#include "core/base/money.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class PaymentStore {
public:
    explicit PaymentStore(Database& db) : db_(db) {}

    struct Payment {
        std::string order_no, provider, channel;
        std::string state;        // started, paid, late (paid after the order ended: refunded), closed
        std::string transaction_id;
        Money amount;
        std::string declaration;  // none, due, accepted, failed
        std::string payer_check;  // unchecked, same, different
        std::string declaration_note, pay_transaction_id;
        int64_t created_at = 0, updated_at = 0;
        std::string raw_request, raw_response; // sealed (announcement 179); "" until known
        int64_t paid_at = 0, raw_kept_until = 0;
    };
    // Not found: order_no empty.
    std::optional<Payment> Find(const std::string& order_no, std::string* error);

    // A payment started (again) for an unpaid order.
    bool RecordStart(const std::string& order_no, const std::string& provider, const std::string& channel, int64_t now, std::string* error);

    // The raw payment data customs may ask for (announcement 179), sealed by the caller: the
    // request as sent to the provider (while the payment is only started: a new start replaces
    // it), and the provider's first word that it was paid, kept with the payment's time until
    // `keep_until` (the rules ask for three years).
    bool KeepRawRequest(const std::string& order_no, const std::string& sealed, std::string* error);
    bool KeepRawResponse(const std::string& order_no, const std::string& sealed, int64_t paid_at, int64_t keep_until, std::string* error);

    enum class Applied { Paid, Replay, AlreadyPaid, Late, UnknownOrder, AmountMismatch, NotPayable };
    // The provider says the order is paid (notification `event_id`, "" for a query's answer): in one
    // transaction the order is paid (its messages held for the declaration when `hold`), or, if it
    // ended unpaid meanwhile, a refund is due ("late_payment"). An unknown order, a wrong amount and a
    // replayed notification change nothing.
    std::optional<Applied> ApplyPaid(const std::string& provider, const std::string& event_id, const std::string& order_no,
                                     const std::string& transaction_id, Money amount, bool hold, int64_t now, std::string* error);

    // The customs declaration's outcome: accepted → the order's messages go to customs; the payer
    // is not the buyer → the order is cancelled ("payer_mismatch") with its refund due; failed →
    // recorded for the operator (the order stays paid, its messages held).
    enum class Declared { Accepted, PayerMismatch, Failed };
    bool RecordDeclaration(const std::string& order_no, Declared outcome, const std::string& payer_check, const std::string& pay_transaction_id,
                           const std::string& note, int64_t now, std::string* error);

    // Paid payments of `provider` whose declaration is due.
    std::optional<std::vector<Payment>> DeclarationsDue(const std::string& provider, int limit, std::string* error);
    // Started payments of `provider` whose order ended unpaid (expired, cancelled): to close at the provider.
    std::optional<std::vector<Payment>> ToClose(const std::string& provider, int limit, std::string* error);
    bool MarkClosed(const std::string& order_no, int64_t now, std::string* error);
    // Started payments of `provider` still unpaid, started before `before`: to ask the provider about
    // (a notification may be lost).
    std::optional<std::vector<Payment>> StartedBefore(const std::string& provider, int64_t before, int limit, std::string* error);

    struct Refund {
        std::string order_no, reason, state; // state: due, done, failed
        Money amount;
        std::string refund_no, provider_refund_id, provider, transaction_id, note;
        Money paid;                           // the payment it comes from
        int64_t created_at = 0, updated_at = 0;
    };
    // Refunds owed on payments of `provider` (state due), oldest first.
    std::optional<std::vector<Refund>> RefundsDue(const std::string& provider, int limit, std::string* error);
    // Every refund of a merchant's orders ("" = all), newest first.
    std::optional<std::vector<Refund>> Refunds(const std::string& merchant, int limit, std::string* error);
    // What the provider said about a refund: `state` due (still processing), done or failed.
    bool MarkRefund(const std::string& order_no, const std::string& reason, const std::string& refund_no, const std::string& state,
                    const std::string& provider_refund_id, const std::string& note, int64_t now, std::string* error);
    // A refund notification (`event_id` once): the refund `refund_no` is done or failed. False
    // with no error for a replay or an unknown refund.
    std::optional<bool> ApplyRefundNotice(const std::string& provider, const std::string& event_id, const std::string& refund_no,
                                          const std::string& state, const std::string& provider_refund_id, int64_t now, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
