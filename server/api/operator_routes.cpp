// The operator's API (GET /api/admin/…, the operator screen's): what happened across the whole
// store — orders by experience store and kiosk and the kiosks' last contact, the orders
// themselves, customs' rejections, refunds and tax bills of every merchant, the merchants and
// their tokens; and the metrics (GET /metrics). Each answers only to the admin token
// (--admin-token-file); the relay's state is single_window_routes.cpp's.
#include "server/api/routes.h"

#include "server/api/ledger_replies.h"
#include "server/app/storefront.h"
#include "server/base/bytes.h"
#include "server/base/china_time.h"
#include "server/base/files.h"
#include "server/http/json_reply.h"
#include "server/reports/statistics_workbook.h"

#include "core/wire/operator_json.h"

#include <httplib.h>

#include <cstdio>
#include <map>

namespace bondstore {

namespace {

constexpr size_t kMaxFilterBytes = 100; // a store or kiosk id

bool Operator(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    if (HasBearerToken(req, s.options.admin_token)) return true;
    res.set_header("WWW-Authenticate", "Bearer realm=\"bondstore-operator\"");
    s.errors.Send(req, res, 401, "unauthorized");
    return false;
}

// ?name=…: absent, or an id of at most kMaxFilterBytes ("" names shoppers' own devices).
bool FilterParam(const httplib::Request& req, const char* name, std::optional<std::string>& out)
{
    if (!req.has_param(name)) return true;
    out = req.get_param_value(name);
    return out->size() <= kMaxFilterBytes;
}

} // namespace

void MountOperatorRoutes(RouteTable& routes, Storefront& s)
{
    // ?days=N China calendar days up to today: orders by store and kiosk, the kiosks and their
    // last contact, orders per day and how many came from the stores.
    routes.Get("/api/admin/activity", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!Operator(s, req, res)) return;
        std::optional<int64_t> days = QueryInteger(req, "days", 30, 1, 366);
        if (!days) return s.errors.Send(req, res, 400, "invalid_request");
        const int64_t today = ChinaDayOf(UnixNow());
        const int64_t first = today - *days + 1;
        std::string error;
        auto places = s.stores->sales.SalesByPlace(ChinaDayStart(first), &error);
        auto by_day = places ? s.stores->sales.OrdersByDay(ChinaDayStart(first), &error) : std::nullopt;
        auto kiosks = by_day ? s.stores->kiosks.ListKiosks(&error) : std::nullopt;
        if (!kiosks) return s.errors.Internal(req, res, "reading the stores' activity", error);
        StoreActivity a;
        a.from = ChinaDayText(first);
        a.to = ChinaDayText(today);
        for (const SalesStore::PlaceSales& p : *places) a.places.push_back({p.store, p.kiosk, p.orders, p.goods_fen, p.tax_fen});
        for (const KioskStore::KioskInfo& k : *kiosks) a.kiosks.push_back({k.id, k.name, k.store, KioskStore::State(k), k.last_seen_at});
        // Every day of the range, with zeros where nothing was ordered (a chart's x axis).
        size_t k = 0;
        for (int64_t day = first; day <= today; day++) {
            while (k < by_day->size() && (*by_day)[k].day < day) k++;
            bool any = k < by_day->size() && (*by_day)[k].day == day;
            a.days.push_back({ChinaDayText(day), any ? (*by_day)[k].orders : 0, any ? (*by_day)[k].at_stores : 0});
        }
        SendJson(res, 200, StoreActivityToJson(a));
    });

    // ?store=S&kiosk=K&limit=N (N ≤ 500, default 100): the newest orders, of one store or kiosk.
    routes.Get("/api/admin/orders", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!Operator(s, req, res)) return;
        std::optional<std::string> store, kiosk;
        std::optional<int64_t> limit = QueryInteger(req, "limit", 100, 1, 500);
        if (!limit || !FilterParam(req, "store", store) || !FilterParam(req, "kiosk", kiosk))
            return s.errors.Send(req, res, 400, "invalid_request");
        std::string error;
        auto rows = s.stores->sales.RecentOrders(store, kiosk, int(*limit), &error);
        if (!rows) return s.errors.Internal(req, res, "listing orders", error);
        OrderOverview overview;
        for (const SalesStore::OrderRow& r : *rows)
            overview.orders.push_back({r.order_no, r.placed_at, ParseStatus(r.status).value_or(OrderStatus::PendingPayment), r.merchant,
                                       r.store, r.kiosk, r.goods_fen, r.tax_fen, r.amount_fen});
        SendJson(res, 200, OrderOverviewToJson(overview));
    });

    // Orders customs rejected, with the receipt that said why (the newest 200).
    routes.Get("/api/admin/rejections", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!Operator(s, req, res)) return;
        std::string error;
        auto rows = s.stores->relay.Rejections(200, &error);
        if (!rows) return s.errors.Internal(req, res, "listing rejections", error);
        CustomsRejections list;
        for (const RelayStore::Rejection& r : *rows)
            list.rejections.push_back({r.order_no, r.merchant, r.store, r.rejected_at, r.message, r.code, r.info});
        SendJson(res, 200, CustomsRejectionsToJson(list));
    });

    // Every merchant's refunds (due until the provider confirms), and customs' tax bills that
    // differ from the tax charged (?all=1: every bill).
    routes.Get("/api/admin/refunds", [&s](const httplib::Request& req, httplib::Response& res) {
        if (Operator(s, req, res)) SendRefunds(s, req, res, "");
    });
    routes.Get("/api/admin/tax-bills", [&s](const httplib::Request& req, httplib::Response& res) {
        if (Operator(s, req, res)) SendTaxBills(s, req, res, "", !QueryFlag(req, "all"));
    });

    // The regulator's figures of a month (?month=YYYY-MM) or a day (?day=YYYY-MM-DD): JSON, or
    // with ?format=csv a CSV file, ?format=xlsx the workbook with its charts (bondstore-admin
    // stats writes the same).
    routes.Get("/api/admin/stats", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!Operator(s, req, res)) return;
        std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
        std::string given = req.has_param("month") ? req.get_param_value("month") : req.get_param_value("day");
        std::optional<StatisticsPeriod> period = req.has_param("month") && req.has_param("day") ? std::nullopt : ParseStatisticsPeriod(given);
        if (!period || (format != "json" && format != "csv" && format != "xlsx")) return s.errors.Send(req, res, 400, "invalid_request");
        std::string error;
        std::optional<RetailStatistics> figures = s.stores->sales.Statistics(*period, &error);
        if (!figures) return s.errors.Internal(req, res, "reading the statistics", error);
        if (format == "json") return SendJson(res, 200, RetailStatisticsToJson(*figures));
        const std::string file = StatisticsFileName(period->name, format);
        std::string bytes;
        if (format == "csv") {
            bytes = RetailStatisticsCsv(*figures);
        } else {
            // (libxlsxwriter writes files: one of our own in the data directory, read and removed.)
            const std::string path = s.options.data_dir + "/.stats-" + RandomHex(8) + ".xlsx";
            bool written = WriteStatisticsWorkbook(*figures, path, &error) && ReadFile(path, &bytes);
            std::remove(path.c_str());
            if (!written) return s.errors.Internal(req, res, "writing the statistics workbook", error);
        }
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        res.set_content(bytes, std::string(StatisticsMediaType(format)));
    });

    // The merchants and their tokens (label, the first digits of its hash, created, revoked).
    routes.Get("/api/admin/merchants", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!Operator(s, req, res)) return;
        std::string error;
        auto tokens = s.stores->merchants.ListTokens(&error);
        if (!tokens) return s.errors.Internal(req, res, "listing merchants", error);
        MerchantAccounts accounts;
        std::map<std::string, size_t> index; // (tokens are listed by creation: a merchant's may be apart)
        for (const MerchantStore::TokenInfo& t : *tokens) {
            auto [at, added] = index.emplace(t.merchant, accounts.merchants.size());
            if (added) accounts.merchants.push_back({t.merchant, {}});
            accounts.merchants[at->second].tokens.push_back({t.label, t.hash_prefix, t.created_at, t.revoked});
        }
        SendJson(res, 200, MerchantAccountsToJson(accounts));
    });

    // The metrics, for Prometheus (operations/metrics.h, docs/operations.md): scraped with the
    // operator's token (a scrape job's `authorization: credentials_file`). A database that does not
    // answer still leaves this process's figures, and bondstore_store_up 0.
    routes.Get("/metrics", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!Operator(s, req, res)) return;
        std::string error;
        std::optional<StoreFigures> figures = s.stores->metrics.Figures(UnixNow(), &error);
        res.set_header("Cache-Control", "no-store");
        res.set_content(s.metrics.Text(figures ? &*figures : nullptr), std::string(kPrometheusMediaType));
    });
}

} // namespace bondstore
