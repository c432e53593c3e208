#include "server/catalog/published_catalog.h"

#include "core/catalog/catalog.h"
#include "core/i18n/i18n_bundle.h"
#include "core/search/search_keys.h"
#include "core/wire/catalog_json.h"

#include <unordered_map>

namespace bondstore {

bool PublishedCatalog::Refresh(CatalogStore& store, std::string* error)
{
    std::lock_guard publish(publish_mutex_);
    std::optional<Catalog> catalog = store.LoadCatalog(error);
    if (!catalog) return false;
    Publish(std::move(*catalog));
    return true;
}

bool PublishedCatalog::Apply(const std::vector<Product>& changed, int64_t version)
{
    std::lock_guard publish(publish_mutex_);
    std::shared_ptr<const CatalogSnapshot> previous = Current();
    // Another server's publication in between: this one's changes alone would miss it.
    if (!previous || previous->catalog.version != version - 1) return false;
    Catalog next = previous ? previous->catalog : Catalog{};
    next.version = version;
    std::unordered_map<std::string_view, size_t> position;
    position.reserve(next.products.size());
    for (size_t i = 0; i < next.products.size(); i++) position.emplace(next.products[i].sku, i);
    size_t existing = next.products.size();
    for (const Product& p : changed) {
        auto it = position.find(p.sku);
        if (it != position.end() && it->second < existing) next.products[it->second] = p;
        else next.products.push_back(p); // new SKUs come last, as the store orders them
    }
    Publish(std::move(next));
    return true;
}

void PublishedCatalog::Publish(Catalog catalog)
{
    std::vector<std::string> locales;
    for (const LocaleInfo& l : BundledLocales()) locales.push_back(l.tag);
    ComputeMachineTitles(catalog.products); // first: zh-Hant names are sorted as shown
    ComputeSearchKeys(catalog.products, locales);
    auto snapshot = std::make_shared<CatalogSnapshot>();
    snapshot->body = MakeCachedBody(CatalogToJson(catalog), "application/json; charset=utf-8", "no-cache", true);
    if (catalog.products.size() <= whole_max_)
        snapshot->complete_page = MakeCachedBody(CompleteCatalogPageToJson(catalog), "application/json; charset=utf-8", "no-cache", true);
    snapshot->catalog = std::move(catalog);
    snapshot->search.Build(snapshot->catalog.products);
    std::lock_guard lock(mutex_);
    current_ = std::move(snapshot);
}

std::shared_ptr<const CatalogSnapshot> PublishedCatalog::Current() const
{
    std::lock_guard lock(mutex_);
    return current_;
}

} // namespace bondstore
