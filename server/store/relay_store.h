// RelayStore: the single-window relay's side of the store — what an order's customs messages are
// made from, the outbox the relay works through (leases, sent, failed, parked), and customs'
// receipts applied to orders. An order's outbox messages are written with the order
// (order_store.h), held until it is paid, withdrawn if it never is.
#pragma once

#include "server/store/database.h"

#include "core/orders/order.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

class RelayStore {
public:
    explicit RelayStore(Database& db) : db_(db) {}

    // What the single-window messages of an order are made from (customs/order_relay.h): the
    // order as it was taken, its personal data still sealed, and its relay message's guid.
    struct OrderDeclaration {
        std::string order_no, merchant, contact_sealed, buyer_id_hash;
        OrderStatus status = OrderStatus::PendingPayment;
        struct Line {
            std::string sku, product_json; // the product as sold
            int64_t qty = 0;
            Money price, goods;
        };
        std::vector<Line> lines;
        Money goods, freight, insurance, tax_total, amount_to_pay;
        std::string guid;         // of the order's outbox message
        int64_t declared_at = 0;  // when it became ready to send (paid); 0 while unpaid
        std::string payment_provider, payment_id; // from the payment event ("wechat", its transaction id),
                                                  // or the id the provider's customs declaration named
        std::string sent_message; // the signed message as sent, sealed ("" until sent)
        std::string waybill_no;   // the carrier's waybill ("" when the order ships without a carrier)
        std::string pre_no, invt_no; // the list's numbers from customs' receipts ("" until numbered)
    };
    // Not found: order_no empty. `kind`: the outbox message whose guid and state to report
    // ("order" or "inventory").
    std::optional<OrderDeclaration> FindDeclaration(const std::string& order_no, const std::string& kind, std::string* error);

    // A customs receipt (CEB312 or CEB622), stored and applied in one transaction: the moves of
    // core's EventsForCustomsReceipt, each with its effects (a rejection releases the stock and
    // the quota). The same receipt again is stored once and moves nothing.
    struct CustomsReceipt {
        std::string order_no, message; // message: "order" (CEB312), "inventory" (CEB622), "withdrawal" (CEB624), "return" (CEB626)
        int64_t code = 0;              // returnStatus
        std::string return_time, info;
        std::string pre_no, invt_no;   // the list's numbers, when customs gives them (kept: a withdrawal names them)
    };
    struct ReceiptResult {
        bool known_order = false, duplicate = false;
        OrderStatus status = OrderStatus::PendingPayment; // the order's status afterwards
    };
    std::optional<ReceiptResult> ApplyCustomsReceipt(const CustomsReceipt& receipt, int64_t now, std::string* error);

    // Orders customs rejected, newest first (at most `limit`), each with the receipt that rejected
    // it (its message, returnStatus and returnInfo; empty if the order was recorded rejected
    // without one, as a merchant does with the relay off).
    struct Rejection {
        std::string order_no, merchant, store;
        int64_t rejected_at = 0;
        std::string message, code, info;
    };
    std::optional<std::vector<Rejection>> Rejections(int limit, std::string* error);

    struct OutboxMessage {
        int64_t id = 0;
        std::string order_no, kind, guid;
        int64_t ready_at = 0, attempts = 0;
        int64_t lease_until = 0;     // unix ms: the lease, and the token Mark* must show
        int64_t first_failed_at = 0; // unix seconds of the first failed delivery (0: none yet)
    };
    // Takes up to `limit` messages that are ready (their order is paid; an inventory list's parcel
    // has its waybill, when it ships through a carrier) and due (next attempt at or before
    // `now_ms`, unix milliseconds), oldest first, and leases them for `lease_ms`:
    // another relay worker (a second server) does not take them meanwhile; a worker that dies
    // gives them up then.
    std::optional<std::vector<OutboxMessage>> ClaimOutbox(int64_t now_ms, int64_t lease_ms, int64_t limit, std::string* error);
    // Delivered: the message as sent is kept for the audit CLI — sealed (security/personal_data.h):
    // it carries the buyer's name, ID number, phone and address — and never sent again; an order
    // message moves its order to "declared" in the same transaction. Both Mark* calls do nothing if
    // the lease was lost (another worker took the message over).
    bool MarkOutboxSent(const OutboxMessage& message, const std::string& sealed_xml, int64_t now, std::string* error);

    // Seals the sent messages an earlier version kept in the clear (at start; each in its own
    // transaction). Returns how many it sealed.
    std::optional<int64_t> SealClearMessages(const std::function<std::string(std::string_view)>& seal, std::string* error);
    // Not delivered: tried again at `next_attempt_ms` (unix milliseconds); or parked — kept and
    // reported, never dropped, until an operator acts.
    bool MarkOutboxFailed(const OutboxMessage& message, const std::string& why, int64_t now, int64_t next_attempt_ms, bool park,
                          std::string* error);

    struct RelayStats {
        int64_t pending = 0;         // ready, not yet delivered, not parked
        int64_t failing = 0;         // of those, tried at least once
        int64_t oldest_ready_at = 0; // of those (0: none)
        int64_t sent = 0;
        struct Parked {
            std::string order_no, kind, error;
            int64_t ready_at = 0, attempts = 0;
        };
        std::vector<Parked> parked; // the oldest 100
        int64_t parked_total = 0;
    };
    std::optional<RelayStats> GetRelayStats(std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
