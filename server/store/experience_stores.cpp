#include "server/store/experience_stores.h"

#include "server/store/migrations.h"

namespace bondstore {

const std::vector<Migration>& ExperienceStoreMigrations()
{
    static const std::vector<Migration> parts = {
        {15, R"sql(
        CREATE TABLE experience_stores (
            id         TEXT PRIMARY KEY,       -- the operator's ("jiefangbei")
            store      TEXT NOT NULL,          -- the store as its file has it (core/wire/experience_store_json.h)
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE TABLE display_samples (
            store      TEXT NOT NULL,
            sku        TEXT NOT NULL,
            count      BIGINT NOT NULL CHECK (count > 0),
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (store, sku)
        );
        )sql"},
    };
    return parts;
}

bool ExperienceStores::Put(const ExperienceStore& store, int64_t now, std::string* error)
{
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return db.Query("INSERT INTO experience_stores(id, store, created_at, updated_at) VALUES ($1, $2, $3, $3) "
                        "ON CONFLICT(id) DO UPDATE SET store = excluded.store, updated_at = excluded.updated_at",
                        {store.id, ExperienceStoreToJson(store), now}, e)
            .has_value();
    }, error);
}

std::optional<StoreDirectory> ExperienceStores::Directory(std::string* error)
{
    auto c = db_.readers().Acquire();
    auto stores = c->Query("SELECT store FROM experience_stores ORDER BY id", {}, error);
    if (!stores) return std::nullopt;
    auto samples = c->Query("SELECT store, sku, count FROM display_samples ORDER BY store, sku", {}, error);
    if (!samples) return std::nullopt;
    StoreDirectory d;
    for (const auto& row : stores->rows) {
        // (Written by Put from a checked store: read back whole.)
        ExperienceStoreParse p = ParseExperienceStoreJson(row[0].Text(), {});
        d.stores.push_back(std::move(p.store));
    }
    for (const auto& row : samples->rows) d.samples.push_back({row[0].Text(), row[1].Text(), row[2].Int()});
    return d;
}

bool ExperienceStores::Exists(const std::string& id, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT 1 FROM experience_stores WHERE id = $1", {id}, error);
    return r && !r->rows.empty();
}

bool ExperienceStores::SetSamples(const std::string& store, const std::string& sku, int64_t count, int64_t now, std::string* error)
{
    bool found = false;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto s = db.Query("SELECT 1 FROM experience_stores WHERE id = $1", {store}, e);
        if (!s) return false;
        found = !s->rows.empty();
        if (!found) return true;
        if (count <= 0) return db.Query("DELETE FROM display_samples WHERE store = $1 AND sku = $2", {store, sku}, e).has_value();
        return db.Query("INSERT INTO display_samples(store, sku, count, updated_at) VALUES ($1, $2, $3, $4) "
                        "ON CONFLICT(store, sku) DO UPDATE SET count = excluded.count, updated_at = excluded.updated_at",
                        {store, sku, count, now}, e)
            .has_value();
    }, error);
    if (ok && !found) *error = "no store '" + store + "'";
    return ok && found;
}

} // namespace bondstore
