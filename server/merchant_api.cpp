#include "merchant_api.h"

#include "china_time.h"
#include "merchant_tokens.h"
#include "storefront.h"

#include "core/bonded_stock.h"
#include "core/calendar_date.h"
#include "core/catalog_import.h"
#include "core/wire.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

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
            std::string why;
            if (!s.catalog.Apply(products, result->catalog_version) && !s.catalog.Refresh(*s.store, &why))
                std::fprintf(stderr, "bondstore-server: publishing catalog v%lld: %s\n",
                             static_cast<long long>(result->catalog_version), why.c_str());
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

    // The merchant's sales for the merchant screen's charts: ?days=N (1…366, default 30) China
    // calendar days up to today: orders, goods and tax paid, customs rejections per day, and the
    // ten products that sold most.
    server.Get("/api/merchant/stats", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        int64_t days = 30;
        if (req.has_param("days")) {
            const std::string v = req.get_param_value("days");
            days = v.size() <= 3 && !v.empty() && std::all_of(v.begin(), v.end(), ::isdigit) ? std::stoll(v) : 0;
            if (days < 1 || days > 366) return s.errors.Send(req, res, 400, "invalid_request");
        }
        const int64_t today = (UnixNow() + 28800) / 86400; // China calendar day
        const int64_t first = today - days + 1;
        std::string error;
        auto stats = s.store->MerchantSales(merchant, first * 86400 - 28800, &error);
        if (!stats) return s.errors.Send(req, res, 500, "internal");
        nlohmann::ordered_json j;
        j["merchant"] = merchant;
        j["from"] = FormatIsoDate(ChinaDateAt(first * 86400 - 28800));
        j["to"] = FormatIsoDate(ChinaDateAt(today * 86400 - 28800));
        // Every day of the range, with zeros where nothing was sold (a chart's x axis).
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        size_t k = 0;
        for (int64_t day = first; day <= today; day++) {
            Store::SalesDay d{day};
            while (k < stats->days.size() && stats->days[k].day < day) k++;
            if (k < stats->days.size() && stats->days[k].day == day) d = stats->days[k];
            out.push_back({{"date", FormatIsoDate(ChinaDateAt(day * 86400 - 28800))}, {"orders", d.orders}, {"goods_fen", d.goods_fen},
                           {"tax_fen", d.tax_fen}, {"rejected", d.rejected}});
        }
        j["days"] = out;
        nlohmann::ordered_json top = nlohmann::ordered_json::array();
        for (const Store::TopProduct& t : stats->top) top.push_back({{"sku", t.sku}, {"qty", t.qty}, {"goods_fen", t.goods_fen}});
        j["top"] = top;
        res.set_header("Cache-Control", "no-store");
        res.set_content(j.dump(), "application/json; charset=utf-8");
    });

    // One change to on-hand stock, idempotent on its id:
    // {"id","sku","warehouse","delta","reason"} → {"id","sku","warehouse","on_hand","reserved","available","replayed"}.
    server.Post("/api/merchant/stock/adjustments", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        if (req.body.size() > 4096) return s.errors.Send(req, res, 413, "body_too_large");
        auto j = nlohmann::json::parse(req.body, nullptr, false);
        auto text = [&](const char* k) { return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
        Store::StockAdjustment a;
        a.id = text("id");
        a.sku = text("sku");
        a.warehouse = text("warehouse");
        a.reason = text("reason");
        bool delta_ok = j.is_object() && j.contains("delta") && j["delta"].is_number_integer();
        if (delta_ok) a.delta = j["delta"].get<int64_t>();
        if (!j.is_object() || a.id.empty() || a.id.size() > 100 || a.sku.empty() || a.warehouse.empty() || a.reason.empty() ||
            a.reason.size() > 200 || !delta_ok || a.delta == 0 || a.delta > 1'000'000'000 || a.delta < -1'000'000'000)
            return s.errors.Send(req, res, 400, "invalid_request");
        a.now = UnixNow();
        std::string error;
        std::optional<Store::AdjustmentResult> r = s.store->AdjustStock(merchant, a, &error);
        if (!r) return s.errors.Send(req, res, 500, "internal");
        if (!r->problem.empty()) {
            Problem p;
            p.code = r->problem;
            p.sku = a.sku;
            p.field = r->problem == "stock.unknown_warehouse" ? "warehouse" : r->problem == "stock.adjustment_reused" ? "id" : "sku";
            p.value = p.field == "warehouse" ? a.warehouse : p.field == "id" ? a.id : a.sku;
            return s.errors.SendProblems(req, res, r->problem == "stock.adjustment_reused" ? 409 : 422, "invalid_request", {p});
        }
        res.status = r->replayed ? 200 : 201;
        res.set_header("Cache-Control", "no-store");
        res.set_content("{\"id\":" + JsonQuote(a.id) + ",\"sku\":" + JsonQuote(a.sku) + ",\"warehouse\":" + JsonQuote(a.warehouse) +
                            ",\"on_hand\":" + std::to_string(r->on_hand) + ",\"reserved\":" + std::to_string(r->reserved) +
                            ",\"available\":" + std::to_string(r->on_hand - r->reserved) +
                            ",\"replayed\":" + (r->replayed ? "true" : "false") + "}",
                        "application/json; charset=utf-8");
    });

    // What happened to an order after payment, as the merchant (until the single-window relay
    // reports it) records it: {"event": "declare|release|reject|ship|deliver|return", "detail"}.
    // Only for orders whose every line is the merchant's.
    server.Post(R"(/api/merchant/orders/([A-Za-z0-9]+)/events)", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = Authenticate(s, req, res);
        if (merchant.empty()) return;
        auto j = nlohmann::json::parse(req.body, nullptr, false);
        std::string event_code = j.is_object() && j.contains("event") && j["event"].is_string() ? j["event"].get<std::string>() : "";
        std::string detail = j.is_object() && j.contains("detail") && j["detail"].is_string() ? j["detail"].get<std::string>() : "";
        std::optional<OrderEvent> event = ParseEvent(event_code);
        if (!event || *event == OrderEvent::Pay || *event == OrderEvent::Expire || detail.size() > 200)
            return s.errors.Send(req, res, 400, "invalid_request");
        // With the single window connected, customs' receipts declare, release and reject: a
        // merchant cannot say so for customs.
        bool customs_event = *event == OrderEvent::Declare || *event == OrderEvent::Release || *event == OrderEvent::Reject;
        if (customs_event && !s.options.single_window.empty()) return s.errors.Send(req, res, 409, "transition_not_allowed");
        std::string error;
        std::optional<Store::StoredOrder> order = s.store->FindOrder(req.matches[1], &error);
        if (!order) return s.errors.Send(req, res, 500, "internal");
        std::vector<std::string> skus;
        for (const OrderLineRequest& l : order->receipt.lines) skus.push_back(l.sku);
        std::map<std::string, std::string> owners = s.store->OwnersOf(skus, &error);
        bool mine = !order->receipt.order_no.empty() && !skus.empty();
        for (const std::string& sku : skus) mine = mine && owners[sku] == merchant;
        if (!mine) return s.errors.Send(req, res, 404, "order_not_found");
        auto t = s.store->Transition(order->receipt.order_no, *event, detail, UnixNow(), &error);
        if (!t) return s.errors.Send(req, res, 500, "internal");
        if (!t->problem.empty())
            return s.errors.Send(req, res, 409, t->problem == "order.return_window_closed" ? "return_window_closed" : "transition_not_allowed");
        order = s.store->FindOrder(order->receipt.order_no, &error);
        if (!order) return s.errors.Send(req, res, 500, "internal");
        res.set_header("Cache-Control", "no-store");
        res.set_content(OrderReceiptToJson(order->receipt), "application/json; charset=utf-8");
    });
}

} // namespace bondstore
