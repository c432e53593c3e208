// PublishedCatalog: the catalog as shoppers currently see it — parsed, given its search keys
// (pinyin of Chinese titles, name ranks per locale: the browser cannot compute them), indexed for
// GET /api/search, and rendered once as the JSON body of GET /api/catalog (with its gzip/brotli
// forms and ETag). Rebuilt from the store when
// the catalog version changes; readers get an immutable snapshot and never wait for a rebuild.
#pragma once

#include "server/http/cached_body.h"
#include "server/store/catalog_store.h"

#include "core/catalog/catalog.h"
#include "core/search/search.h"

#include <memory>
#include <mutex>
#include <string>

namespace bondstore {

struct CatalogSnapshot {
    Catalog catalog;                        // with search keys (pinyin, name ranks) computed
    std::shared_ptr<const CachedBody> body; // {"version":..,"products":[..]}
    SearchIndex search;                     // over catalog.products
};

class PublishedCatalog {
public:
    // Reads the catalog from the store and publishes it (at start). False (with `error`) leaves
    // the previous snapshot in place.
    bool Refresh(CatalogStore& store, std::string* error);

    // Publishes the current catalog with `changed` products replaced (by SKU) or added, at
    // `version` — what a merchant's upload just wrote to the store, without reading it all back.
    // False (nothing published) unless the current snapshot is version − 1: then Refresh.
    bool Apply(const std::vector<Product>& changed, int64_t version);

    std::shared_ptr<const CatalogSnapshot> Current() const;

private:
    void Publish(Catalog catalog);
    std::mutex publish_mutex_;   // one publication at a time (they build on the current one)
    mutable std::mutex mutex_;   // guards current_
    std::shared_ptr<const CatalogSnapshot> current_;
};

} // namespace bondstore
