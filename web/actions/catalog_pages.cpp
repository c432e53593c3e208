#include "web/actions/catalog_pages.h"

#include "web/platform/fetch.h"
#include "web/platform/offline_store.h"
#include "web/state/app.h"

#include "core/i18n/bidi_text.h"
#include "core/i18n/formatting.h"
#include "core/i18n/i18n_bundle.h"
#include "core/wire/order_json.h"

#include <algorithm>

namespace bondstore::web {

static const char* kPageUrl = "/api/catalog/page";
static const char* kWholeCatalogUrl = "/api/catalog";
constexpr size_t kMaxRowsAsked = 500; // the server's limit per page

static void AddGlyphsOf(App& app, const Product& p, std::vector<std::string>& origins)
{
    for (const LocalizedText* t : {&p.title, &p.machine_title, &p.description})
        for (const auto& [locale, text] : t->entries) app.font_dirty |= AddGlyphText(app.font, text);
    app.font_dirty |= AddGlyphText(app.font, p.brand);
    if (!p.origin_iso.empty() && app.paging.origins.insert(p.origin_iso).second) origins.push_back(p.origin_iso);
}

void AddProductGlyphs(App& app, size_t first, size_t end)
{
    std::vector<std::string> origins;
    for (size_t i = first; i < std::min(end, app.catalog.products.size()); i++) AddGlyphsOf(app, app.catalog.products[i], origins);
    for (const LocaleInfo& l : BundledLocales())
        for (const std::string& iso : origins) {
            std::string name = CountryName(iso, l.tag);
            app.font_dirty |= AddGlyphText(app.font, l.rtl ? VisualText(name, true) : name);
        }
}

// Adds products to what is loaded (replacing older copies, but never a full one by a listing);
// returns where each now is in catalog.products.
static std::vector<uint32_t> MergeProducts(App& app, std::vector<Product> products)
{
    CatalogPaging& paging = app.paging;
    std::vector<uint32_t> rows;
    rows.reserve(products.size());
    const size_t first_new = app.catalog.products.size();
    for (Product& p : products) {
        std::string sku = p.sku;
        auto it = paging.loaded.find(sku);
        if (it != paging.loaded.end()) {
            if (!paging.full.count(sku)) app.catalog.products[it->second] = std::move(p);
            rows.push_back(it->second);
            continue;
        }
        uint32_t at = uint32_t(app.catalog.products.size());
        app.catalog.products.push_back(std::move(p));
        paging.loaded.emplace(std::move(sku), at);
        rows.push_back(at);
    }
    paging.index_stale = true;
    app.quote_dirty = true;
    if (app.catalog_text_ready) AddProductGlyphs(app, first_new);
    return rows;
}

static void MergeAvailability(App& app, std::vector<SkuAvailability> items)
{
    for (SkuAvailability& a : items) {
        auto it = app.paging.stocked.find(a.sku);
        if (it != app.paging.stocked.end()) { app.inventory[it->second] = std::move(a); continue; }
        app.paging.stocked.emplace(a.sku, app.inventory.size());
        app.inventory.push_back(std::move(a));
    }
    app.inventory_loaded = true;
}

void AskForAvailability(App& app, const std::vector<std::string>& skus)
{
    if (skus.empty()) return;
    std::string list;
    for (const std::string& sku : skus) list += (list.empty() ? "" : ",") + sku;
    FetchGet(UrlWithQuery("/api/inventory", {{"skus", list}}), [&app](FetchResult r) {
        if (r.status != 200 || !app.paging.on) return;
        InventoryParse parsed = ParseInventoryJson(r.body);
        if (parsed.ok()) MergeAvailability(app, std::move(parsed.items));
    });
}

// The rows of a page as the browse screen's result: a query's first page replaces it, a later
// page extends it.
static void TakeRows(App& app, const std::string& key, CatalogPage& page, const std::vector<uint32_t>& rows)
{
    BrowseState& b = app.browse;
    if (page.offset == 0 || b.result_for != key) {
        if (page.offset != 0) return; // rows of an earlier answer: wait for the first page
        b.result = SearchResult{};
        b.result_for = key;
    } else if (b.result.hits.size() != size_t(page.offset)) {
        return; // not the rows that follow
    }
    b.result.hits.insert(b.result.hits.end(), rows.begin(), rows.end());
    b.result.total = size_t(page.total);
    b.result.categories = std::move(page.categories);
    b.result.origins = std::move(page.origins);
    std::copy(std::begin(page.price_bands), std::end(page.price_bands), b.result.price_bands);
}

void TakeCatalogStart(App& app, CatalogPage page, bool kept)
{
    if (page.complete) {
        app.catalog = Catalog{};
        app.catalog.version = page.version;
        app.catalog.warehouses = std::move(page.warehouses);
        app.catalog.products = std::move(page.products);
        CatalogPaging was = std::move(app.paging);
        app.paging = CatalogPaging{};
        app.catalog_loaded = true;
        app.catalog_text_ready = false;
        app.quote_dirty = true;
        if (was.on) app.inventory.clear(); // a page's availability: the whole store's replaces it (LoadInventory)
        return;
    }
    // A large catalog: what the cart holds stays loaded (a cart kept over a new first page).
    std::vector<Product> cart_products;
    for (const CartLine& l : app.cart.lines)
        if (const Product* p = app.catalog.FindBySku(l.sku)) cart_products.push_back(*p);
    CatalogPaging fresh;
    fresh.on = true;
    fresh.product_count = page.product_count;
    fresh.whole_asked = app.paging.whole_asked;
    fresh.whole_kept = app.paging.whole_kept;
    app.paging = std::move(fresh);
    app.catalog = Catalog{};
    app.catalog.version = page.version;
    app.catalog.warehouses = std::move(page.warehouses);
    app.inventory.clear();
    MergeProducts(app, std::move(cart_products));
    std::vector<uint32_t> rows = MergeProducts(app, std::move(page.products));
    MergeAvailability(app, std::move(page.availability));
    std::string key = PagedQueryKey(SearchQuery{});
    BrowseState& b = app.browse;
    b.signature = key;
    TakeRows(app, key, page, rows);
    b.limit = std::max<size_t>(rows.size(), 1); // more as the list scrolls
    b.dirty = true;
    app.catalog_loaded = true;
    app.catalog_text_ready = false;
    app.quote_dirty = true;
    if (kept) SearchOffline(app);
}

std::string PagedQueryKey(const SearchQuery& q)
{
    std::string key = q.text + '\x1f' + q.category + '\x1f' + q.origin_iso + '\x1f' + std::to_string(q.price_band) + '\x1f' +
                      std::to_string(int(q.order));
    if (q.order == SearchOrder::Name) key += '\x1f' + q.locale;
    return key;
}

static const char* SortParam(SearchOrder order)
{
    switch (order) {
    case SearchOrder::PriceAscending: return "price_asc";
    case SearchOrder::PriceDescending: return "price_desc";
    case SearchOrder::Name: return "name";
    case SearchOrder::Relevance: break;
    }
    return "relevance";
}

void AskForBrowseRows(App& app, const SearchQuery& q)
{
    BrowseState& b = app.browse;
    const std::string key = PagedQueryKey(q);
    const bool answered = b.result_for == key;
    const size_t have = answered ? b.result.hits.size() : 0;
    const size_t want = answered ? std::min(b.limit, b.result.total) : std::max<size_t>(b.limit, 1);
    if (have >= want) return;
    const std::string ask = key + '\x1e' + std::to_string(have);
    if (app.paging.asked == ask) return;
    app.paging.asked = ask;
    FetchHeaders params = {{"q", q.text}, {"sort", SortParam(q.order)}, {"locale", q.locale},
                           {"offset", std::to_string(have)}, {"limit", std::to_string(std::min(want - have, kMaxRowsAsked))}};
    if (!q.category.empty()) params.push_back({"category", q.category});
    if (!q.origin_iso.empty()) params.push_back({"origin", q.origin_iso});
    if (q.price_band >= 0) params.push_back({"price_band", std::to_string(q.price_band)});
    FetchGet(UrlWithQuery(kPageUrl, params), [&app, key, ask](FetchResult r) {
        if (app.paging.asked == ask) app.paging.asked.clear();
        if (!app.paging.on) return;
        if (r.status == 0) return SearchOffline(app);
        if (r.status != 200) return; // refused (too many searches at once): asked again on the next change
        CatalogPageParse parsed = ParseCatalogPageJson(r.body);
        if (!parsed.ok() || parsed.page.complete) return;
        app.paging.offline = false;
        std::vector<uint32_t> rows = MergeProducts(app, std::move(parsed.page.products));
        MergeAvailability(app, std::move(parsed.page.availability));
        if (app.browse.signature == key) TakeRows(app, key, parsed.page, rows);
    });
}

void AskForProduct(App& app, const std::string& sku, std::function<void()> then)
{
    if (!app.paging.on || app.paging.full.count(sku)) {
        if (then && app.catalog.FindBySku(sku)) then();
        return;
    }
    FetchGet("/api/products/" + PercentEncoded(sku), [&app, sku, then = std::move(then)](FetchResult r) {
        if (r.status != 200 || !app.paging.on) return; // the listing stays (offline: what is here)
        ProductParse parsed = ParseProductJson(r.body);
        if (!parsed.ok() || parsed.product.sku != sku) return;
        std::vector<Product> one;
        one.push_back(std::move(parsed.product));
        app.paging.full.erase(sku);
        uint32_t at = MergeProducts(app, std::move(one)).front();
        app.paging.full.insert(sku);
        if (app.catalog_text_ready) AddProductGlyphs(app, at, at + 1); // its description's
        if (then) then();
    });
}

void KeepWholeCatalog(App& app)
{
    if (!app.kiosk.on || !app.paging.on || app.paging.whole_asked) return;
    app.paging.whole_asked = true;
    KeepInBackground(kWholeCatalogUrl, [&app](bool ok) {
        app.paging.whole_kept = ok;
        if (!ok) app.paging.whole_asked = false; // asked again after the next frame
    });
}

void SearchOffline(App& app)
{
    app.paging.offline = true;
    app.browse.dirty = true;
    if (!app.kiosk.on || app.paging.whole_loading) return;
    app.paging.whole_loading = true;
    OfflineGet(OfflineTable::Kept, kWholeCatalogUrl, [&app](bool found, std::string body) {
        app.paging.whole_loading = false;
        if (!found || !app.paging.on) return;
        CatalogParse parsed = ParseCatalogJson(body);
        if (!parsed.ok()) return;
        // From here the kiosk has the whole catalog and searches it itself, as for a small store.
        app.catalog = std::move(parsed.catalog);
        app.paging = CatalogPaging{};
        app.paging.whole_asked = app.paging.whole_kept = true;
        app.inventory.clear(); // the pages' availability covered some SKUs: unknown until asked (LoadInventory)
        app.inventory_loaded = false;
        app.catalog_text_ready = false;
        app.quote_dirty = true;
        app.browse.dirty = true;
        app.browse.signature.clear();
    });
}

} // namespace bondstore::web
