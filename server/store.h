// Store: where the server keeps everything. One interface; back ends: SQLite (embedded default).
//
// Every method is one transaction: it either happens completely or not at all. A method that
// fails returns false / an empty optional and fills `error` with a sentence for the operator log.
#pragma once

#include "core/catalog.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

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
};

// Opens (creating if needed) the SQLite store in `data_dir` (the directory is created too) and
// brings its schema up to date.
std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, std::string* error);

} // namespace bondstore
