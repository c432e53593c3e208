#include "http_api.h"

#include "storefront.h"

#include "china_time.h"
#include "merchant_api.h"
#include "order_api.h"
#include "single_window_api.h"

#include "core/cart.h"
#include "core/i18n_bundle.h"
#include "core/search.h"
#include "core/i18n.h"
#include "core/tax.h"
#include "core/wire.h"

#include <httplib.h>

namespace bondstore {

#ifndef BONDSTORE_VERSION
#define BONDSTORE_VERSION "dev"
#endif

// A quote request names at most 99 lines; 64 KiB is far more than that takes.
constexpr size_t kMaxQuoteRequestBytes = 64 * 1024;

void MountRoutes(httplib::Server& server, Storefront& s)
{
    server.Get("/api/health", [&s](const httplib::Request&, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        std::string body = std::string("{\"status\":\"ok\",\"version\":\"") + BONDSTORE_VERSION +
                           "\",\"store\":\"" + s.store->kind() + "\",\"icu\":\"" + IcuVersion() +
                           "\",\"catalog_version\":" + std::to_string(snapshot->catalog.version) +
                           ",\"products\":" + std::to_string(snapshot->catalog.products.size()) + "}";
        res.set_header("Cache-Control", "no-store");
        res.set_content(body, "application/json; charset=utf-8");
    });

    server.Get("/api/catalog", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.catalog.Current()->body);
    });

    // Search over the published catalog: ?q=&category=&origin=&price_band=&sort=relevance|price_asc|
    // price_desc|name&locale=&limit= (default 50, at most 500).
    server.Get("/api/search", [&s](const httplib::Request& req, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        SearchQuery q;
        q.text = req.get_param_value("q");
        q.category = req.get_param_value("category");
        q.origin_iso = req.get_param_value("origin");
        std::string band = req.get_param_value("price_band");
        if (!band.empty()) {
            if (band.size() != 1 || band[0] < '0' || band[0] >= char('0' + kPriceBandCount)) return s.errors.Send(req, res, 400, "invalid_request");
            q.price_band = band[0] - '0';
        }
        std::string sort = req.get_param_value("sort");
        if (sort == "price_asc") q.order = SearchOrder::PriceAscending;
        else if (sort == "price_desc") q.order = SearchOrder::PriceDescending;
        else if (sort == "name") q.order = SearchOrder::Name;
        else if (!sort.empty() && sort != "relevance") return s.errors.Send(req, res, 400, "invalid_request");
        q.locale = req.has_param("locale") ? NegotiateLocale({req.get_param_value("locale")})
                                           : s.errors.NegotiateLocale(req.get_header_value("Accept-Language"));
        q.limit = 50;
        if (req.has_param("limit")) {
            int limit = std::atoi(req.get_param_value("limit").c_str());
            if (limit < 1 || limit > 500) return s.errors.Send(req, res, 400, "invalid_request");
            q.limit = size_t(limit);
        }
        if (q.text.size() > 200) return s.errors.Send(req, res, 400, "invalid_request");
        res.set_header("Cache-Control", "no-store");
        res.set_content(SearchResultToJson(snapshot->search.Search(q), snapshot->catalog.products), "application/json; charset=utf-8");
    });

    server.Get("/api/tax-table", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.tax_table_body);
    });

    // The store's display-currency rates; 404 when it shows yuan only.
    // What a kiosk (/kiosk) takes from the store's configuration.
    server.Get("/api/kiosk", [&s](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content("{\"idle_seconds\":" + std::to_string(s.options.kiosk_idle) + ",\"warning_seconds\":20}",
                        "application/json; charset=utf-8");
    });

    server.Get("/api/currency-rates", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!s.currency_rates_body) return s.errors.Send(req, res, 404, "not_found");
        ServeCachedBody(req, res, s.currency_rates_body);
    });

    // A tax quote for catalog SKUs: the same core function the browser runs, on the server's
    // catalog and tax table. The client's own numbers are never used.
    server.Post("/api/quote", [&s](const httplib::Request& req, httplib::Response& res) {
        if (req.body.size() > kMaxQuoteRequestBytes) return s.errors.Send(req, res, 413, "body_too_large");
        QuoteRequestParse parsed = ParseQuoteRequestJson(req.body, QuoteLineForm::CatalogSku);
        if (!parsed.ok()) return s.errors.SendProblems(req, res, 400, "invalid_request", parsed.problems);
        std::vector<CartLine> cart;
        for (const QuoteLine& l : parsed.request.lines) cart.push_back({l.sku, l.qty});
        QuoteRequest request = parsed.request;
        std::vector<Problem> problems = FillQuoteLines(s.catalog.Current()->catalog, cart, &request.lines);
        if (!problems.empty()) return s.errors.SendProblems(req, res, 422, "invalid_request", problems);
        if (!parsed.has_date) request.date = TodayInChina();
        res.set_header("Cache-Control", "no-store");
        res.set_content(TaxQuoteToJson(Quote(request, s.tax_table)), "application/json; charset=utf-8");
    });

    MountMerchantRoutes(server, s);
    MountOrderRoutes(server, s);
    MountSingleWindowRoutes(server, s);

    // Anything else under /api/ is a JSON 404, never the web app's index.html.
    auto not_found = [&s](const httplib::Request& req, httplib::Response& res) { s.errors.Send(req, res, 404, "not_found"); };
    server.Get(R"(/api/.*)", not_found);
    server.Post(R"(/api/.*)", not_found);

    // Product images a catalog links to as /images/NAME.
    server.Get(R"(/images/(.+))", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.images.Find("/" + req.matches[1].str())) return ServeCachedBody(req, res, body);
        s.errors.Send(req, res, 404, "not_found");
    });

    // The web app: its files, and index.html for "/".
    server.Get(R"(/.*)", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.web.Find(req.path)) {
            ServeCachedBody(req, res, body);
            return;
        }
        s.errors.Send(req, res, 404, "not_found");
    });

    server.set_exception_handler([&s](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        s.errors.Send(req, res, 500, "internal");
    });
}

} // namespace bondstore
