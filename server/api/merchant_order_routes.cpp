// A merchant's orders: the events a merchant records (until the single-window relay reports
// them), and the sales figures of the merchant screen's charts.
#include "server/api/routes.h"

#include "server/api/ledger_replies.h"
#include "server/api/merchant_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/json_reply.h"

#include "core/base/calendar_date.h"
#include "core/wire/merchant_json.h"
#include "core/wire/order_json.h"

#include <httplib.h>

#include <algorithm>

namespace bondstore {

namespace {

constexpr size_t kMaxEmptyBodyBytes = 1024; // "{}" or nothing

// The order of the route's first match group if every line of it is `merchant`'s; otherwise
// answers 404 (another merchant's order is not probed) or 500, and nothing.
std::optional<OrderStore::StoredOrder> MerchantsOrder(Storefront& s, const std::string& merchant, const httplib::Request& req,
                                                      httplib::Response& res)
{
    std::string error;
    std::optional<OrderStore::StoredOrder> order = s.stores->orders.FindOrder(req.matches[1], &error);
    if (!order) {
        s.errors.Internal(req, res, "reading an order", error);
        return std::nullopt;
    }
    std::vector<std::string> skus;
    for (const OrderLineRequest& l : order->receipt.lines) skus.push_back(l.sku);
    std::optional<std::map<std::string, std::string>> owners = s.stores->catalog.OwnersOf(skus, &error);
    if (!owners) {
        s.errors.Internal(req, res, "reading SKU owners", error);
        return std::nullopt;
    }
    bool mine = !order->receipt.order_no.empty() && !skus.empty();
    for (const std::string& sku : skus) mine = mine && (*owners)[sku] == merchant;
    if (!mine) {
        s.errors.Send(req, res, 404, "order_not_found");
        return std::nullopt;
    }
    return order;
}

} // namespace

void MountMerchantOrderRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    // What the merchant's orders owe back (due until the provider confirms) and what went back.
    routes.Get("/api/merchant/refunds", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        SendRefunds(s, req, res, merchant);
    });

    // What happened to an order after payment, as the merchant records it: {"event":
    // "declare|release|reject|ship|deliver|return", "detail"}. Only for orders whose every line is
    // the merchant's.
    posts.Post("/api/merchant/orders/{order_no}/events", {4096}, [&s](const httplib::Request& req, httplib::Response& res,
                                                                             const std::string& text) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        std::optional<OrderEventRequest> body = ParseOrderEventJson(text);
        std::optional<OrderEvent> event = body ? ParseEvent(body->event) : std::nullopt;
        if (!event || *event == OrderEvent::Pay || *event == OrderEvent::Expire || body->detail.size() > 200)
            return s.errors.Send(req, res, 400, "invalid_request");
        // With the single window connected, customs' receipts declare, release and reject, and
        // accept or refuse withdrawals and returns: a merchant cannot say so for customs; a return
        // the merchant records is declared to customs (returned on its acceptance). Without it,
        // nothing goes to customs: a withdrawal or a declared return could never be answered.
        bool connected = !s.options.single_window.empty();
        bool customs_event = *event == OrderEvent::Declare || *event == OrderEvent::Release || *event == OrderEvent::Reject ||
                             *event == OrderEvent::WithdrawRefused || *event == OrderEvent::ReturnRefused;
        bool needs_customs = *event == OrderEvent::Withdraw || *event == OrderEvent::RequestReturn;
        if ((customs_event && connected) || (needs_customs && !connected)) return s.errors.Send(req, res, 409, "transition_not_allowed");
        if (*event == OrderEvent::Return && connected) event = OrderEvent::RequestReturn;
        std::optional<OrderStore::StoredOrder> order = MerchantsOrder(s, merchant, req, res);
        if (!order) return;
        std::string error;
        auto t = s.stores->orders.Transition(order->receipt.order_no, *event, body->detail, UnixNow(), &error);
        if (!t) return s.errors.Internal(req, res, "moving an order", error);
        if (!t->problem.empty())
            return s.errors.Send(req, res, 409, t->problem == "order.return_window_closed" ? "return_window_closed" : "transition_not_allowed");
        order = s.stores->orders.FindOrder(order->receipt.order_no, &error);
        if (!order) return s.errors.Internal(req, res, "reading an order", error);
        SendJson(res, 200, OrderReceiptToJson(order->receipt));
    }, [&s](const httplib::Request& req, httplib::Response& res) { return MerchantFirst(s, req, res); });

    // Returns declared to customs, newest first: each with the day its goods are due back in the
    // bonded area (45 days after release) and whether they are.
    routes.Get("/api/merchant/returns", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        std::string error;
        std::optional<std::vector<ReturnStore::Row>> rows = s.stores->returns.List(merchant, 200, &error);
        if (!rows) return s.errors.Internal(req, res, "listing returns", error);
        ReturnList list;
        for (const ReturnStore::Row& r : *rows) list.returns.push_back({r.order_no, r.status, r.info});
        SendJson(res, 200, ReturnListToJson(list));
    });

    // Customs' tax bills of the merchant's orders (CEB816), each checked against the tax charged.
    routes.Get("/api/merchant/tax-bills", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        SendTaxBills(s, req, res, merchant, false);
    });

    // The returned goods are back in the bonded warehouse: restocked, and the shopper refunded.
    // Only after customs accepted the return, once.
    posts.Post("/api/merchant/orders/{order_no}/goods-back", {kMaxEmptyBodyBytes}, [&s](const httplib::Request& req,
                                                                                         httplib::Response& res, const std::string&) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        std::optional<OrderStore::StoredOrder> order = MerchantsOrder(s, merchant, req, res);
        if (!order) return;
        std::string problem, error;
        if (!s.stores->returns.RecordGoodsBack(order->receipt.order_no, UnixNow(), &problem, &error))
            return s.errors.Internal(req, res, "recording returned goods", error);
        if (!problem.empty()) return s.errors.Send(req, res, 409, "transition_not_allowed");
        order = s.stores->orders.FindOrder(order->receipt.order_no, &error);
        if (!order) return s.errors.Internal(req, res, "reading an order", error);
        SendJson(res, 200, OrderReceiptToJson(order->receipt));
    }, [&s](const httplib::Request& req, httplib::Response& res) { return MerchantFirst(s, req, res); });

    // ?days=N China calendar days up to today: orders, goods and tax of sales, customs rejections
    // per day, and the ten products that sold most.
    routes.Get("/api/merchant/stats", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (merchant.empty()) return;
        std::optional<int64_t> days = QueryInteger(req, "days", 30, 1, 366);
        if (!days) return s.errors.Send(req, res, 400, "invalid_request");
        const int64_t today = ChinaDayOf(UnixNow());
        const int64_t first = today - *days + 1;
        std::string error;
        std::optional<SalesStore::SalesStats> stats = s.stores->sales.MerchantSales(merchant, ChinaDayStart(first), &error);
        if (!stats) return s.errors.Internal(req, res, "reading sales", error);
        SalesFigures f;
        f.merchant = merchant;
        f.from = ChinaDayText(first);
        f.to = ChinaDayText(today);
        // Every day of the range, with zeros where nothing was sold (a chart's x axis).
        size_t k = 0;
        for (int64_t day = first; day <= today; day++) {
            SalesStore::SalesDay d{day};
            while (k < stats->days.size() && stats->days[k].day < day) k++;
            if (k < stats->days.size() && stats->days[k].day == day) d = stats->days[k];
            f.days.push_back({ChinaDayText(day), d.orders, d.goods_fen, d.tax_fen, d.rejected});
        }
        for (const SalesStore::TopProduct& t : stats->top) f.top.push_back({t.sku, t.qty, t.goods_fen});
        SendJson(res, 200, SalesFiguresToJson(f));
    });
}

} // namespace bondstore
