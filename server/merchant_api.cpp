#include "merchant_api.h"

#include "china_time.h"
#include "merchant_tokens.h"
#include "storefront.h"

#include "core/bonded_stock.h"
#include "core/catalog_import.h"
#include "core/wire.h"

#include <httplib.h>

#include <algorithm>
#include <mutex>
#include <set>

namespace bondstore {

namespace {

// A catalog file may be up to 64 MiB (ImportOptions); the server reads a little more so it can say
// "too large" itself instead of cutting the connection.
constexpr uint64_t kMaxUploadBytes = 64ull << 20;

bool Flag(const httplib::Request& req, const char* name)
{
    std::string v = req.get_param_value(name);
    return v == "1" || v == "true" || v == "yes";
}

// The merchant the request's bearer token belongs to, or "" after answering 401.
std::string Authenticate(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    std::string header = req.get_header_value("Authorization");
    std::string token = header.rfind("Bearer ", 0) == 0 ? header.substr(7) : std::string();
    while (!token.empty() && token.back() == ' ') token.pop_back();
    std::string merchant;
    if (!token.empty() && token.size() < 256) {
        std::string error;
        merchant = s.store->MerchantForToken(HashMerchantToken(token), &error);
    }
    if (merchant.empty()) {
        res.set_header("WWW-Authenticate", "Bearer realm=\"bondstore-merchant\"");
        s.errors.Send(req, res, 401, "unauthorized");
    }
    return merchant;
}

void SendReport(Storefront& s, const httplib::Request& req, httplib::Response& res, int status, const ImportReport& report)
{
    std::string locale = s.errors.NegotiateLocale(req.get_header_value("Accept-Language"));
    std::string body = s.errors.Render(locale, [&](const Messages& m) { return ImportReportToJson(report, &m); });
    res.status = status;
    res.set_header("Content-Language", locale);
    res.set_header("Cache-Control", "no-store");
    res.set_content(body, "application/json; charset=utf-8");
}

Problem RowProblem(const char* code, const ImportedProduct& p)
{
    Problem pr;
    pr.code = code;
    pr.row = p.row;
    pr.index = p.index;
    if (p.row < 0) pr.section = "products";
    pr.sku = p.product.sku;
    pr.field = "sku";
    pr.value = p.product.sku;
    return pr;
}

} // namespace

void MountMerchantRoutes(httplib::Server& server, Storefront& s)
{
    server.Get("/api/merchant/me", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        res.set_header("Cache-Control", "no-store");
        res.set_content("{\"merchant\":" + JsonQuote(merchant) + "}", "application/json; charset=utf-8");
    });

