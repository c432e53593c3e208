// The store's pages on the open web (catalog/shop_pages.h): every shopper address answers HTML
// the app starts on top of, in the language the address names (or, without one, the shopper's
// browser asks for); the sitemap and robots.txt; the kiosk's and merchant's pages; the app's files.
#include "server/api/routes.h"

#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/catalog/shop_pages.h"

#include "core/formats/markup_text.h"
#include "core/i18n/i18n_bundle.h"
#include "core/orders/fulfilment.h"
#include "core/storefront/shop_address.h"

#include <httplib.h>

namespace bondstore {

namespace {

// The store's address as links give it: --public-url, else the one the request came to.
std::string Origin(const Storefront& s, const httplib::Request& req)
{
    if (!s.options.public_url.empty()) return s.options.public_url.substr(0, s.options.public_url.size() - 1);
    return "http://" + req.get_header_value("Host");
}

// ?page=N of a list, 1 when absent; 0 when malformed.
int PageNumber(const httplib::Request& req)
{
    if (!req.has_param("page")) return 1;
    const std::string v = req.get_param_value("page");
    if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::atoi(v.c_str());
}

} // namespace

void MountPageRoutes(RouteTable& routes, Storefront& s)
{
    routes.Get("/robots.txt", [&s](const httplib::Request& req, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        ShopSite site{*snapshot, s.brand, s.tax_table, TodayInChina(), Origin(s, req)};
        res.set_content(RobotsTxt(site), "text/plain; charset=utf-8");
    });
    auto sitemap = [&s](const httplib::Request& req, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        ShopSite site{*snapshot, s.brand, s.tax_table, TodayInChina(), Origin(s, req)};
        std::optional<std::string> xml = SitemapXml(site, req.matches.size() > 1 ? req.matches[1].str() : std::string());
        if (!xml) return s.errors.Send(req, res, 404, "not_found");
        ServeFreshBody(req, res, std::move(*xml), "application/xml; charset=utf-8");
    };
    routes.Get("/sitemap.xml", sitemap);
    routes.Get("/sitemaps/{sitemap}.xml", sitemap);

    // The kiosk's, the merchant's and the operator's pages: the app alone, titled with the store's name.
    auto app_page = [&s](const httplib::Request& req, httplib::Response& res) {
        ShopPage page;
        page.lang = s.brand.default_locale.empty() ? DefaultLocale() : s.brand.default_locale;
        const LocaleInfo* info = FindLocale(page.lang);
        page.rtl = info && info->rtl;
        page.title = std::string(ChooseText(s.brand.name, {}, FallbackChain(page.lang)).text);
        page.indexable = false;
        ServeRenderedPage(req, res, 200, s.shell.Render(page));
    };
    routes.Get("/kiosk", app_page);
    routes.Get("/merchant", app_page);
    routes.Get("/operator", app_page);

    // A shopper's address is a page (core/storefront/shop_address.h); any other path one of the
    // app's files (web/CMakeLists.txt puts them in the web directory).
    const std::vector<std::string> pages = {
        "/", "/{locale}/", "/{locale}/c/{category}", "/{locale}/p/{sku}", "/{locale}/cart", "/{locale}/checkout",
        "/{locale}/order", "/c/{category}", "/p/{sku}", "/cart", "/checkout", "/order",
        "/bondstore.js", "/bondstore.wasm", "/bondstore-icu.dat", "/bondstore-ui.ttf", "/bondstore-ui-extra.ttf",
        "/index.html", "/sw.js", "/fonts/{file}"};
    routes.GetRest(pages, [&s](const httplib::Request& req, httplib::Response& res) {
        std::optional<ShopAddress> address = ParseShopAddress(req.path);
        if (!address) {
            if (auto body = s.web.Find(req.path)) return ServeCachedBody(req, res, body);
            return s.errors.Send(req, res, 404, "not_found");
        }
        // (httplib has decoded the query already: the search text is taken as it came)
        if (req.has_param("q") && (address->screen == ShopScreen::Home || address->screen == ShopScreen::Category))
            address->query = req.get_param_value("q");
        // An address without its language: the browser's; the page is the same screen's in it.
        const bool negotiated = address->locale.empty();
        const LocaleInfo* info = negotiated ? nullptr : FindLocale(address->locale);
        if (info && !info->pseudo_kind.empty()) { // a pseudo-locale is the app's, for layout tests
            ShopPage page;
            page.title = std::string(ChooseText(s.brand.name, {}, FallbackChain(address->locale)).text);
            page.indexable = false;
            return ServeRenderedPage(req, res, 200, s.shell.Render(page));
        }
        ShopAddress shown = *address;
        const std::string vary = negotiated ? "Accept-Encoding, Accept-Language" : "Accept-Encoding";
        if (negotiated) {
            shown.locale = NegotiateLocale(ParseAcceptLanguage(req.get_header_value("Accept-Language")));
        }
        const int page_no = PageNumber(req);
        auto snapshot = s.catalog.Current();
        ShopSite site{*snapshot, s.brand, s.tax_table, TodayInChina(), Origin(s, req)};
        // A product's page says which experience stores show it.
        std::optional<StoreDirectory> stores;
        if (shown.screen == ShopScreen::Product) {
            std::string error;
            stores = s.stores->experience_stores.Directory(&error);
            site.stores = stores ? &*stores : nullptr; // (without them the page still shows the product)
        }
        std::map<std::string, int64_t> stock;
        std::vector<std::string> skus = page_no > 0 ? PageSkus(site, shown, page_no) : std::vector<std::string>();
        if (!skus.empty()) {
            std::vector<std::string_view> views(skus.begin(), skus.end());
            std::string error;
            if (auto items = s.stores->inventory.InventoryOf(views, &error))
                for (const SkuAvailability& a : *items) stock[a.sku] = OrderableQty(a);
            // (without the stock the page still shows the product, its price and tax)
        }
        std::optional<ShopPage> page = page_no > 0 ? RenderShopPage(site, shown, page_no, stock) : std::nullopt;
        if (!page) {
            // Nothing here: the store's home says so in the shopper's language, with a 404.
            ShopAddress home{ShopScreen::Home, shown.locale, "", "", ""};
            page = RenderShopPage(site, home, 1, {});
            page->indexable = false;
            size_t main = page->body.find("<main>\n");
            if (main != std::string::npos)
                page->body.insert(main + 7, "<p class=\"alert\" role=\"alert\">" + EscapeMarkup(s.errors.Text(shown.locale, "page.not_found")) + "</p>\n");
            page->canonical.clear();
            page->alternates.clear();
            return ServeRenderedPage(req, res, 404, s.shell.Render(*page), vary);
        }
        if (negotiated) page->canonical = site.origin + ShopAddressUrl(*address); // "/" is the x-default
        ServeRenderedPage(req, res, 200, s.shell.Render(*page), vary);
    });
}

} // namespace bondstore
