#include "http_api.h"

#include "storefront.h"

#include "china_time.h"
#include "merchant_api.h"

#include "core/cart.h"
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

    server.Get("/api/tax-table", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.tax_table_body);
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

    // Anything else under /api/ is a JSON 404, never the web app's index.html.
    auto not_found = [&s](const httplib::Request& req, httplib::Response& res) { s.errors.Send(req, res, 404, "not_found"); };
    server.Get(R"(/api/.*)", not_found);
    server.Post(R"(/api/.*)", not_found);

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
