// What shoppers browse: the published catalog (whole, a page at a time, one product), search over
// it, the tax table and display-currency rates, bonded availability, and a tax quote for a cart.
#include "server/api/routes.h"

#include "server/api/client_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/cached_body.h"
#include "server/http/json_reply.h"

#include "core/cart/cart.h"
#include "core/i18n/i18n_bundle.h"
#include "core/search/search.h"
#include "core/tax/tax.h"
#include "core/brand/featured.h"
#include "core/wire/brand_json.h"
#include "core/wire/catalog_json.h"
#include "core/wire/experience_store_json.h"
#include "core/wire/order_json.h"
#include "core/wire/tax_json.h"

#include <httplib.h>

#include <cstdlib>

namespace bondstore {

namespace {

// A quote request names at most 99 lines; 64 KiB is far more than that takes.
constexpr size_t kMaxQuoteRequestBytes = 64 * 1024;

// ?q=&category=&origin=&price_band=&sort=relevance|price_asc|price_desc|name&locale=&limit= (default
// 50, at most 500). False if a parameter is not one of these.
bool ReadSearchQuery(const httplib::Request& req, const ErrorReply& errors, SearchQuery* q)
{
    q->text = req.get_param_value("q");
    q->category = req.get_param_value("category");
    q->origin_iso = req.get_param_value("origin");
    std::string band = req.get_param_value("price_band");
    if (!band.empty()) {
        if (band.size() != 1 || band[0] < '0' || band[0] >= char('0' + kPriceBandCount)) return false;
        q->price_band = band[0] - '0';
    }
    std::string sort = req.get_param_value("sort");
    if (sort == "price_asc") q->order = SearchOrder::PriceAscending;
    else if (sort == "price_desc") q->order = SearchOrder::PriceDescending;
    else if (sort == "name") q->order = SearchOrder::Name;
    else if (!sort.empty() && sort != "relevance") return false;
    q->locale = req.has_param("locale") ? NegotiateLocale({req.get_param_value("locale")})
                                        : errors.NegotiateLocale(req.get_header_value("Accept-Language"));
    q->limit = 50;
    if (req.has_param("limit")) {
        int limit = std::atoi(req.get_param_value("limit").c_str());
        if (limit < 1 || limit > 500) return false;
        q->limit = size_t(limit);
    }
    return q->text.size() <= 200;
}

// A page: ?offset= (default 0) and the search's parameters, its limit the page's size.
constexpr size_t kMaxPageOffset = 1000000;
bool ReadPageQuery(const httplib::Request& req, const ErrorReply& errors, SearchQuery* q, size_t* offset)
{
    if (!ReadSearchQuery(req, errors, q)) return false;
    *offset = 0;
    if (req.has_param("offset")) {
        const std::string v = req.get_param_value("offset");
        if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos) return false;
        *offset = size_t(std::stoul(v));
        if (*offset > kMaxPageOffset) return false;
    }
    q->limit += *offset;
    return true;
}

// ?skus=A,B,… (at most 500): the SKUs a client asks about; false if malformed.
bool ReadSkuList(const std::string& text, std::vector<std::string_view>* skus)
{
    std::string_view rest = text;
    while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string_view sku = rest.substr(0, comma);
        if (sku.empty() || sku.size() > 64) return false;
        skus->push_back(sku);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return !skus->empty() && skus->size() <= 500;
}

} // namespace

void MountCatalogRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    routes.Get("/api/catalog", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.catalog.Current()->body);
    });

    // What a kiosk's attract screen shows (core/brand/featured.h): the brand's choice, else the
    // best sellers of the last 30 days, else a product of each category.
    routes.Get("/api/featured", [&s](const httplib::Request& req, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        std::vector<std::string> best;
        if (s.brand.featured.empty()) {
            std::string error;
            auto sellers = s.stores->sales.BestSellers(UnixNow() - 30 * 86400, kMaxFeatured * 2, &error);
            if (!sellers) return s.errors.Internal(req, res, "reading the best sellers", error);
            best = std::move(*sellers);
        }
        res.set_header("Cache-Control", "no-cache");
        SendJson(res, 200, FeaturedProductsToJson(ChooseFeatured(s.brand, snapshot->catalog, best)));
    });

    // The experience stores and the display samples on their shelves (store/experience_stores.h):
    // the product page's "on display at …", a kiosk's own store.
    routes.Get("/api/stores", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string error;
        std::optional<StoreDirectory> directory = s.stores->experience_stores.Directory(&error);
        if (!directory) return s.errors.Internal(req, res, "reading the experience stores", error);
        // (an ETag, revalidated: samples move)
        ServeRenderedPage(req, res, 200, StoreDirectoryToJson(*directory), "Accept-Encoding", "application/json; charset=utf-8");
    });

    // The first screen's catalog: a small one whole (prepared once), a large one a page at a time,
    // searched here with the same core search the browser runs on a whole catalog.
    routes.Get("/api/catalog/page", [&s](const httplib::Request& req, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        if (req.params.empty() && snapshot->complete_page) return ServeCachedBody(req, res, snapshot->complete_page);
        if (!AllowRate(s, "search", req, res)) return;
        SearchQuery q;
        size_t offset = 0;
        if (!ReadPageQuery(req, s.errors, &q, &offset)) return s.errors.Send(req, res, 400, "invalid_request");
        SearchResult result = snapshot->search.Search(q);
        std::vector<std::string_view> skus;
        for (size_t i = offset; i < result.hits.size(); i++) skus.push_back(snapshot->catalog.products[result.hits[i]].sku);
        std::string error;
        std::optional<std::vector<SkuAvailability>> availability = s.stores->inventory.InventoryOf(skus, &error);
        if (!availability) return s.errors.Internal(req, res, "reading the inventory", error);
        ServeFreshBody(req, res, CatalogPageToJson(snapshot->catalog, result, offset, *availability), "application/json; charset=utf-8");
    });

    // One product in full (its page, when the catalog came a page at a time).
    routes.Get("/api/products/{sku}", [&s](const httplib::Request& req, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        const Product* p = snapshot->catalog.FindBySku(req.matches[1].str());
        if (!p) return s.errors.Send(req, res, 404, "not_found");
        ServeFreshBody(req, res, ProductToJson(*p), "application/json; charset=utf-8");
    });

    routes.Get("/api/search", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!AllowRate(s, "search", req, res)) return;
        SearchQuery q;
        if (!ReadSearchQuery(req, s.errors, &q)) return s.errors.Send(req, res, 400, "invalid_request");
        auto snapshot = s.catalog.Current();
        SendJson(res, 200, SearchResultToJson(snapshot->search.Search(q), snapshot->catalog.products));
    });

    // The words that suggest a plain export's HS headings (the merchant screen's fix-up file).
    routes.Get("/api/hs-keywords", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!s.hs_keywords_body) return s.errors.Send(req, res, 404, "not_found");
        ServeCachedBody(req, res, s.hs_keywords_body);
    });
    routes.Get("/api/tax-table", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.tax_table_body);
    });

    // The store's display-currency rates; 404 when it shows yuan only.
    routes.Get("/api/currency-rates", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!s.currency_rates_body) return s.errors.Send(req, res, 404, "not_found");
        ServeCachedBody(req, res, s.currency_rates_body);
    });

    // Availability per SKU for shoppers: what can still be ordered, and where.
    routes.Get("/api/inventory", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string error;
        std::optional<std::vector<SkuAvailability>> items;
        if (req.has_param("skus")) { // some SKUs (a large catalog's client asks for its cart's)
            std::vector<std::string_view> skus;
            const std::string list = req.get_param_value("skus");
            if (!ReadSkuList(list, &skus)) return s.errors.Send(req, res, 400, "invalid_request");
            items = s.stores->inventory.InventoryOf(skus, &error);
        } else {
            items = s.stores->inventory.Inventory(&error);
        }
        // An empty list would read as "everything sold out".
        if (!items) return s.errors.Internal(req, res, "reading the inventory", error);
        ServeFreshBody(req, res, InventoryToJson(*items), "application/json; charset=utf-8");
    });

    // A tax quote for catalog SKUs: the same core function the browser runs, on the server's
    // catalog and tax table. The client's own numbers are never used.
    posts.Post("/api/quote", {kMaxQuoteRequestBytes}, [&s](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        if (!AllowRate(s, "quote", req, res)) return;
        QuoteRequestParse parsed = ParseQuoteRequestJson(body, QuoteLineForm::CatalogSku);
        if (!parsed.ok()) return s.errors.SendProblems(req, res, 400, "invalid_request", parsed.problems);
        std::vector<CartLine> cart;
        for (const QuoteLine& l : parsed.request.lines) cart.push_back({l.sku, l.qty});
        QuoteRequest request = parsed.request;
        std::vector<Problem> problems = FillQuoteLines(s.catalog.Current()->catalog, cart, &request.lines);
        if (!problems.empty()) return s.errors.SendProblems(req, res, 422, "invalid_request", problems);
        if (!parsed.has_date) request.date = TodayInChina();
        SendJson(res, 200, TaxQuoteToJson(Quote(request, s.tax_table)));
    });
}

} // namespace bondstore
