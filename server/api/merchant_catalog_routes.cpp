// A merchant's catalog: upload (native JSON, Shopify CSV, Google Merchant TSV/XML) with dry runs
// and all-or-nothing or partial application, and export.
#include "server/api/routes.h"
#include "server/operations/event_log.h"

#include "server/api/merchant_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"

#include "core/import/catalog_import.h"
#include "core/wire/catalog_json.h"
#include "core/wire/import_report_json.h"

#include <httplib.h>

#include <algorithm>
#include <set>

namespace bondstore {

namespace {

// A catalog file may be up to 64 MiB (ImportOptions); the route takes a little more so the importer
// can say "too large" itself, in the report, instead of the connection being cut.
constexpr uint64_t kMaxUploadBytes = 64ull << 20;
constexpr size_t kMaxUploadBodyBytes = kMaxUploadBytes + (1u << 20);

Problem OwnedByOther(const std::string& sku)
{
    Problem p;
    p.code = "catalog.sku_owned_by_other_merchant";
    p.sku = sku;
    p.field = "sku";
    p.value = sku;
    return p;
}

// The file streams through core's importer as it arrives; only the products it yields are kept.
// The format is detected from the first bytes when not given.
CatalogImport ImportUpload(const httplib::Request& req, const std::function<bool(const BodyRoutes::Chunk&)>& content,
                           CatalogFormat* format, const ImportOptions& options, bool* whole)
{
    std::unique_ptr<CatalogImporter> importer;
    std::string head;
    auto start = [&] {
        if (*format == CatalogFormat::Unknown) *format = DetectCatalogFormat(head, req.get_param_value("filename"));
        importer = std::make_unique<CatalogImporter>(*format, options);
        importer->Feed(head);
        std::string().swap(head);
    };
    *whole = content([&](const char* data, size_t length) {
        if (importer) {
            importer->Feed(std::string_view(data, length));
        } else {
            head.append(data, length);
            if (head.size() >= 4096) start();
        }
        return true;
    });
    if (!importer) start();
    return importer->Finish();
}

// POST /api/merchant/catalog?format=json|shopify|google-tsv|google-xml (else detected),
// ?dry_run=1 (report only), ?partial=1 (apply the valid rows even if others fail),
// ?lang=<locale of untagged titles>.
void UploadCatalog(Storefront& s, const httplib::Request& req, httplib::Response& res,
                   const std::function<bool(const BodyRoutes::Chunk&)>& content)
{
    std::string merchant = AuthenticatedMerchant(s, req, res);
    if (merchant.empty()) return;
    ImportOptions options;
    options.merchant = merchant;
    options.tax_table = &s.tax_table;
    options.date = TodayInChina();
    options.max_file_bytes = kMaxUploadBytes;
    if (req.has_param("lang")) options.source_locale = req.get_param_value("lang");
    CatalogFormat format = ParseFormatName(req.get_param_value("format"));
    if (req.has_param("format") && format == CatalogFormat::Unknown) return s.errors.Send(req, res, 400, "format_unknown");
    bool whole = false;
    CatalogImport imported = ImportUpload(req, content, &format, options, &whole);
    if (!whole) return; // stopped: too large, too slow or cut (BodyRoutes answers)

    ImportReport report;
    report.format = FormatName(format);
    report.dialect = imported.dialect;
    report.dry_run = QueryFlag(req, "dry_run");
    report.partial = QueryFlag(req, "partial");
    report.rows = imported.rows;
    report.rejected = imported.rejected;
    report.problems = std::move(imported.problems);
    if (imported.fatal) return SendImportReport(s, req, res, 422, report);

    // Another merchant's SKU is never touched (the store checks again inside its transaction).
    std::vector<std::string> skus;
    for (const ImportedProduct& p : imported.products) skus.push_back(p.product.sku);
    std::string error;
    std::optional<std::map<std::string, std::string>> owners = s.stores->catalog.OwnersOf(skus, &error);
    if (!owners) return s.errors.Internal(req, res, "reading SKU owners", error);
    std::vector<Product> products;
    for (ImportedProduct& p : imported.products) {
        auto owner = owners->find(p.product.sku);
        if (owner != owners->end() && owner->second != merchant) {
            Problem problem = OwnedByOther(p.product.sku);
            problem.row = p.row;
            problem.index = p.index;
            if (p.row < 0) problem.section = "products";
            report.problems.push_back(std::move(problem));
            report.rejected++;
            continue;
        }
        products.push_back(std::move(p.product));
    }
    report.valid = int64_t(products.size());
    if (HasErrors(report.problems) && !report.partial) return SendImportReport(s, req, res, 422, report); // all or nothing

    std::optional<CatalogStore::UpsertResult> result =
        s.stores->catalog.UpsertProducts(merchant, products, report.dry_run, !report.partial, &error);
    if (!result) return s.errors.Internal(req, res, "writing products", error);
    for (const std::string& sku : result->owned_by_others) report.problems.push_back(OwnedByOther(sku));
    report.created = result->created;
    report.updated = result->updated;
    report.unchanged = result->unchanged;
    report.catalog_version = result->catalog_version;
    report.applied = result->applied;
    if (result->applied && result->created + result->updated > 0) {
        // Publish what was written (never another merchant's SKU the store refused).
        std::set<std::string> refused(result->owned_by_others.begin(), result->owned_by_others.end());
        std::erase_if(products, [&](const Product& p) { return refused.count(p.sku) > 0; });
        std::string why;
        if (!s.catalog.Apply(products, result->catalog_version) && !s.catalog.Refresh(s.stores->catalog, &why))
            LogEvent(LogLevel::Error, "import", {{"what", std::string("publishing the catalog")}, {"catalog_version", result->catalog_version}, {"error", why}});
    }
    SendImportReport(s, req, res, HasErrors(report.problems) && !report.applied ? 422 : 200, report);
}

} // namespace

void MountMerchantCatalogRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    BodyRoutes::Limits upload{kMaxUploadBodyBytes, /*compressed=*/true};
    posts.PostStream("/api/merchant/catalog", upload,
                     [&s](const httplib::Request& req, httplib::Response& res, const std::function<bool(const BodyRoutes::Chunk&)>& read) {
                         UploadCatalog(s, req, res, read);
                     },
                     [&s](const httplib::Request& req, httplib::Response& res) { return MerchantFirst(s, req, res); });

    // Export: the merchant's products as native JSON (lossless) or Shopify CSV.
    routes.Get("/api/merchant/products", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
        if (format != "json" && format != "csv") return s.errors.Send(req, res, 400, "format_unknown");
        std::string error;
        std::optional<std::vector<Product>> products = s.stores->catalog.MerchantProducts(merchant, &error);
        if (!products) return s.errors.Internal(req, res, "reading a merchant's products", error);
        res.set_header("Cache-Control", "no-store");
        if (format == "csv") {
            res.set_header("Content-Disposition", "attachment; filename=\"" + merchant + "-products.csv\"");
            return res.set_content(ProductsToShopifyCsv(*products), "text/csv; charset=utf-8");
        }
        Catalog mine;
        mine.products = std::move(*products);
        mine.version = s.catalog.Current()->catalog.version;
        res.set_content(CatalogToJson(mine), "application/json; charset=utf-8");
    });
}

} // namespace bondstore
