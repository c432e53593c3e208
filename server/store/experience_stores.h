// ExperienceStores: the experience stores of the pilot zone (core/storefront/experience_store.h)
// and the display samples on their shelves. Samples are counted apart from bonded stock
// (inventory_store.h): no order ever reserves or takes one.
#pragma once

#include "core/storefront/experience_store.h"
#include "core/wire/experience_store_json.h"
#include "server/store/database.h"

#include <optional>
#include <string>

namespace bondstore {

class ExperienceStores {
public:
    explicit ExperienceStores(Database& db) : db_(db) {}

    // Adds a store, or replaces what is known of one with its id (a checked store).
    bool Put(const ExperienceStore& store, int64_t now, std::string* error);
    // Every store and its samples, by store id; nullopt on a database error.
    std::optional<StoreDirectory> Directory(std::string* error);
    // True if a store with this id exists (false with *error set on a database error).
    bool Exists(const std::string& id, std::string* error);
    // Sets how many of `sku` stand in `store` (0 takes them all away). False with *error
    // "no store ..." when the store does not exist.
    bool SetSamples(const std::string& store, const std::string& sku, int64_t count, int64_t now, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
