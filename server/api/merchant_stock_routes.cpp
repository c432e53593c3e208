// A merchant's bonded stock: a whole stock file (all rows or none), and one adjustment at a time,
// idempotent on its id.
#include "server/api/routes.h"

#include "server/api/merchant_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"

#include "core/catalog/bonded_stock.h"
#include "core/wire/import_report_json.h"
#include "core/wire/merchant_json.h"

#include <httplib.h>

namespace bondstore {

namespace {

constexpr size_t kMaxAdjustmentBytes = 4096;
constexpr size_t kMaxStockFileBytes = 8u << 20; // 100,000 rows of "sku,warehouse,on_hand" fit in a fraction of it

// The field a stock problem's code is about.
const char* StockField(const std::string& code)
{
    if (code == "stock.unknown_warehouse") return "warehouse";
    if (code == "stock.below_reserved") return "on_hand";
    if (code == "stock.adjustment_reused") return "id";
    return "sku";
}

} // namespace

void MountMerchantStockRoutes(RouteTable&, BodyRoutes& posts, Storefront& s)
{
    auto merchant_first = [&s](const httplib::Request& req, httplib::Response& res) { return MerchantFirst(s, req, res); };
    // CSV "sku,warehouse,on_hand" for the merchant's own SKUs; all rows or none.
    posts.Post("/api/merchant/stock", {kMaxStockFileBytes}, [&s](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        StockImport parsed = ImportStockCsv(body);
        ImportReport report;
        report.kind = "stock";
        report.format = "csv";
        report.dry_run = QueryFlag(req, "dry_run");
        report.rows = int64_t(parsed.levels.size());
        report.problems = std::move(parsed.problems);
        if (HasErrors(report.problems)) return SendImportReport(s, req, res, 422, report);
        std::string error;
        std::optional<InventoryStore::StockResult> result = s.stores->inventory.SetStock(merchant, parsed.levels, report.dry_run, &error);
        if (!result) return s.errors.Internal(req, res, "writing stock", error);
        for (const auto& [index, code] : result->problems) {
            const StockLevel& level = parsed.levels[index];
            Problem p;
            p.code = code;
            p.row = parsed.rows[index];
            p.sku = level.sku;
            p.field = StockField(code);
            p.value = p.field == "warehouse" ? level.warehouse : p.sku;
            report.problems.push_back(std::move(p));
        }
        report.valid = report.rows - int64_t(result->problems.size());
        report.rejected = int64_t(result->problems.size());
        report.updated = result->updated;
        report.unchanged = result->unchanged;
        report.applied = result->problems.empty() && !report.dry_run;
        SendImportReport(s, req, res, result->problems.empty() ? 200 : 422, report);
    }, merchant_first);

    // One change to on-hand stock, idempotent on its id (core/wire/merchant_json.h).
    posts.Post("/api/merchant/stock/adjustments", {kMaxAdjustmentBytes}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                              const std::string& body) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        StockAdjustmentParse parsed = ParseStockAdjustmentJson(body);
        if (!parsed.ok()) return s.errors.SendProblems(req, res, 400, "invalid_request", parsed.problems);
        const StockAdjustmentRequest& a = parsed.request;
        InventoryStore::Adjustment adjustment{a.id, a.sku, a.warehouse, a.delta, a.reason, UnixNow()};
        std::string error;
        std::optional<InventoryStore::AdjustmentResult> r = s.stores->inventory.AdjustStock(merchant, adjustment, &error);
        if (!r) return s.errors.Internal(req, res, "adjusting stock", error);
        if (!r->problem.empty()) {
            Problem p;
            p.code = r->problem;
            p.sku = a.sku;
            p.field = StockField(r->problem);
            p.value = p.field == "warehouse" ? a.warehouse : p.field == "id" ? a.id : a.sku;
            return s.errors.SendProblems(req, res, r->problem == "stock.adjustment_reused" ? 409 : 422, "invalid_request", {p});
        }
        SendJson(res, r->replayed ? 200 : 201, StockAdjustmentAnswerToJson({a.id, a.sku, a.warehouse, r->on_hand, r->reserved, r->replayed}));
    }, merchant_first);
}

} // namespace bondstore
