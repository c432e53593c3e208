// Store: where the server keeps everything. One interface, two back ends written once in SQL
// (sql_store.h): SQLite in the data directory (the embedded default) and PostgreSQL (for several
// servers sharing one database).
//
// Every method is one transaction: it either happens completely or not at all. A method that
// fails returns false / an empty optional and fills `error` with a sentence for the operator log.
// Personal data reaches the store already sealed (personal_data.h): it never sees an ID number.
#pragma once

#include "core/bonded_stock.h"
#include "core/catalog.h"
#include "core/order.h"
#include "core/tax.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class Store {
public:
    virtual ~Store() = default;

    // "sqlite", "postgresql".
    virtual const char* kind() const = 0;

    // The data key (personal_data.h) this store's sealed data and buyer hashes are written under:
    // recorded on first use. False, with a sentence, if the store already holds another key's
    // fingerprint — started with the wrong key, a server could read no buyer's data and would
    // count every buyer's annual quota from zero.
    virtual bool BindDataKey(const std::string& fingerprint, std::string* error) = 0;

    // True if the store holds no products and no warehouses (a fresh data directory).
    virtual bool IsEmpty(std::string* error) = 0;

    // Writes warehouses, products and stock in one transaction and sets the catalog version to
    // catalog.version (at least 1).
    virtual bool SeedCatalog(const Catalog& catalog, std::string* error) = 0;

    // The current catalog (products, warehouses, stock) with its version.
    virtual std::optional<Catalog> LoadCatalog(std::string* error) = 0;
    // The version LoadCatalog would return now (cheap): servers sharing a database poll it to
    // pick up catalogs another server published.
    virtual std::optional<int64_t> CatalogVersion(std::string* error) = 0;

    // --- merchants and their API tokens (only SHA-256 hashes of tokens are stored) -------------

    // Creates the merchant if it does not exist, and records a token hash for it.
    virtual bool AddToken(const std::string& merchant, const std::string& token_hash, const std::string& label,
                          std::string* error) = 0;
    // The merchant a token hash belongs to; empty if unknown or revoked.
    virtual std::string MerchantForToken(const std::string& token_hash, std::string* error) = 0;
    struct TokenInfo {
        std::string merchant, label, hash_prefix, created_at;
        bool revoked = false;
    };
    virtual std::vector<TokenInfo> ListTokens(std::string* error) = 0;
    // Revokes the token whose hash starts with `hash_prefix` (at least 8 hex digits, unambiguous).
    virtual bool RevokeToken(const std::string& hash_prefix, std::string* error) = 0;

    // --- a merchant's catalog writes --------------------------------------------------------------

    // sku → owning merchant, for those of `skus` that exist.
    virtual std::map<std::string, std::string> OwnersOf(const std::vector<std::string>& skus, std::string* error) = 0;

    struct UpsertResult {
        int64_t created = 0, updated = 0, unchanged = 0;
        std::vector<std::string> owned_by_others; // another merchant's SKU: never touched
        int64_t catalog_version = 0;
        bool applied = false;                     // committed
    };
    // Inserts or updates `products` for `merchant` in one transaction, never touching another
    // merchant's SKU; bumps the catalog version if anything changed. With `dry_run`, counts what
    // would happen and changes nothing. With `all_or_nothing`, another merchant's SKU in the list
    // rolls everything back.
    virtual std::optional<UpsertResult> UpsertProducts(const std::string& merchant, const std::vector<Product>& products,
                                                       bool dry_run, bool all_or_nothing, std::string* error) = 0;

    struct StockResult {
        int64_t updated = 0, unchanged = 0;
        std::vector<std::pair<size_t, std::string>> problems; // (index into the levels, code)
    };
    // Sets on-hand counts for the merchant's SKUs in one transaction (all or nothing).
    virtual std::optional<StockResult> SetStock(const std::string& merchant, const std::vector<StockLevel>& levels,
                                                bool dry_run, std::string* error) = 0;

    virtual std::vector<Product> MerchantProducts(const std::string& merchant, std::string* error) = 0;

    // --- bonded inventory ---------------------------------------------------------------------

    // Available units per SKU and warehouse (on hand − reserved), every SKU with a stock row.
    virtual std::vector<SkuAvailability> Inventory(std::string* error) = 0;

    // A merchant's change to on-hand stock, idempotent on its client-chosen id: the same id again
    // answers what the first one did; the same id with other content is refused.
    struct StockAdjustment {
        std::string id;        // client-chosen, unique per adjustment
        std::string sku, warehouse;
        int64_t delta = 0;     // + received, − damaged/lost/counted
        std::string reason;    // "received", "damaged", "count", … (free text, ≤ 200 bytes)
        int64_t now = 0;
    };
    struct AdjustmentResult {
        std::string problem;   // "" when applied; "stock.unknown_sku", "stock.unknown_warehouse",
                               // "stock.below_reserved", "stock.adjustment_reused"
        bool replayed = false; // this id was applied before: nothing changed now
        int64_t on_hand = 0, reserved = 0;
    };
    virtual std::optional<AdjustmentResult> AdjustStock(const std::string& merchant, const StockAdjustment& adjustment,
                                                        std::string* error) = 0;

    // --- orders -------------------------------------------------------------------------------

    // Everything an order is stored with, prepared by the route (personal data sealed and masked).
    struct OrderPlacement {
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
    };
    // Prices the order inside the transaction, once the buyer's annual total is known (and, on
    // PostgreSQL, locked): returns the quote, or sets `refusal` (a code) to refuse the order.
    using OrderPricing = std::function<TaxQuote(Money annual_used, std::string* refusal)>;
    // The body to store for replays of this key, given the created receipt.
    using OrderResponse = std::function<std::string(const OrderReceipt&)>;

    struct PlaceResult {
        enum class Outcome { Created, Replayed, KeyReused, Refused, OutOfStock } outcome = Outcome::Refused;
        std::string body;                 // Created, Replayed: the answer
        std::string refusal;              // Refused: a code ("total_changed", a tax reason, …)
        TaxQuote quote;                   // Refused, Created: the server's quote
        std::vector<std::string> short_skus; // OutOfStock: lines no single warehouse can fill
    };
    // Takes an order in ONE transaction: claims the idempotency key, locks the buyer's annual
    // quota, prices with `pricing`, reserves every line in one bonded warehouse with a conditional
    // decrement (never below zero available), writes the order, its lines, its tax breakdown,
    // its first timeline entry, the quota it uses and an outbox message for the single-window
    // relay, and stores the response for replays.
    virtual std::optional<PlaceResult> PlaceOrder(const OrderPlacement& placement, const OrderPricing& pricing,
                                                  const OrderResponse& respond, std::string* error) = 0;

    struct StoredOrder {
        OrderReceipt receipt;          // lookup_secret empty
        std::string contact_sealed, buyer_id_hash;
        int64_t released_at = 0;
        Money counts_towards_annual;
    };
    virtual std::optional<StoredOrder> FindOrder(const std::string& order_no, std::string* error) = 0;

    struct TransitionResult {
        std::string problem;           // "" when done; "order.not_found", "order.transition_not_allowed",
                                       // "order.return_window_closed"
        OrderStatus status = OrderStatus::PendingPayment; // the status now
    };
    // Moves an order by `event` with its effects on stock and quota (core/order.h), in one
    // transaction, and records it in the timeline with `detail`.
    virtual std::optional<TransitionResult> Transition(const std::string& order_no, OrderEvent event,
                                                       const std::string& detail, int64_t now, std::string* error) = 0;

    // Expires every unpaid order whose payment deadline is before `now`; returns their numbers.
    // An order that cannot be expired is named in `error` and the others are expired anyway.
    virtual std::optional<std::vector<std::string>> ExpireUnpaid(int64_t now, std::string* error) = 0;

    // What an Idempotency-Key was used for, if it was: the keyed hash of the request body and the
    // response stored with it ("" while the order holding the key is being written).
    struct StoredResponse {
        std::string request_hash, response;
    };
    virtual std::optional<StoredResponse> FindIdempotentResponse(const std::string& key, std::string* error) = 0;

    // The answer to a kiosk's sealed order, kept for whoever follows it (GET /api/orders/queued)
    // under the keyed hash of its follow secret. The first answer under a hash stays (a replay
    // of a taken order answers the same; nothing can overwrite it); answers older than
    // kQueuedAnswerDays are dropped as new ones are kept.
    struct QueuedAnswer {
        int status = 0;
        std::string response;
    };
    static constexpr int64_t kQueuedAnswerDays = 30;
    virtual bool KeepQueuedAnswer(const std::string& follow_hash, const std::string& key, const QueuedAnswer& answer,
                                  int64_t now, std::string* error) = 0;
    virtual std::optional<QueuedAnswer> FindQueuedAnswer(const std::string& follow_hash, std::string* error) = 0;

    // The buyer's annual total used so far (fen), by the keyed hash of their ID number.
    virtual std::optional<int64_t> AnnualUsed(const std::string& id_hash, int year, std::string* error) = 0;

    // What the single-window messages of an order are made from (order_relay.h): the order as it
    // was taken, its personal data still sealed, and its relay message's guid.
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
        std::string payment_id;   // the provider's, from the payment event
        std::string sent_message; // the signed message as sent ("" until sent)
    };
    // Not found: order_no empty. `kind`: the outbox message whose guid and state to report
    // ("order" or "inventory").
    virtual std::optional<OrderDeclaration> FindDeclaration(const std::string& order_no, const std::string& kind,
                                                            std::string* error) = 0;

    // A customs receipt (CEB312 or CEB622), stored and applied in one transaction: the moves of
    // core's EventsForCustomsReceipt, each with its effects (a rejection releases the stock and
    // the quota). The same receipt again is stored once and moves nothing.
    struct CustomsReceipt {
        std::string order_no, message; // message: "order" (CEB312), "inventory" (CEB622)
        int64_t code = 0;              // returnStatus
        std::string return_time, info;
    };
    struct ReceiptResult {
        bool known_order = false, duplicate = false;
        OrderStatus status = OrderStatus::PendingPayment; // the order's status afterwards
    };
    virtual std::optional<ReceiptResult> ApplyCustomsReceipt(const CustomsReceipt& receipt, int64_t now, std::string* error) = 0;

    // --- the single-window relay's outbox (order_relay.h) --------------------------------------
    struct OutboxMessage {
        int64_t id = 0;
        std::string order_no, kind, guid;
        int64_t ready_at = 0, attempts = 0;
        int64_t lease_until = 0;     // unix ms: the lease, and the token Mark* must show
        int64_t first_failed_at = 0; // unix seconds of the first failed delivery (0: none yet)
    };
    // Takes up to `limit` messages that are ready (their order is paid) and due (next attempt at
    // or before `now_ms`, unix milliseconds), oldest first, and leases them for `lease_ms`:
    // another relay worker (a second server) does not take them meanwhile; a worker that dies
    // gives them up then.
    virtual std::optional<std::vector<OutboxMessage>> ClaimOutbox(int64_t now_ms, int64_t lease_ms, int64_t limit,
                                                                  std::string* error) = 0;
    // Delivered: the message as sent is kept (the audit CLI prints it) and never sent again; an
    // order message moves its order to "declared" in the same transaction. Both Mark* calls do
    // nothing if the lease was lost (another worker took the message over).
    virtual bool MarkOutboxSent(const OutboxMessage& message, const std::string& xml, int64_t now, std::string* error) = 0;
    // Not delivered: tried again at `next_attempt_ms` (unix milliseconds); or parked — kept and reported, never
    // dropped, until an operator acts.
    virtual bool MarkOutboxFailed(const OutboxMessage& message, const std::string& why, int64_t now, int64_t next_attempt_ms, bool park,
                                  std::string* error) = 0;
    // A merchant's sales since `since` (unix seconds), by China calendar day: orders placed; the
    // goods and the tax of those paid (not cancelled, expired, returned or still unpaid); those
    // customs rejected. And the products that sold most (by units in paid orders).
    struct SalesDay {
        int64_t day = 0; // days since 1970-01-01 in China time (UTC+8)
        int64_t orders = 0, goods_fen = 0, tax_fen = 0, rejected = 0;
    };
    struct TopProduct {
        std::string sku;
        int64_t qty = 0, goods_fen = 0;
    };
    struct SalesStats {
        std::vector<SalesDay> days; // days with orders, oldest first
        std::vector<TopProduct> top; // at most 10
    };
    virtual std::optional<SalesStats> MerchantSales(const std::string& merchant, int64_t since, std::string* error) = 0;

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
    virtual std::optional<RelayStats> GetRelayStats(std::string* error) = 0;
};

// Opens (creating if needed) the SQLite store in `data_dir` (the directory is created too) and
// brings its schema up to date.
std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, std::string* error);

// Connects `connections` sessions to PostgreSQL (`conninfo`: a libpq connection string) and
// brings the schema up to date (several servers may start at once: migrations take a lock).
std::unique_ptr<Store> OpenPostgresStore(const std::string& conninfo, int connections, std::string* error);

} // namespace bondstore
