#include "web/actions/session.h"

#include "web/actions/catalog_pages.h"
#include "web/actions/ordering.h"
#include "web/actions/settings.h"
#include "web/platform/fetch.h"
#include "web/platform/full_screen.h"
#include "web/platform/offline_store.h"
#include "web/platform/preferences.h"
#include "web/platform/test_hook.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/i18n/bidi_text.h"
#include "core/i18n/formatting.h"
#include "core/i18n/i18n_bundle.h"
#include "core/wire/brand_json.h"
#include "core/wire/catalog_json.h"
#include "core/wire/currency_rates_json.h"
#include "core/wire/service_json.h"
#include "core/wire/tax_json.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace bondstore::web {

// The paths the build gives these files (web/CMakeLists.txt).
static const char* kIcuDataUrl = "/bondstore-icu.dat";
static const char* kFontUrl = "/bondstore-ui.ttf";
static const char* kExtraFontUrl = "/bondstore-ui-extra.ttf";
static const char* kCurrencyRatesUrl = "/api/currency-rates";
static const char* kBrandUrl = "/api/brand";

static void LoadFeatured(App& app);
static void KioskHeartbeat(App& app);
static const char* kCatalogUrl = "/api/catalog/page"; // whole, or a large catalog's first page
static const char* kTaxTableUrl = "/api/tax-table";

static void LoadCatalog(App& app);

// Records how long a start-up step took, for the test hook and the load benchmark.
static void Timed(const char* step, double start)
{
    CurrentTestView().startup_ms.emplace_back(step, float(emscripten_get_now() - start));
}

constexpr int kKioskHeartbeatMs = 5 * 60 * 1000;

static void Retry(App& app, void (*again)(App&), int delay_ms)
{
    struct Pending { App* app; void (*again)(App&); };
    emscripten_async_call([](void* p) {
        auto* pending = static_cast<Pending*>(p);
        pending->again(*pending->app);
        delete pending;
    }, new Pending{&app, again}, delay_ms);
}

// The language a shopper starts in: the address's, when it names one; else their own choice if they made one; else their browser's, the
// store's default (the brand's) when the browser asks for none the store has. A kiosk starts in the
// store's default, or without one in its browser's.
static std::string StartingLocale(const App& app)
{
    // An address that names its language (/en/p/SKU): the link was made in it.
    if (!app.kiosk.on && !InBackOffice(app))
        if (std::optional<ShopAddress> a = ParseShopAddress(PagePath()); a && !a->locale.empty()) return a->locale;
    std::string saved = app.kiosk.on ? std::string() : LoadPreference("locale");
    if (!saved.empty()) return saved;
    // A kiosk: the store's language, else the one its browser was set up with.
    if (app.kiosk.on && !app.brand.default_locale.empty()) return app.brand.default_locale;
    std::vector<std::string> wanted = BrowserLanguages();
    // (Without a match, NegotiateLocale answers the kit's default language; the store's goes before that.)
    const std::string fallback = DefaultLocale(), fallback_language = fallback.substr(0, fallback.find('-'));
    std::vector<std::string> matched;
    for (const std::string& tag : wanted)
        if (NegotiateLocale({tag}) != fallback || tag.rfind(fallback_language, 0) == 0) matched.push_back(tag);
    if (matched.empty() && !app.brand.default_locale.empty()) return app.brand.default_locale;
    return NegotiateLocale(wanted);
}

// The store's look (core/brand/brand.h). Until it is in, the first frame waits (IsReady), so a
// shopper never sees one look turn into another; if it cannot be had, the built-in look.
static void LoadBrand(App& app)
{
    FetchOrKept(kBrandUrl, [&app](FetchResult r) {
        if (r.status == 200) {
            BrandParse b = ParseBrandJson(r.body);
            if (b.ok()) {
                app.brand = std::move(b.brand);
                app.brand_version++;
                // Its size and weight: the atlas is rasterised again.
                app.font_size = 18.0f * app.brand.text_scale;
                app.font.weight = app.brand.weight == FontWeight::Bold ? 1.6f : app.brand.weight == FontWeight::Medium ? 1.3f : 1.0f;
                app.font_dirty = true;
            }
        }
        app.brand_loaded = true;
        if (app.display_currency.empty() && (app.kiosk.on || LoadPreference("currency").empty()))
            app.display_currency = app.brand.currency;
        if (app.icu_ready) RequestLocale(app, StartingLocale(app));
    });
}

