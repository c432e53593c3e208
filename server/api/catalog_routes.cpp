// What shoppers browse: the published catalog, search over it, the tax table and display-currency
// rates, bonded availability, and a tax quote for a cart.
#include "server/api/routes.h"

#include "server/api/client_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"

#include "core/cart/cart.h"
#include "core/i18n/i18n_bundle.h"
#include "core/search/search.h"
#include "core/tax/tax.h"
#include "core/wire/catalog_json.h"
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

} // namespace

void MountCatalogRoutes(httplib::Server& server, BodyRoutes& posts, Storefront& s)
{
    server.Get("/api/catalog", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.catalog.Current()->body);
    });

    server.Get("/api/search", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!AllowRate(s, "search", req, res)) return;
        SearchQuery q;
        if (!ReadSearchQuery(req, s.errors, &q)) return s.errors.Send(req, res, 400, "invalid_request");
        auto snapshot = s.catalog.Current();
        SendJson(res, 200, SearchResultToJson(snapshot->search.Search(q), snapshot->catalog.products));
    });

    server.Get("/api/tax-table", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.tax_table_body);
    });

    // The store's display-currency rates; 404 when it shows yuan only.
    server.Get("/api/currency-rates", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!s.currency_rates_body) return s.errors.Send(req, res, 404, "not_found");
        ServeCachedBody(req, res, s.currency_rates_body);
    });

    // Availability per SKU for shoppers: what can still be ordered, and where.
    server.Get("/api/inventory", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string error;
        std::optional<std::vector<SkuAvailability>> items = s.stores->inventory.Inventory(&error);
        // An empty list would read as "everything sold out".
        if (!items) return s.errors.Internal(req, res, "reading the inventory", error);
        SendJson(res, 200, InventoryToJson(*items));
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
