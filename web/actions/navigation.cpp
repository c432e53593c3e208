#include "web/actions/navigation.h"

#include "web/actions/labels.h"
#include "web/actions/settings.h"
#include "web/actions/shopping.h"
#include "web/platform/history.h"
#include "web/state/app.h"

#include "core/i18n/i18n_bundle.h"

namespace bondstore::web {

namespace {

// (A brand always has a name: CheckBrand.)
std::string StoreTitle(const App& app) { return std::string(ChooseText(app.brand.name, {}, app.locale_chain).text); }

// The page's title for an address: what is on screen, then the store (as the server's page has it).
std::string TitleOf(const App& app, const ShopAddress& a)
{
    const std::string store = StoreTitle(app);
    switch (a.screen) {
    case ShopScreen::Home: return a.query.empty() ? store : app.messages.Format("page.search_title", {{"query", a.query}}) + " · " + store;
    case ShopScreen::Category: return CategoryLabel(app, a.category) + " · " + store;
    case ShopScreen::Product:
        if (const Product* p = app.catalog.FindBySku(a.sku)) return ProductTitle(app, *p) + " · " + store;
        return store;
    case ShopScreen::Cart: return app.messages.Format("cart.title") + " · " + store;
    case ShopScreen::Checkout: return app.messages.Format("checkout.title") + " · " + store;
    case ShopScreen::Order: return store;
    }
    return store;
}

std::optional<ShopAddress> ParsePageAddress(const std::string& address)
{
    size_t q = address.find('?');
    return ParseShopAddress(std::string_view(address).substr(0, q), q == std::string::npos ? std::string_view() : std::string_view(address).substr(q + 1));
}

// Writes the address (a new entry, or the current one changed) and the title and language.
void Record(App& app, const ShopAddress& now, bool push)
{
    if (push) PushAddress(ShopAddressUrl(now));
    else ReplaceAddress(ShopAddressUrl(now));
    app.address.shown = now;
}

} // namespace

ShopAddress AddressOf(const App& app)
{
    ShopAddress a;
    a.locale = app.locale;
    switch (app.screen) {
    case Screen::Attract:
    case Screen::Browse:
        a.screen = app.browse.category.empty() ? ShopScreen::Home : ShopScreen::Category;
        a.category = app.browse.category;
        a.query = app.browse.text;
        break;
    case Screen::Product:
        a.screen = ShopScreen::Product;
        a.sku = app.product_sku;
        break;
    case Screen::Cart: a.screen = ShopScreen::Cart; break;
    case Screen::Checkout: a.screen = ShopScreen::Checkout; break;
    case Screen::Order: a.screen = ShopScreen::Order; break;
    }
    return a;
}

void ShowAddress(App& app, const ShopAddress& a)
{
    if (!a.locale.empty() && a.locale != app.locale) RequestLocale(app, a.locale);
    BrowseState& b = app.browse;
    auto browse = [&](const std::string& category, const std::string& query) {
        app.screen = Screen::Browse;
        if (b.category != category || query != b.text) b.dirty = true;
        b.category = category;
        snprintf(b.text, sizeof b.text, "%s", query.c_str());
    };
    switch (a.screen) {
    case ShopScreen::Home: browse("", a.query); break;
    case ShopScreen::Category: browse(a.category, a.query); break;
    case ShopScreen::Product:
        // A catalog loaded whole knows at once whether it sells the SKU; a paged one asks.
        if (app.paging.on || app.catalog.FindBySku(a.sku)) OpenProduct(app, a.sku);
        else browse("", "");
        break;
    case ShopScreen::Cart: app.screen = Screen::Cart; break;
    case ShopScreen::Checkout: app.screen = app.cart.empty() ? Screen::Cart : Screen::Checkout; break;
    case ShopScreen::Order:
        if (!app.order.receipt.order_no.empty() || !app.order.queued_key.empty()) app.screen = Screen::Order;
        else browse("", "");
        break;
    }
}

void FollowAddresses(App& app)
{
    if (app.kiosk.on || InBackOffice(app)) return;
    AddressState& s = app.address;
    if (!s.started) {
        s.started = true;
        // What the app was sent to show at its start (back from a payment, an order followed or
        // queued, a cart handed over) wins over the address; else the address's screen.
        std::optional<ShopAddress> start = ParsePageAddress(PageAddress());
        if (start && app.screen == Screen::Browse) ShowAddress(app, *start);
        Record(app, AddressOf(app), false); // the address in full (its language, a product not sold: home)
        return;
    }
    std::string popped = TakePoppedAddress();
    if (!popped.empty()) {
        if (std::optional<ShopAddress> a = ParsePageAddress(popped)) ShowAddress(app, *a);
        Record(app, AddressOf(app), false); // (unchanged, unless it named what is not here)
        return;
    }
    ShopAddress now = AddressOf(app);
    if (now != s.shown) {
        // A search typed or a language chosen changes the entry; another screen is a new one.
        const bool same_screen = now.screen == s.shown.screen && now.category == s.shown.category && now.sku == s.shown.sku;
        Record(app, now, !same_screen);
    }
    const std::string title = TitleOf(app, s.shown);
    if (title != s.title) {
        s.title = title;
        SetDocumentTitle(title);
    }
    if (s.lang != app.locale) {
        s.lang = app.locale;
        SetDocumentLanguage(app.locale, app.rtl);
    }
}

} // namespace bondstore::web
