#include "web/app.h"

#include "web/ordering.h"
#include "web/platform/fetch.h"
#include "web/platform/full_screen.h"
#include "web/platform/offline_store.h"
#include "web/platform/preferences.h"
#include "web/platform/test_hook.h"
#include "web/screens/handoff.h"
#include "web/screens/theme.h"

#include "core/bidi_text.h"
#include "core/formatting.h"
#include "core/i18n_bundle.h"
#include "core/wire.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

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
static const char* kCatalogUrl = "/api/catalog";
static const char* kTaxTableUrl = "/api/tax-table";

static void LoadCatalog(App& app);

// Records how long a start-up step took, for the test hook and the load benchmark.
static void Timed(const char* step, double start)
{
    CurrentTestView().startup_ms.emplace_back(step, float(emscripten_get_now() - start));
}

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
        if (r.status != 200) { app.load_error = std::string(kIcuDataUrl) + " " + r.error; Retry(app, LoadIcuData, 2000); return; }
        app.icu_data.assign(r.body.begin(), r.body.end());
        std::string error;
        if (!InstallIcuData(app.icu_data.data(), &error)) { app.load_error = std::string(kIcuDataUrl) + " " + error; return; }
        app.icu_ready = true;
        std::string saved = LoadPreference("locale");
        double start = emscripten_get_now();
        SetLocale(app, saved.empty() ? NegotiateLocale(BrowserLanguages()) : saved);
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
static void LoadCatalog(App& app)
{
    FetchOrKept(kCatalogUrl, [&app](FetchResult r) {
        if (r.status != 200) { app.load_error = std::string(kCatalogUrl) + " " + r.error; Retry(app, LoadCatalog, 2000); return; }
        if (r.kept) Retry(app, LoadCatalog, kOfflineRetryMs);
        if (r.kept && app.catalog_loaded) return; // already showing it
        CatalogParse parsed = ParseCatalogJson(r.body);
        if (!parsed.ok()) { app.load_error = std::string(kCatalogUrl) + " " + parsed.problems.front().code; return; }
        app.catalog = std::move(parsed.catalog);
        app.catalog_loaded = true;
        app.catalog_text_ready = false;
        app.quote_dirty = true;
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
        ForgetBrowserStorage();
        KeepFullScreen();
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
    LoadIcuData(app);
    LoadFont(app);
    LoadExtraFont(app);
    LoadCatalog(app);
    LoadTaxTable(app);
    LoadCurrencyRates(app);
    LoadInventory(app);
    LoadOutbox(app);
    if (app.kiosk.on) LoadSealKey(app);
    // A phone opened from a kiosk's "follow this order" code, or reopened while following one.
    std::string follow = PageQueryValue("follow");
    ForgetPageQuery("follow");
    if (follow.empty() && !app.kiosk.on) follow = LoadPreference("follow");
    if (!follow.empty() && !app.kiosk.on) StartFollowing(app, follow);
}

// The glyphs of every UI string of `locale` (shaped too, right to left) and of every language's
// name. Shaping needs no ICU data.
static void AddLocaleGlyphs(App& app, const LocaleInfo& l)
{
    std::string_view json = EmbeddedI18nFile(l.pseudo_from.empty() ? l.tag : l.pseudo_from);
    auto doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (!doc.is_object()) return;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!it.value().is_string()) continue;
        const std::string& text = it.value().get_ref<const std::string&>();
        app.font_dirty |= AddGlyphText(app.font, text);
        if (l.rtl) app.font_dirty |= AddGlyphText(app.font, VisualText(text, true));
    }
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
           app.tax_table_loaded;
}

