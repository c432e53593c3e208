// Store: where the server keeps everything. One interface; back ends: SQLite (embedded default).
//
// Every method is one transaction: it either happens completely or not at all. A method that
// fails returns false / an empty optional and fills `error` with a sentence for the operator log.
#pragma once

#include "core/catalog.h"

#include <cstdint>
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

    // True if the store holds no products and no warehouses (a fresh data directory).
    virtual bool IsEmpty(std::string* error) = 0;

    // Writes warehouses, products and stock in one transaction and sets the catalog version to
    // catalog.version (at least 1).
    virtual bool SeedCatalog(const Catalog& catalog, std::string* error) = 0;

    // The current catalog (products, warehouses, stock) with its version.
    virtual std::optional<Catalog> LoadCatalog(std::string* error) = 0;

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
};

// Opens (creating if needed) the SQLite store in `data_dir` (the directory is created too) and
// brings its schema up to date.
std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, std::string* error);

} // namespace bondstore
