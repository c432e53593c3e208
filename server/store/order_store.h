// OrderStore: orders and everything that must change with them in one transaction — the bonded
// stock they reserve, the buyer's annual quota they use, their idempotency keys, their timeline,
// the refunds they owe and the single-window messages they release.
//
// Concurrency, the same on both back ends: every write runs in one transaction (SQLite: the whole
// database is locked for it; PostgreSQL: rows are locked as they are touched, always in the same
// order — idempotency key or order row, buyer quota, stock rows by SKU (byte order) — so two
// transactions cannot deadlock on each other). Stock is only ever taken with a conditional update
// ("… WHERE on_hand − reserved ≥ qty"), so no interleaving can sell what is not there.
//
// Personal data reaches the store already sealed (security/personal_data.h): it never sees an ID
// number.
#pragma once

#include "server/store/database.h"

#include "core/orders/order.h"
#include "core/tax/tax.h"
#include "core/tax/tax_table.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

// How much one buyer or one client may hold at once, so that no script can make the store look
// sold out or use up a real person's annual quota with orders it never pays (0: no limit).
struct OrderLimits {
    int64_t unpaid_per_buyer = 2;        // unpaid orders at once, per ID number (its keyed hash)
    int64_t unpaid_per_client = 5;       // unpaid orders at once, per client address (its keyed hash)
    int64_t orders_per_buyer_hour = 10;  // orders placed in the last hour, per ID number
};

class OrderStore {
public:
    explicit OrderStore(Database& db) : db_(db) {}

    // Everything an order is stored with, prepared by checkout (personal data sealed and masked).
    struct Placement {
        std::string idempotency_key, request_hash; // the hash tells a replay from a reused key
        std::string order_no;
        std::vector<OrderLineRequest> lines;
        std::string buyer_id_hash;     // keyed hash of the ID number: the annual quota's key
        std::string contact_sealed;    // buyer and consignee, encrypted
        OrderReceipt receipt;          // masked personal data, for answers
        int64_t now = 0, pay_before = 0;
        int quota_year = 0;
        std::string merchant;          // whose goods (one merchant per order: one ebcCode)
        // Each line's product as sold (catalog JSON, by SKU): what customs is told about it, even
        // after the catalog changes.
        std::map<std::string, std::string> products;
        // The single-window messages the order needs, each with its guid (upper-case UUID) fixed
        // now: "order" (CEB311) always, "inventory" (CEB621) when Bondstore declares the list.
        struct Message {
            std::string kind, guid;
        };
        std::vector<Message> messages;
        // The carrier that ships it ("" for none): its shipment is written with the order and gets
        // its waybill once the order is paid (shipment_store.h).
        std::string carrier;
        // How it is priced, inside the transaction once the buyer's annual total is known and
        // locked (core/orders/order_price.h): the lines and date as quoted, and what the shopper
        // was shown.
        QuoteRequest quote_request;
        Money shown_total, shown_freight;
        const TaxTable* tax_table = nullptr;
        // Who placed it (the keyed hash of the client's address; "" for none), the kiosk and its
        // experience store it came from ("" for none), and the limits.
        std::string client_hash, kiosk, store;
        OrderLimits limits;
    };

    struct PlaceResult {
        enum class Outcome { Created, Replayed, KeyReused, Refused, OutOfStock, Limited } outcome = Outcome::Refused;
        OrderReceipt receipt;             // Created: the order as taken (no lookup secret)
        std::string replayed;             // Replayed: the first answer, as kept (no lookup secret)
        std::string refusal;              // Refused: a code ("total_changed", a tax reason, …)
        TaxQuote quote;                   // Refused, Created: the server's quote
        std::vector<std::string> short_skus; // OutOfStock: lines no single warehouse can fill
        std::string limit;                // Limited: "unpaid_per_buyer", "unpaid_per_client", "orders_per_buyer_hour"
        int64_t retry_after = 0;          // Limited: seconds until the limit allows another order
    };
    // Takes an order in ONE transaction: claims the idempotency key, locks the client's and the
    // buyer's rows, expires the overdue unpaid orders that hold this buyer's quota or these SKUs'
    // stock (their reservations are free at once), checks the limits, prices the order with core,
    // reserves every line in one bonded warehouse (core's rule, core/orders/fulfilment.h) with a
    // conditional decrement (never below zero available), writes the order, its lines, its tax
    // breakdown, its first timeline entry, the quota it uses and the outbox messages for the
    // single-window relay, and keeps the answer for replays of the key.
    std::optional<PlaceResult> PlaceOrder(const Placement& placement, std::string* error);

