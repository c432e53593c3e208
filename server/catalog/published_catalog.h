// PublishedCatalog: the catalog as shoppers currently see it — parsed, given its search keys
// (pinyin of Chinese titles, name ranks per locale: the browser cannot compute them), indexed for
// GET /api/search and GET /api/catalog/page, and rendered once as the JSON body of GET /api/catalog
// (with its gzip/brotli forms and ETag) and, for a catalog small enough to send whole, of the
// complete first page. Rebuilt from the store when
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
    // GET /api/catalog/page with nothing asked, when the catalog goes to browsers whole: the
    // complete page (CompleteCatalogPageToJson). Null for a larger catalog (paged).
    std::shared_ptr<const CachedBody> complete_page;
    SearchIndex search;                     // over catalog.products
};

class PublishedCatalog {
public:
    // Catalogs of at most `whole_max` products are sent whole (ServerOptions::whole_catalog_max).
    explicit PublishedCatalog(size_t whole_max = 1000) : whole_max_(whole_max) {}
    void SetWholeMax(size_t whole_max) { whole_max_ = whole_max; }

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
    size_t whole_max_;
    std::mutex publish_mutex_;   // one publication at a time (they build on the current one)
    mutable std::mutex mutex_;   // guards current_
    std::shared_ptr<const CatalogSnapshot> current_;
};

} // namespace bondstore