static void LoadIcuData(App& app)
{
    FetchGet(kIcuDataUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = std::string(kIcuDataUrl) + " " + r.error; Retry(app, LoadIcuData, 2000); return; }
        app.icu_data.assign(r.body.begin(), r.body.end());
        std::string error;
        if (!InstallIcuData(app.icu_data.data(), &error)) { app.load_error = std::string(kIcuDataUrl) + " " + error; return; }
        app.icu_ready = true;
        double start = emscripten_get_now();
        SetLocale(app, StartingLocale(app));
        Timed("first_locale", start);
    });
}

static void LoadFont(App& app)
{
    FetchGet(kFontUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = std::string(kFontUrl) + " " + r.error; Retry(app, LoadFont, 2000); return; }
        app.font.ttf = std::move(r.body);
        app.font_loaded = !app.font.extra_ttf.empty();
        app.font_dirty = true;
    });
}

static void LoadExtraFont(App& app)
{
    FetchGet(kExtraFontUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = std::string(kExtraFontUrl) + " " + r.error; Retry(app, LoadExtraFont, 2000); return; }
        app.font.extra_ttf = std::move(r.body);
        app.font_loaded = !app.font.ttf.empty();
        app.font_dirty = true;
    });
}

// The experience stores and their display samples (the product page's "on display at"); kept for
// an offline start. A store without any shows nothing.
void LoadStores(App& app)
{
    FetchOrKept("/api/stores", [&app](FetchResult r) {
        if (r.status != 200) return;
        if (std::optional<StoreDirectory> d = ParseStoreDirectoryJson(r.body)) app.stores = std::move(*d);
    });
}

static void LoadCurrencyRates(App& app)
{
    FetchOrKept(kCurrencyRatesUrl, [&app](FetchResult r) {
        if (r.status == 404) return; // the store shows yuan only
        if (r.status != 200 || r.kept) Retry(app, LoadCurrencyRates, kOfflineRetryMs);
        if (r.status != 200 || (r.kept && app.currency_rates_loaded)) return;
        CurrencyRatesParse parsed = ParseCurrencyRatesJson(r.body);
        if (!parsed.ok()) return;
        app.currency_rates = std::move(parsed.rates);
        app.currency_rates_loaded = true;
        if (!app.currency_rates.Find(app.display_currency)) app.display_currency.clear();
    });
}

// Catalog and tax table: the server's, or the copy kept from the last visit while it cannot be
// reached (then asked for again every few seconds, so a fresh one replaces it when it is back).
// The catalog's first answer is the whole catalog, or a large one's first page (catalog_pages.h).
static void LoadCatalog(App& app)
{
    FetchOrKept(kCatalogUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = std::string(kCatalogUrl) + " " + r.error; Retry(app, LoadCatalog, 2000); return; }
        if (r.kept) Retry(app, LoadCatalog, kOfflineRetryMs);
        if (r.kept && app.catalog_loaded) return; // already showing it
        CatalogPageParse parsed = ParseCatalogPageJson(r.body);
        if (!parsed.ok()) { app.load_error = std::string(kCatalogUrl) + " " + parsed.problems.front().code; return; }
        TakeCatalogStart(app, std::move(parsed.page), r.kept);
        if (!app.paging.on) LoadInventory(app); // a large catalog's availability comes with its pages
        app.load_error.clear();
    });
}

static void LoadTaxTable(App& app)
{
    FetchOrKept(kTaxTableUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = std::string(kTaxTableUrl) + " " + r.error; Retry(app, LoadTaxTable, 2000); return; }
        if (r.kept) Retry(app, LoadTaxTable, kOfflineRetryMs);
        if (r.kept && app.tax_table_loaded) return;
        TaxTableParse parsed = ParseTaxTableJson(r.body);
        if (!parsed.ok()) { app.load_error = std::string(kTaxTableUrl) + " " + parsed.problems.front().code; return; }
        app.tax_table = std::move(parsed.table);
        app.tax_table_loaded = true;
        app.quote_dirty = true;
    });
}

// A slice of the full font for characters the subset lacks (FontAtlas). A block the font has no
// glyph in is not on the server (404): remembered as requested, never asked again.
static void LoadFontSlice(App& app, unsigned int block)
{
    app.font.requested.insert(block);
    char url[32];
    std::snprintf(url, sizeof url, "/fonts/u%04x.ttf", block);
    FetchGet(url, [&app, block](FetchResult r) {
        if (r.status == 0) { app.font.requested.erase(block); return; } // offline: the next rebuild asks again
        if (r.status != 200) return;
        app.font.slices[block] = std::move(r.body);
        app.font_dirty = true;
    });
}

