// CatalogStore: the products and bonded warehouses shoppers see, and which merchant owns each SKU.
// Every write is one transaction; each publishes a new catalog version (servers sharing a database
// poll it). Products are kept in the wire format (core/wire/catalog_json.h) as they were uploaded.
#pragma once

#include "server/store/database.h"

#include "core/catalog/catalog.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class CatalogStore {
public:
    explicit CatalogStore(Database& db) : db_(db) {}

    // True if the store holds no products and no warehouses (a fresh data directory).
    bool IsEmpty(std::string* error);

    // Writes warehouses, products and stock in one transaction and sets the catalog version to
    // catalog.version (at least 1). Does nothing if another server seeded it meanwhile.
    bool SeedCatalog(const Catalog& catalog, std::string* error);

    // The current catalog (products, warehouses, stock) with its version.
    std::optional<Catalog> LoadCatalog(std::string* error);
    // The version LoadCatalog would return now (cheap): servers sharing a database poll it to pick
    // up catalogs another server published.
    std::optional<int64_t> CatalogVersion(std::string* error);

    // sku → owning merchant, for those of `skus` that exist.
    std::optional<std::map<std::string, std::string>> OwnersOf(const std::vector<std::string>& skus, std::string* error);

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
    std::optional<UpsertResult> UpsertProducts(const std::string& merchant, const std::vector<Product>& products, bool dry_run,
                                               bool all_or_nothing, std::string* error);

    std::optional<std::vector<Product>> MerchantProducts(const std::string& merchant, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