    struct StoredOrder {
        OrderReceipt receipt;          // lookup_secret empty
        std::string contact_sealed, buyer_id_hash;
        int64_t released_at = 0;
        Money counts_towards_annual;
    };
    // Not found: receipt.order_no empty.
    std::optional<StoredOrder> FindOrder(const std::string& order_no, std::string* error);

    struct TransitionResult {
        std::string problem;           // "" when done; "order.not_found", "order.transition_not_allowed",
                                       // "order.return_window_closed"
        OrderStatus status = OrderStatus::PendingPayment; // the status now
    };
    // Moves an order by `event` with its effects on stock and quota (core/orders/order.h), in one
    // transaction, and records it in the timeline with `detail`.
    std::optional<TransitionResult> Transition(const std::string& order_no, OrderEvent event, const std::string& detail, int64_t now,
                                               std::string* error);

    // Expires every unpaid order whose payment deadline is before `now`; returns their numbers.
    // An order that cannot be expired is named in `error` and the others are expired anyway.
    std::optional<std::vector<std::string>> ExpireUnpaid(int64_t now, std::string* error);

    // What an Idempotency-Key was used for, if it was: the keyed hash of the request body and the
    // answer kept with it ("" while the order holding the key is being written).
    struct StoredResponse {
        std::string request_hash, response;
    };
    std::optional<StoredResponse> FindIdempotentResponse(const std::string& key, std::string* error);

    // The answer to a kiosk's sealed order, kept for whoever follows it (GET /api/orders/queued)
    // under the keyed hash of its follow secret. The first answer under a hash stays (a replay of a
    // taken order answers the same; nothing can overwrite it); answers older than
    // kQueuedAnswerDays are dropped as new ones are kept.
    struct QueuedAnswer {
        int status = 0;
        std::string response;
    };
    static constexpr int64_t kQueuedAnswerDays = 30;
    bool KeepQueuedAnswer(const std::string& follow_hash, const std::string& key, const QueuedAnswer& answer, int64_t now,
                          std::string* error);
    std::optional<QueuedAnswer> FindQueuedAnswer(const std::string& follow_hash, std::string* error);

    // An Idempotency-Key answers replays for this long; then it is forgotten (PurgeExpired).
    static constexpr int64_t kIdempotencyDays = 7;
    // Forgets idempotency keys older than kIdempotencyDays, kiosk answers older than
    // kQueuedAnswerDays and the lock rows of clients with no unpaid order (the expirer calls it
    // hourly). Returns how many rows went.
    std::optional<int64_t> PurgeExpired(int64_t now, std::string* error);

    // Rewrites the answers kept for replays and for kiosk followers that an earlier version kept
    // with the order's lookup secret in them (at start). `strip` returns the answer without it.
    std::optional<int64_t> StripKeptSecrets(const std::function<std::string(const std::string&)>& strip, std::string* error);

    // The buyer's annual total used so far (fen), by the keyed hash of their ID number.
    std::optional<int64_t> AnnualUsed(const std::string& id_hash, int year, std::string* error);

private:
    Database& db_;
};

// One move of one order inside the caller's transaction: the order row locked and read, the move
// checked by core, its effects on stock, quota, refunds and the relay outbox written, the
// timeline extended. False with `result.problem` set when the move is not allowed (nothing written
// by it), or with `e` set when a statement failed. Used by OrderStore::Transition and by the relay
// store (customs' receipts, an order message sent).
bool MoveOrder(SqlConnection& db, const std::string& order_no, OrderEvent event, const std::string& detail, int64_t now,
               OrderStore::TransitionResult& result, std::string* e);

} // namespace bondstore