// The store's payment provider (GET /api/health), so the order screen can say how it takes
// payment — or that it cannot — before the shopper presses anything.
static void LoadPaymentSettings(App& app)
{
    FetchGet("/api/health", [&app](FetchResult r) {
        if (r.status != 200) return; // offline: asked again when the order screen needs it
        std::optional<HealthStatus> h = ParseHealthStatusJson(r.body);
        if (!h) return;
        app.payment.loaded = true;
        app.payment.provider = h->payment;
        app.payment.sandbox = h->payment_sandbox;
    });
}

void StartLoading(App& app)
{
    // A kiosk (the store's /kiosk page, or ?kiosk=1) starts from nothing, and keeps nothing
    // (Remember). Its idle time is the server's (GET /api/kiosk), unless the page says (?idle=N).
    app.kiosk.on = PageQueryHas("kiosk") || PagePath() == "/kiosk";
    if (app.kiosk.on) {
        app.screen = Screen::Attract;
        double idle = std::atof(PageQueryValue("idle").c_str());
        if (idle > 0) app.kiosk.idle_seconds = idle;
        else LoadKioskSettings(app);
        LoadFeatured(app);
        ForgetBrowserStorage();
        KeepFullScreen();
        // Its own credential, kept across wipes; or a one-time code to get one (?enroll=CODE,
        // store/kiosk_store.h), taken off the address bar at once.
        app.kiosk.token = LoadDeviceSetting("kiosk_token");
        app.kiosk.store = LoadDeviceSetting("kiosk_store");
        std::string code = PageQueryValue("enroll");
        ForgetPageQuery("enroll");
        if (!code.empty()) EnrollKiosk(app, code);
        Retry(app, KioskHeartbeat, kKioskHeartbeatMs);
    }
    app.display_currency = LoadPreference("currency");
    app.display.touch = app.kiosk.on || PageQueryHas("touch");
    float text_scale = float(std::atof(LoadPreference("text_scale").c_str()));
    for (float t : kTextScales)
        if (t == text_scale) app.display.text_scale = t;
    app.display.high_contrast = LoadPreference("contrast") == "high" || PageQueryHas("contrast");
    app.pseudo_locales = PageQueryHas("pseudo");
    app.handoff_link = PageQueryValue("cart");
    app.merchant.on = PagePath().rfind("/merchant", 0) == 0;
    app.operations.on = PagePath().rfind("/operator", 0) == 0;
    std::string scheme = PageQueryValue("scheme");
    if (scheme.empty()) scheme = LoadPreference("scheme");
    app.display.dark = scheme.empty() ? PrefersDarkColors() : scheme == "dark";
    app.browse.list_view = LoadPreference("browse_view") == "list";
    app.display.reduced_motion = PrefersReducedMotion();
    app.kiosk.hold_slide = PageQueryValue("attract") == "hold";
    LoadBrand(app);
    LoadIcuData(app);
    LoadFont(app);
    LoadExtraFont(app);
    LoadCatalog(app); // and then the inventory (whole, or with each page)
    LoadTaxTable(app);
    LoadCurrencyRates(app);
    LoadStores(app);
    LoadOutbox(app);
    if (app.kiosk.on) LoadSealKey(app);
    // A phone opened from a kiosk's "follow this order" code, or reopened while following one.
    std::string follow = PageQueryValue("follow");
    ForgetPageQuery("follow");
    if (follow.empty() && !app.kiosk.on) follow = LoadPreference("follow");
    if (!follow.empty() && !app.kiosk.on) StartFollowing(app, follow);
    LoadPaymentSettings(app);
    // Back from a payment provider's page (?order=NO): the order this browser placed.
    std::string back = PageQueryValue("order");
    ForgetPageQuery("order");
    if (!back.empty() && follow.empty()) ReturnToOrder(app, back);
}

// After the first catalog frame, the glyphs of every other language, so that a later switch
// never waits for an atlas rebuild (one rebuild now, while the shopper is still looking).
static void AddAllLocaleGlyphs(App& app)
{
    double start = emscripten_get_now();
    for (const LocaleInfo& l : BundledLocales()) AddLocaleGlyphs(app, l);
    Timed("other_locale_glyphs", start);
}

bool IsReady(const App& app)
{
    return app.icu_ready && app.font_loaded && !app.font_dirty && app.catalog_loaded && app.catalog_text_ready &&
           app.tax_table_loaded && app.brand_loaded;
}