void SetLocale(App& app, const std::string& tag)
{
    // A pseudo-locale is taken as it is (when the menu offers them); anything else is negotiated
    // down to a bundled locale.
    const LocaleInfo* requested = FindLocale(tag);
    bool is_pseudo = requested && !requested->pseudo_from.empty();
    std::string locale = is_pseudo ? requested->tag : NegotiateLocale({tag});
    const LocaleInfo* info = FindLocale(locale);
    app.locale = locale;
    app.locale_chain = FallbackChain(locale);
    app.messages = LoadBundledMessages(locale);
    // Numbers and prices in a pseudo-locale are its source's (ICU has no data for en-XA).
    app.prices = std::make_unique<PriceFormatter>(is_pseudo ? info->pseudo_from : locale);
    app.rtl = info && info->rtl;
    app.visual_text.clear();
    app.formatted.clear();
    for (const auto& list : {BundledLocales(), PseudoLocales()})
        for (const LocaleInfo& l : list) app.font_dirty |= AddGlyphText(app.font, l.name);
    if (info && !is_pseudo) AddLocaleGlyphs(app, *info);
    if (is_pseudo) {
        // Pseudo-locale text is generated, not in any catalog: its accented letters join the atlas now.
        std::string_view source = EmbeddedI18nFile(info->pseudo_from);
        auto doc = nlohmann::json::parse(source.begin(), source.end(), nullptr, false);
        if (doc.is_object())
            for (auto it = doc.begin(); it != doc.end(); ++it)
                app.font_dirty |= AddGlyphText(app.font, app.messages.Pattern(it.key()));
    }
    ImGuiStyle& style = ImGui::GetStyle();
    style.SelectableTextAlign.x = app.rtl ? 1.0f : 0.0f;
    if (!is_pseudo) Remember(app, "locale", locale);
}

void Remember(const App& app, const char* key, const std::string& value)
{
    if (!app.kiosk.on) SavePreference(key, value);
}

void ForgetShopper(App& app)
{
    app.cart = Cart{};
    app.checkout = CheckoutState{};
    app.order = OrderState{};
    app.browse = BrowseState{};
    app.product_sku.clear();
    app.handoff_open = false;
    ForgetQrCodes();
    app.quote = TaxQuote{};
    app.quote_dirty = true;
    app.display_currency.clear();
    app.display.text_scale = 1; // a shopper's own display choices go with them
    app.display.high_contrast = false;
    ForgetBrowserStorage();
    // A kiosk's queued orders are sealed (PlaceOrder): they stay to be sent, and their readable
    // copy in memory goes. The kept catalog is the store's, not the shopper's.
    ForgetOutbox(app);
    // The next shopper's language is their browser's (on a kiosk: the store's default).
    RequestLocale(app, NegotiateLocale(BrowserLanguages()));
    app.screen = app.kiosk.on ? Screen::Attract : Screen::Browse;
    app.kiosk.wipes++;
}

void LoadKioskSettings(App& app)
{
    FetchOrKept("/api/kiosk", [&app](FetchResult r) {
        if (r.status != 200) return; // the built-in 90 s
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        if (j.is_object() && j.contains("idle_seconds") && j["idle_seconds"].is_number() && j["idle_seconds"].get<double>() > 0)
            app.kiosk.idle_seconds = j["idle_seconds"].get<double>();
    });
}

void SetTextScale(App& app, float scale)
{
    app.display.text_scale = scale;
    Remember(app, "text_scale", std::to_string(scale));
}

void SetHighContrast(App& app, bool on)
{
    app.display.high_contrast = on;
    Remember(app, "contrast", on ? "high" : "normal");
}

void SetDisplayCurrency(App& app, const std::string& currency)
{
    app.display_currency = app.currency_rates.Find(currency) ? currency : std::string();
    Remember(app, "currency", app.display_currency);
}

// The label under `key`, made once per locale.
static const std::string& Remember(App& app, std::string key, const std::function<std::string()>& make)
{
    auto it = app.formatted.find(key);
    if (it != app.formatted.end()) return it->second;
    if (app.formatted.size() > 8192) app.formatted.clear(); // a long session of prices and dates
    return app.formatted.emplace(std::move(key), make()).first->second;
}

