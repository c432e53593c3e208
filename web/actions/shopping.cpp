#include "web/actions/shopping.h"

#include "web/actions/catalog_pages.h"
#include "web/platform/fetch.h"
#include "web/state/app.h"


namespace bondstore::web {

void AddToCart(App& app, const std::string& sku, int64_t qty)
{
    app.cart.Add(sku, qty);
    app.quote_dirty = true;
}

void SetCartQty(App& app, const std::string& sku, int64_t qty)
{
    app.cart.SetQty(sku, qty);
    app.quote_dirty = true;
}

int64_t PriceWithTax(App& app, const std::string& sku)
{
    std::string key = FormatIsoDate(app.today) + ' ' + std::to_string(app.catalog.version);
    if (key != app.with_tax_for) {
        app.with_tax.clear();
        app.with_tax_for = key;
    }
    auto it = app.with_tax.find(sku);
    if (it != app.with_tax.end()) return it->second;
    if (app.with_tax.size() > 20000) app.with_tax.clear(); // a long session in a large catalog
    QuoteRequest request;
    request.date = app.today;
    FillQuoteLines(app.catalog, {CartLine{sku, 1}}, &request.lines);
    int64_t total = -1;
    if (!request.lines.empty()) {
        TaxQuote q = Quote(request, app.tax_table);
        if (q.accepted()) total = q.amount_to_pay.fen;
    }
    app.with_tax[sku] = total;
    return total;
}

const std::string& CategoryPicture(App& app, const std::string& category)
{
    if (app.category_pictures_for != app.catalog.products.size() + 1) {
        app.category_pictures.clear();
        for (const Product& p : app.catalog.products)
            if (!p.images.empty()) app.category_pictures.emplace(p.category, p.images.front()); // (the first kept)
        app.category_pictures_for = app.catalog.products.size() + 1;
    }
    static const std::string none;
    auto it = app.category_pictures.find(category);
    return it == app.category_pictures.end() ? none : it->second;
}

const TaxQuote& CartQuote(App& app)
{
    if (app.quote_dirty) {
        QuoteRequest request;
        request.date = app.today;
        // The annual quota is the buyer's, known once they identify at checkout (the server
        // checks it there); the cart shows the tax for this order alone.
        FillQuoteLines(app.catalog, app.cart.lines, &request.lines);
        app.quote = Quote(request, app.tax_table);
        app.quote_dirty = false;
        app.quote_version++;
    }
    return app.quote;
}

const SearchResult& BrowseResults(App& app)
{
    BrowseState& b = app.browse;
    if (b.dirty) {
        SearchQuery q;
        q.text = b.text;
        q.category = b.category;
        q.origin_iso = b.origin;
        q.price_band = b.price_band;
        q.order = b.order;
        q.locale = app.locale;
        CatalogPaging& paging = app.paging;
        if (paging.on && paging.offline && ServerReachable()) paging.offline = false; // back: ask the server again
        if (paging.on && !paging.offline) {
            // The server searches a large catalog; its answers arrive as pages (catalog_pages.h).
            std::string key = PagedQueryKey(q);
            if (key != b.signature) {
                b.signature = key;
                b.limit = kBrowsePage;
                b.scroll_to_top = true;
            }
            AskForBrowseRows(app, q);
            b.dirty = false;
            return b.result;
        }
        if (paging.index_stale) { // offline with a large catalog: what is loaded, searched here
            app.search_index.Build(app.catalog.products);
            paging.index_stale = false;
            b.searched_text.clear();
            b.result_for.clear();
        }
        std::string signature = q.text + '\x1f' + q.category + '\x1f' + q.origin_iso + '\x1f' + std::to_string(q.price_band) +
                                '\x1f' + std::to_string(int(q.order)) + '\x1f' + q.locale;
        if (signature != b.signature || b.limit == 0) { // a new query: its first page
            b.limit = kBrowsePage;
            b.scroll_to_top = !b.signature.empty();
        }
        b.signature = signature;
        q.limit = b.limit;
        // A text can only match a subset of what a text it contains matched (compared normalised,
        // as search compares them).
        std::string normalized = NormalizeForSearch(q.text);
        bool narrower = !b.searched_text.empty() && normalized.find(b.searched_text) != std::string::npos;
        b.result = app.search_index.Search(q, narrower ? &b.narrowing : nullptr);
        b.narrowing = b.result.text_matches;
        b.searched_text = std::move(normalized);
        b.dirty = false;
    }
    return b.result;
}

void OpenProduct(App& app, const std::string& sku)
{
    app.product_sku = sku;
    app.product_page = ProductPageState{};
    app.screen = Screen::Product;
    AskForProduct(app, sku);
}

int64_t Available(const App& app, const std::string& sku)
{
    if (!app.inventory_loaded) return -1;
    if (app.paging.on) { // the loaded SKUs' availability, by SKU (thousands after a long scroll); -1 not yet known
        auto it = app.paging.stocked.find(sku);
        return it == app.paging.stocked.end() ? -1 : OrderableQty(app.inventory[it->second]);
    }
    for (const SkuAvailability& a : app.inventory)
        if (a.sku == sku) return OrderableQty(a);
    return 0;
}

std::optional<Fulfilment> CartFulfilment(const App& app)
{
    if (!app.inventory_loaded || app.cart.lines.empty()) return std::nullopt;
    std::vector<OrderLineRequest> lines;
    for (const CartLine& l : app.cart.lines) lines.push_back({l.sku, l.qty});
    return ChooseWarehouse(lines, app.inventory);
}

} // namespace bondstore::web