void ForgetShopper(App& app)
{
    app.cart = Cart{};
    app.checkout = CheckoutState{};
    app.order = OrderState{};
    app.browse = BrowseState{};
    app.product_sku.clear();
    app.handoff_open = false;
    app.qr_codes = QrCodes{};
    app.quote = TaxQuote{};
    app.quote_dirty = true;
    app.display_currency = app.kiosk.on ? app.brand.currency : std::string();
    app.display.text_scale = 1; // a shopper's own display choices go with them
    app.display.high_contrast = false;
    app.display.dark = PageQueryValue("scheme") == "dark" || (PageQueryValue("scheme").empty() && PrefersDarkColors());
    ForgetBrowserStorage();
    // A kiosk's queued orders are sealed (PlaceOrder): they stay to be sent, and their readable
    // copy in memory goes. The kept catalog is the store's, not the shopper's.
    ForgetOutbox(app);
    // The next shopper's language is their browser's (on a kiosk: the store's default).
    RequestLocale(app, StartingLocale(app));
    app.screen = app.kiosk.on ? Screen::Attract : Screen::Browse;
    app.kiosk.wipes++;
    if (app.kiosk.on) LoadFeatured(app);
}

void EnrollKiosk(App& app, const std::string& code)
{
    FetchPost("/api/kiosks/enroll", KioskEnrollmentToJson(code), {}, [&app](FetchResult r) {
        std::optional<KioskToken> t = r.status == 200 ? ParseKioskTokenJson(r.body) : std::nullopt;
        if (!t) return; // an operator sees the kiosk stay unenrolled (bondstore-admin kiosks list)
        app.kiosk.token = t->token;
        app.kiosk.store = t->store;
        SaveDeviceSetting("kiosk_token", t->token);
        SaveDeviceSetting("kiosk_store", t->store);
    });
}

// What the attract screen shows (core/brand/featured.h): asked for again for each shopper, since
// best sellers change; kept for a kiosk that loses the server. A large catalog's products are
// asked for (they may not be among those loaded).
static void LoadFeatured(App& app)
{
    FetchOrKept("/api/featured", [&app](FetchResult r) {
        std::optional<FeaturedProducts> f = r.status == 200 ? ParseFeaturedProductsJson(r.body) : std::nullopt;
        if (!f) return; // the app's own choice stands
        app.kiosk.featured = f->skus;
        if (app.paging.on)
            for (const std::string& sku : f->skus)
                if (!app.catalog.FindBySku(sku)) AskForProduct(app, sku);
    });
}

// An enrolled kiosk says it is there every few minutes (its token on GET /api/kiosk): the
// operator sees each kiosk's last contact (bondstore-admin kiosks list). It takes the settings too.
static void KioskHeartbeat(App& app)
{
    if (!app.kiosk.token.empty())
        FetchGetWith("/api/kiosk", {BearerAuthorization(app.kiosk.token)}, [&app](FetchResult r) {
            if (r.status != 200 || PageQueryHas("idle")) return;
            if (std::optional<KioskSettings> k = ParseKioskSettingsJson(r.body)) app.kiosk.idle_seconds = double(k->idle_seconds);
        });
    Retry(app, KioskHeartbeat, kKioskHeartbeatMs);
}

void LoadKioskSettings(App& app)
{
    FetchOrKept("/api/kiosk", [&app](FetchResult r) {
        if (r.status != 200) return; // the built-in 90 s
        if (std::optional<KioskSettings> k = ParseKioskSettingsJson(r.body)) app.kiosk.idle_seconds = double(k->idle_seconds);
    });
}

// Once both the catalog and ICU are in (they arrive in either order, and no ICU call may come
// before its data): the search index, and glyphs for the catalog's own text — titles and brands
// in every language, and the names of the origin countries as ICU writes them in each locale.
static void PrepareCatalog(App& app)
{
    double start = emscripten_get_now();
    app.search_index.Build(app.catalog.products);
    app.paging.index_stale = false;
    app.browse.dirty = true;
    app.browse.narrowing = {};
    app.browse.searched_text.clear();
    app.paging.origins.clear();
    AddProductGlyphs(app, 0);
    app.catalog_text_ready = true;
    Timed("prepare_catalog", start);
}

void BeforeFrame(App& app)
{
    if (app.first_catalog_frame_signalled && !app.all_glyphs_added) {
        AddAllLocaleGlyphs(app);
        app.all_glyphs_added = true;
    }
    if (app.first_catalog_frame_signalled) KeepWholeCatalog(app); // a kiosk with a large catalog: for offline use
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
        double start = emscripten_get_now();
        RebuildFontAtlas(app.font, Px(app, app.font_size));
        app.font_dirty = false;
        for (unsigned int block : MissingFontSlices(app.font)) LoadFontSlice(app, block);
        if (!app.first_catalog_frame_signalled) Timed("font_atlas", start);
    }
}

} // namespace bondstore::web