std::string ApproximatePrice(App& app, Money amount)
{
    const CurrencyRate* rate = app.currency_rates.Find(app.display_currency);
    if (!rate) return {};
    return Remember(app, "approx." + rate->currency + "." + std::to_string(amount.fen), [&] {
        std::string converted = FormatInCurrency(amount, rate->currency, rate->per_yuan, app.prices->locale());
        return converted.empty() ? converted : app.messages.Format("price.approximate", {{"amount", converted}});
    });
}

std::string CountryLabel(App& app, const std::string& iso)
{
    return Remember(app, "country." + iso, [&] { return CountryName(iso, app.prices->locale()); });
}

std::string CategoryLabel(const App& app, const std::string& key)
{
    std::string name = app.messages.Format("category." + key);
    return name == "category." + key ? key : name; // an uploaded category without a message
}

std::string CurrencyLabel(App& app, const std::string& currency)
{
    return Remember(app, "currency." + currency, [&] {
        return currency.empty() ? app.messages.Format("currency.cny") : CurrencyName(currency, app.prices->locale());
    });
}

std::string DateLabel(App& app, CalendarDate date)
{
    return Remember(app, "date." + FormatIsoDate(date), [&] { return FormatDate(date, app.prices->locale()); });
}

std::string ProductSize(App& app, const Product& p)
{
    // "50 ml", "0.7 L": measured units through ICU; "3 pieces": counted ones through a message.
    if (p.legal_unit.empty()) return {};
    return Remember(app, "size." + FormatDecimal(p.legal_qty) + " " + p.legal_unit, [&] {
        std::string measured = FormatQuantity(p.legal_qty, p.legal_unit, app.prices->locale());
        if (!measured.empty() || p.legal_qty.scale != 0) return measured.empty() ? FormatDecimal(p.legal_qty) + " " + p.legal_unit : measured;
        return app.messages.Format("product.count", {{"count", p.legal_qty.units}, {"unit", p.legal_unit}});
    });
}

std::string ProductTitle(const App& app, const Product& p)
{
    TextChoice t = ChooseText(p.title, p.machine_title, app.locale_chain);
    std::string title(t.text);
    if (t.machine_converted) title += " (" + app.messages.Format("text.machine_converted") + ")";
    return title;
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
        std::string signature = q.text + '\x1f' + q.category + '\x1f' + q.origin_iso + '\x1f' + std::to_string(q.price_band) +
                                '\x1f' + std::to_string(int(q.order)) + '\x1f' + q.locale;
        if (signature != b.signature || b.limit == 0) b.limit = kBrowsePage; // a new query: its first page
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
    double start = emscripten_get_now();
    app.search_index.Build(app.catalog.products);
    app.browse.dirty = true;
    app.browse.narrowing = {};
    app.browse.searched_text.clear();
    std::vector<LocaleInfo> locales = BundledLocales();
    for (const Product& p : app.catalog.products) {
        for (const auto& [locale, text] : p.title.entries) app.font_dirty |= AddGlyphText(app.font, text);
        for (const auto& [locale, text] : p.machine_title.entries) app.font_dirty |= AddGlyphText(app.font, text);
        app.font_dirty |= AddGlyphText(app.font, p.brand);
    }
    std::vector<std::string> origins;
    for (const Product& p : app.catalog.products)
        if (std::find(origins.begin(), origins.end(), p.origin_iso) == origins.end()) origins.push_back(p.origin_iso);
    for (const LocaleInfo& l : locales)
        for (const std::string& iso : origins) {
            std::string name = CountryName(iso, l.tag);
            app.font_dirty |= AddGlyphText(app.font, l.rtl ? VisualText(name, true) : name);
        }
    app.catalog_text_ready = true;
    Timed("prepare_catalog", start);
}

void BeforeFrame(App& app)
{
    if (app.first_catalog_frame_signalled && !app.all_glyphs_added) {
        AddAllLocaleGlyphs(app);
        app.all_glyphs_added = true;
    }
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
