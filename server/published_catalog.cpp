#include "published_catalog.h"

#include "core/i18n_bundle.h"
#include "core/search_keys.h"
#include "core/wire.h"

namespace bondstore {

bool PublishedCatalog::Refresh(Store& store, std::string* error)
{
    std::optional<Catalog> catalog = store.LoadCatalog(error);
    if (!catalog) return false;
    std::vector<std::string> locales;
    for (const LocaleInfo& l : BundledLocales()) locales.push_back(l.tag);
    ComputeSearchKeys(catalog->products, locales);
    auto snapshot = std::make_shared<CatalogSnapshot>();
    snapshot->body = MakeCachedBody(CatalogToJson(*catalog), "application/json; charset=utf-8", "no-cache", true);
    snapshot->catalog = std::move(*catalog);
    snapshot->search.Build(snapshot->catalog.products);
    std::lock_guard lock(mutex_);
    current_ = std::move(snapshot);
    return true;
}

std::shared_ptr<const CatalogSnapshot> PublishedCatalog::Current() const
{
    std::lock_guard lock(mutex_);
    return current_;
}

} // namespace bondstore
