// SqlStore: the Store written once in SQL both back ends accept (sql.h), over a pool of
// connections. Internal to server/: the rest of the server sees Store (store.h).
//
// Its methods are split by domain: sql_store.cpp (schema, catalog, merchants), order_store.cpp
// (inventory, orders, idempotency), relay_store.cpp (the single-window outbox, customs' receipts).
#pragma once

#include "sql.h"
#include "store.h"

#include <chrono>
#include <mutex>

namespace bondstore {

class SqlStore final : public Store {
public:
    // `readers`: connections for reads that need not wait for writers (SQLite in WAL mode: any
    // number of readers beside its one writer); nullptr reads through `pool`.
    explicit SqlStore(std::unique_ptr<SqlPool> pool, std::unique_ptr<SqlPool> readers = nullptr)
        : pool_(std::move(pool)), readers_(std::move(readers)) {}
    void SetReaders(std::unique_ptr<SqlPool> readers) { readers_ = std::move(readers); }

    const char* kind() const override { return pool_->dialect(); }
    bool Migrate(std::string* error);

    bool BindDataKey(const std::string& fingerprint, std::string* error) override;
    bool IsEmpty(std::string* error) override;
    bool SeedCatalog(const Catalog& catalog, std::string* error) override;
    std::optional<Catalog> LoadCatalog(std::string* error) override;
    std::optional<int64_t> CatalogVersion(std::string* error) override;
    bool AddToken(const std::string& merchant, const std::string& token_hash, const std::string& label,
                  std::string* error) override;
    std::string MerchantForToken(const std::string& token_hash, std::string* error) override;
    std::vector<TokenInfo> ListTokens(std::string* error) override;
    bool RevokeToken(const std::string& hash_prefix, std::string* error) override;
    std::map<std::string, std::string> OwnersOf(const std::vector<std::string>& skus, std::string* error) override;
    std::optional<UpsertResult> UpsertProducts(const std::string& merchant, const std::vector<Product>& products,
                                               bool dry_run, bool all_or_nothing, std::string* error) override;
    std::optional<StockResult> SetStock(const std::string& merchant, const std::vector<StockLevel>& levels,
                                        bool dry_run, std::string* error) override;
    std::vector<Product> MerchantProducts(const std::string& merchant, std::string* error) override;

    // order_store.cpp
    std::vector<SkuAvailability> Inventory(std::string* error) override;
    std::optional<AdjustmentResult> AdjustStock(const std::string& merchant, const StockAdjustment& adjustment,
                                                std::string* error) override;
    std::optional<PlaceResult> PlaceOrder(const OrderPlacement& placement, const OrderPricing& pricing,
                                          const OrderResponse& respond, std::string* error) override;
    std::optional<StoredOrder> FindOrder(const std::string& order_no, std::string* error) override;
    std::optional<TransitionResult> Transition(const std::string& order_no, OrderEvent event, const std::string& detail,
                                               int64_t now, std::string* error) override;
    std::optional<std::vector<std::string>> ExpireUnpaid(int64_t now, std::string* error) override;
    std::optional<OrderDeclaration> FindDeclaration(const std::string& order_no, const std::string& kind, std::string* error) override;
    std::optional<StoredResponse> FindIdempotentResponse(const std::string& key, std::string* error) override;
    bool KeepQueuedAnswer(const std::string& follow_hash, const std::string& key, const QueuedAnswer& answer, int64_t now,
                          std::string* error) override;
    std::optional<QueuedAnswer> FindQueuedAnswer(const std::string& follow_hash, std::string* error) override;
    std::optional<int64_t> AnnualUsed(const std::string& id_hash, int year, std::string* error) override;
    std::optional<ReceiptResult> ApplyCustomsReceipt(const CustomsReceipt& receipt, int64_t now, std::string* error) override;
    std::optional<std::vector<OutboxMessage>> ClaimOutbox(int64_t now, int64_t lease, int64_t limit, std::string* error) override;
    bool MarkOutboxSent(const OutboxMessage& message, const std::string& xml, int64_t now, std::string* error) override;
    bool MarkOutboxFailed(const OutboxMessage& message, const std::string& why, int64_t now, int64_t next_attempt_ms, bool park,
                          std::string* error) override;
    std::optional<RelayStats> GetRelayStats(std::string* error) override;
    std::optional<SalesStats> MerchantSales(const std::string& merchant, int64_t since, std::string* error) override;

    // Runs `body` inside one write transaction on one connection: commits if it returns true,
    // rolls back if it returns false or a statement fails. PostgreSQL serialization failures and
    // deadlocks run it again (a few times), so callers see them only when they persist.
    bool InWriteTransaction(const std::function<bool(SqlConnection&, std::string*)>& body, std::string* error);

private:
    SqlPool& readers() { return readers_ ? *readers_ : *pool_; }
    std::unique_ptr<SqlPool> pool_;
    std::unique_ptr<SqlPool> readers_;

    // Shoppers ask for the inventory on every page; it changes only when something is written.
    // Kept until this server writes anything, and at most kInventoryFreshness for writes by other
    // processes (a second server on PostgreSQL, bondstore-admin). Orders never trust it: they
    // decrement stock conditionally in their own transaction.
    std::mutex inventory_mutex_;
    std::shared_ptr<const std::vector<SkuAvailability>> inventory_;
    uint64_t inventory_generation_ = 0;
    std::chrono::steady_clock::time_point inventory_at_;
};

// One move of one order inside the caller's transaction (order_store.cpp): used by Transition,
// by customs' receipts and by the relay marking an order message sent (relay_store.cpp).
bool MoveOrder(SqlConnection& db, const std::string& order_no, OrderEvent event, const std::string& detail, int64_t now,
               Store::TransitionResult& result, std::string* e);

} // namespace bondstore
