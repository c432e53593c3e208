#include "web/app.h"

#include "web/platform/fetch.h"
#include "web/platform/preferences.h"

#include "core/i18n_bundle.h"
#include "core/wire.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace bondstore::web {

// The paths the build gives these files (web/CMakeLists.txt).
static const char* kIcuDataUrl = "/bondstore-icu.dat";
static const char* kFontUrl = "/bondstore-ui.ttf";
static const char* kCatalogUrl = "/api/catalog";
static const char* kTaxTableUrl = "/api/tax-table";

static void LoadCatalog(App& app);

static void Retry(App& app, void (*again)(App&), int delay_ms)
{
    struct Pending { App* app; void (*again)(App&); };
    emscripten_async_call([](void* p) {
        auto* pending = static_cast<Pending*>(p);
        pending->again(*pending->app);
        delete pending;
    }, new Pending{&app, again}, delay_ms);
}

static void LoadIcuData(App& app)
{
    FetchGet(kIcuDataUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = "ICU data: " + r.error; Retry(app, LoadIcuData, 2000); return; }
        app.icu_data.assign(r.body.begin(), r.body.end());
        std::string error;
        if (!InstallIcuData(app.icu_data.data(), &error)) { app.load_error = "ICU data: " + error; return; }
        app.icu_ready = true;
        std::string saved = LoadPreference("locale");
        SetLocale(app, saved.empty() ? NegotiateLocale(BrowserLanguages()) : saved);
    });
}

static void LoadFont(App& app)
{
    FetchGet(kFontUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = "font: " + r.error; Retry(app, LoadFont, 2000); return; }
        app.font.ttf = std::move(r.body);
        app.font_loaded = true;
        app.font_dirty = true;
    });
}

static void LoadCatalog(App& app)
{
    FetchGet(kCatalogUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = "catalog: " + r.error; Retry(app, LoadCatalog, 2000); return; }
        CatalogParse parsed = ParseCatalogJson(r.body);
        if (!parsed.ok()) { app.load_error = "catalog: " + parsed.problems.front().code; return; }
        app.catalog = std::move(parsed.catalog);
        app.catalog_loaded = true;
        app.catalog_text_ready = false;
        app.quote_dirty = true;
        app.load_error.clear();
    });
}

static void LoadTaxTable(App& app)
{
    FetchGet(kTaxTableUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = "tax table: " + r.error; Retry(app, LoadTaxTable, 2000); return; }
        TaxTableParse parsed = ParseTaxTableJson(r.body);
        if (!parsed.ok()) { app.load_error = "tax table: " + parsed.problems.front().code; return; }
        app.tax_table = std::move(parsed.table);
        app.tax_table_loaded = true;
        app.quote_dirty = true;
    });
}

void StartLoading(App& app)
{
    // Every UI string of every bundled locale goes into the glyph set up front, so switching
    // language never waits for an atlas rebuild.
    for (const LocaleInfo& l : BundledLocales()) {
        std::string_view json = EmbeddedI18nFile(l.tag);
        auto doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
        if (!doc.is_object()) continue;
        for (auto it = doc.begin(); it != doc.end(); ++it)
            if (it.value().is_string()) AddGlyphText(app.font, it.value().get<std::string>());
    }
    LoadIcuData(app);
    LoadFont(app);
    LoadCatalog(app);
    LoadTaxTable(app);
}

bool IsReady(const App& app)
{
    return app.icu_ready && app.font_loaded && !app.font_dirty && app.catalog_loaded && app.catalog_text_ready &&
           app.tax_table_loaded;
}

void SetLocale(App& app, const std::string& tag)
{
    std::string locale = NegotiateLocale({tag});
    app.locale = locale;
    app.locale_chain = FallbackChain(locale);
    app.messages = LoadBundledMessages(locale);
    app.prices = std::make_unique<PriceFormatter>(locale);
    SavePreference("locale", locale);
}

void RequestLocale(App& app, const std::string& tag) { app.requested_locale = tag; }

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
        // A longer text can only match a subset of what a text it contains matched.
        bool narrower = !b.searched_text.empty() && q.text.find(b.searched_text) != std::string::npos;
        b.result = app.search_index.Search(q, narrower ? &b.narrowing : nullptr);
        b.narrowing = b.result.text_matches;
        b.searched_text = q.text;
        b.dirty = false;
    }
    return b.result;
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

// Once both the catalog and ICU are in (they arrive in either order, and no ICU call may come
// before its data): the search index, and glyphs for the catalog's own text — titles and brands
// in every language, and the names of the origin countries as ICU writes them in each locale.
static void PrepareCatalog(App& app)
{
    app.search_index.Build(app.catalog.products);
    app.browse.dirty = true;
    app.browse.narrowing.clear();
    app.browse.searched_text.clear();
    std::vector<LocaleInfo> locales = BundledLocales();
    for (const Product& p : app.catalog.products) {
        for (const auto& [locale, text] : p.title.entries) app.font_dirty |= AddGlyphText(app.font, text);
        app.font_dirty |= AddGlyphText(app.font, p.brand);
    }
    std::vector<std::string> origins;
    for (const Product& p : app.catalog.products)
        if (std::find(origins.begin(), origins.end(), p.origin_iso) == origins.end()) origins.push_back(p.origin_iso);
    for (const LocaleInfo& l : locales)
        for (const std::string& iso : origins) app.font_dirty |= AddGlyphText(app.font, CountryName(iso, l.tag));
    app.catalog_text_ready = true;
}

void BeforeFrame(App& app)
{
    if (app.catalog_loaded && app.icu_ready && !app.catalog_text_ready) PrepareCatalog(app);
    if (!app.requested_locale.empty()) {
        SetLocale(app, app.requested_locale);
        app.requested_locale.clear();
        app.browse.dirty = true; // name order follows the language
    }
    CalendarDate today = ChinaDateAt(int64_t(emscripten_date_now() / 1000));
    if (!(today == app.today)) {
        app.today = today;
        app.quote_dirty = true;
    }
    if (app.font_loaded && app.font_dirty) {
        RebuildFontAtlas(app.font, app.font_size);
        app.font_dirty = false;
    }
}

} // namespace bondstore::web