    // Catalog upload. ?format=json|shopify|google-tsv|google-xml (else detected), ?dry_run=1 (report
    // only), ?partial=1 (apply the valid rows even if others fail), ?lang=<locale of untagged titles>.
    server.Post("/api/merchant/catalog", [&s](const httplib::Request& req, httplib::Response& res,
                                              const httplib::ContentReader& content) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        ImportOptions options;
        options.merchant = merchant;
        options.tax_table = &s.tax_table;
        options.date = TodayInChina();
        options.max_file_bytes = kMaxUploadBytes;
        if (req.has_param("lang")) options.source_locale = req.get_param_value("lang");
        CatalogFormat format = ParseFormatName(req.get_param_value("format"));
        if (req.has_param("format") && format == CatalogFormat::Unknown) return s.errors.Send(req, res, 400, "format_unknown");

        // The file streams through the importer as it arrives; only the products it yields are
        // kept. The format is detected from the first bytes when not given.
        std::unique_ptr<CatalogImporter> importer;
        std::string head;
        auto start = [&] {
            if (format == CatalogFormat::Unknown) format = DetectCatalogFormat(head, req.get_param_value("filename"));
            importer = std::make_unique<CatalogImporter>(format, options);
            importer->Feed(head);
            std::string().swap(head);
        };
        content([&](const char* data, size_t length) {
            if (!importer) {
                head.append(data, length);
                if (head.size() >= 4096) start();
            } else {
                importer->Feed(std::string_view(data, length));
            }
            return true;
        });
        if (!importer) start();
        CatalogImport imported = importer->Finish();

        ImportReport report;
        report.format = FormatName(format);
        report.dialect = imported.dialect;
        report.dry_run = Flag(req, "dry_run");
        report.partial = Flag(req, "partial");
        report.rows = imported.rows;
        report.rejected = imported.rejected;
        report.problems = std::move(imported.problems);
        if (imported.fatal) return SendReport(s, req, res, 422, report);

        // Another merchant's SKU is never touched (the store checks again inside its transaction).
        std::vector<std::string> skus;
        for (const ImportedProduct& p : imported.products) skus.push_back(p.product.sku);
        std::string error;
        std::map<std::string, std::string> owners = s.store->OwnersOf(skus, &error);
        std::vector<Product> products;
        for (ImportedProduct& p : imported.products) {
            auto owner = owners.find(p.product.sku);
            if (owner != owners.end() && owner->second != merchant) {
                report.problems.push_back(RowProblem("catalog.sku_owned_by_other_merchant", p));
                report.rejected++;
                continue;
            }
            products.push_back(std::move(p.product));
        }
        report.valid = int64_t(products.size());
        bool errors = HasErrors(report.problems);
        if (errors && !report.partial) return SendReport(s, req, res, 422, report); // all or nothing

        std::optional<Store::UpsertResult> result =
            s.store->UpsertProducts(merchant, products, report.dry_run, !report.partial, &error);
        if (!result) return s.errors.Send(req, res, 500, "internal");
        for (const std::string& sku : result->owned_by_others) {
            Problem p;
            p.code = "catalog.sku_owned_by_other_merchant";
            p.sku = sku;
            p.field = "sku";
            p.value = sku;
            report.problems.push_back(std::move(p));
        }
        report.created = result->created;
        report.updated = result->updated;
        report.unchanged = result->unchanged;
        report.catalog_version = result->catalog_version;
        report.applied = result->applied;
        if (result->applied && result->created + result->updated > 0) {
            // Publish what was written (never another merchant's SKU the store refused).
            std::set<std::string> refused(result->owned_by_others.begin(), result->owned_by_others.end());
            if (!refused.empty())
                products.erase(std::remove_if(products.begin(), products.end(),
                                              [&](const Product& p) { return refused.count(p.sku) > 0; }),
                               products.end());
            s.catalog.Apply(products, result->catalog_version);
        }
        SendReport(s, req, res, HasErrors(report.problems) && !report.applied ? 422 : 200, report);
    });

    // Stock: CSV "sku,warehouse,on_hand" for the merchant's own SKUs; all rows or none.
    server.Post("/api/merchant/stock", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        StockImport parsed = ImportStockCsv(req.body);
        ImportReport report;
        report.kind = "stock";
        report.format = "csv";
        report.dry_run = Flag(req, "dry_run");
        report.rows = int64_t(parsed.levels.size());
        report.problems = std::move(parsed.problems);
        if (HasErrors(report.problems)) return SendReport(s, req, res, 422, report);
        std::string error;
        std::optional<Store::StockResult> result = s.store->SetStock(merchant, parsed.levels, report.dry_run, &error);
        if (!result) return s.errors.Send(req, res, 500, "internal");
        for (const auto& [index, code] : result->problems) {
            Problem p;
            p.code = code;
            p.row = parsed.rows[size_t(index)];
            p.sku = parsed.levels[size_t(index)].sku;
            p.field = code == "stock.unknown_warehouse" ? "warehouse" : code == "stock.below_reserved" ? "on_hand" : "sku";
            p.value = p.field == "warehouse" ? parsed.levels[size_t(index)].warehouse : p.sku;
            report.problems.push_back(std::move(p));
        }
        report.valid = report.rows - int64_t(result->problems.size());
        report.rejected = int64_t(result->problems.size());
        report.updated = result->updated;
        report.unchanged = result->unchanged;
        report.applied = result->problems.empty() && !report.dry_run;
        SendReport(s, req, res, result->problems.empty() ? 200 : 422, report);
    });

    // Export: the merchant's products as native JSON (lossless) or Shopify CSV.
    server.Get("/api/merchant/products", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        std::string error;
        Catalog mine;
        mine.products = s.store->MerchantProducts(merchant, &error);
        mine.version = s.catalog.Current()->catalog.version;
        res.set_header("Cache-Control", "no-store");
        std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
        if (format == "csv") {
            res.set_header("Content-Disposition", "attachment; filename=\"" + merchant + "-products.csv\"");
            res.set_content(ProductsToShopifyCsv(mine.products), "text/csv; charset=utf-8");
        } else if (format == "json") {
            res.set_content(CatalogToJson(mine), "application/json; charset=utf-8");
        } else {
            s.errors.Send(req, res, 400, "format_unknown");
        }
    });
}

} // namespace bondstore
