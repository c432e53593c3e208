#include "server/store/sales_store.h"

#include "core/orders/order.h"
#include "core/wire/catalog_json.h"

namespace bondstore {

namespace {

// "status IN ('paid', …)": the statuses core counts as sales (codes are fixed identifiers,
// safe to write into the statement).
std::string SaleStatuses(const char* column)
{
    std::string in;
    for (OrderStatus s : AllStatuses())
        if (CountsAsSale(s)) in += (in.empty() ? "'" : ", '") + std::string(StatusCode(s)) + "'";
    return std::string(column) + " IN (" + in + ")";
}

} // namespace

std::optional<SalesStore::SalesStats> SalesStore::MerchantSales(const std::string& merchant, int64_t since, std::string* error)
{
    static const std::string sale = SaleStatuses("status"), sale_o = SaleStatuses("o.status");
    auto c = db_.readers().Acquire();
    auto days = c->Query("SELECT (created_at + 28800) / 86400 AS day, count(*), "
                         "coalesce(sum(CASE WHEN " + sale + " THEN goods_fen ELSE 0 END), 0), "
                         "coalesce(sum(CASE WHEN " + sale + " THEN tax_total_fen ELSE 0 END), 0), "
                         "coalesce(sum(CASE WHEN status = $3 THEN 1 ELSE 0 END), 0) "
                         "FROM orders WHERE merchant = $1 AND created_at >= $2 GROUP BY day ORDER BY day",
                         {merchant, since, StatusCode(OrderStatus::Rejected)}, error);
    auto top = c->Query("SELECT l.sku, sum(l.qty) AS units, sum(l.goods_fen) FROM order_lines l "
                        "JOIN orders o ON o.order_no = l.order_no "
                        "WHERE o.merchant = $1 AND o.created_at >= $2 AND " + sale_o +
                        " GROUP BY l.sku ORDER BY units DESC, l.sku LIMIT 10",
                        {merchant, since}, error);
    if (!days || !top) return std::nullopt;
    SalesStats s;
    for (const auto& row : days->rows) s.days.push_back({row[0].Int(), row[1].Int(), row[2].Int(), row[3].Int(), row[4].Int()});
    for (const auto& row : top->rows) s.top.push_back({row[0].Text(), row[1].Int(), row[2].Int()});
    return s;
}

std::optional<std::vector<std::string>> SalesStore::BestSellers(int64_t since, size_t limit, std::string* error)
{
    static const std::string sale_o = SaleStatuses("o.status");
    auto c = db_.readers().Acquire();
    auto top = c->Query("SELECT l.sku, sum(l.qty) AS units FROM order_lines l JOIN orders o ON o.order_no = l.order_no "
                        "WHERE o.created_at >= $1 AND " + sale_o + " GROUP BY l.sku ORDER BY units DESC, l.sku LIMIT $2",
                        {since, int64_t(limit)}, error);
    if (!top) return std::nullopt;
    std::vector<std::string> skus;
    for (const auto& row : top->rows) skus.push_back(row[0].Text());
    return skus;
}

std::optional<std::vector<SalesStore::PlaceSales>> SalesStore::SalesByPlace(int64_t since, std::string* error)
{
    static const std::string sale = SaleStatuses("status");
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT store, kiosk, count(*), "
                         "coalesce(sum(CASE WHEN " + sale + " THEN goods_fen ELSE 0 END), 0), "
                         "coalesce(sum(CASE WHEN " + sale + " THEN tax_total_fen ELSE 0 END), 0) "
                         "FROM orders WHERE created_at >= $1 GROUP BY store, kiosk ORDER BY store, kiosk",
                         {since}, error);
    if (!rows) return std::nullopt;
    std::vector<PlaceSales> out;
    for (const auto& row : rows->rows) out.push_back({row[0].Text(), row[1].Text(), row[2].Int(), row[3].Int(), row[4].Int()});
    return out;
}

std::optional<std::vector<SalesStore::DayOrders>> SalesStore::OrdersByDay(int64_t since, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT (created_at + 28800) / 86400 AS day, count(*), "
                         "coalesce(sum(CASE WHEN store <> '' THEN 1 ELSE 0 END), 0) "
                         "FROM orders WHERE created_at >= $1 GROUP BY day ORDER BY day",
                         {since}, error);
    if (!rows) return std::nullopt;
    std::vector<DayOrders> out;
    for (const auto& row : rows->rows) out.push_back({row[0].Int(), row[1].Int(), row[2].Int()});
    return out;
}

std::optional<std::vector<SalesStore::OrderRow>> SalesStore::RecentOrders(const std::optional<std::string>& store,
                                                                          const std::optional<std::string>& kiosk, int limit,
                                                                          std::string* error)
{
    // (Unused filters compare a column with itself: one statement, and the store index serves a
    // store's orders.)
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT order_no, status, merchant, store, kiosk, created_at, goods_fen, tax_total_fen, amount_to_pay_fen "
                         "FROM orders WHERE ($1 = 0 OR store = $2) AND ($3 = 0 OR kiosk = $4) "
                         "ORDER BY created_at DESC, order_no DESC LIMIT $5",
                         {int64_t(store ? 1 : 0), store.value_or(""), int64_t(kiosk ? 1 : 0), kiosk.value_or(""), int64_t(limit)}, error);
    if (!rows) return std::nullopt;
    std::vector<OrderRow> out;
    for (const auto& row : rows->rows)
        out.push_back({row[0].Text(), row[1].Text(), row[2].Text(), row[3].Text(), row[4].Text(), row[5].Int(), row[6].Int(),
                       row[7].Int(), row[8].Int()});
    return out;
}

std::optional<std::vector<StatisticsLine>> SalesStore::StatisticsLines(int64_t since, int64_t until, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT o.order_no, o.created_at, o.status, o.warehouse, o.store, l.qty, l.goods_fen, l.tariff_fen, "
                         "l.consumption_tax_fen, l.vat_fen, l.product FROM order_lines l JOIN orders o ON o.order_no = l.order_no "
                         "WHERE o.created_at >= $1 AND o.created_at < $2 ORDER BY o.created_at, l.order_no, l.line_no",
                         {since, until}, error);
    if (!rows) return std::nullopt;
    std::vector<StatisticsLine> out;
    out.reserve(rows->rows.size());
    for (const auto& row : rows->rows) {
        StatisticsLine l;
        l.order_no = row[0].Text();
        int64_t local = row[1].Int() + 28800; // China time
        l.day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
        l.status = ParseStatus(row[2].Text()).value_or(OrderStatus::PendingPayment);
        l.warehouse = row[3].Text();
        l.store = row[4].Text();
        l.trade_mode = std::string(kBondedImportTradeMode);
        l.qty = row[5].Int();
        l.goods_fen = row[6].Int();
        l.tariff_fen = row[7].Int();
        l.consumption_tax_fen = row[8].Int();
        l.vat_fen = row[9].Int();
        // The product as sold (kept with the line since schema 6; an older line names none).
        ProductParse product = ParseProductJson(row[10].Text());
        l.hs_code = product.product.hs_code;
        l.origin = product.product.origin_iso;
        out.push_back(std::move(l));
    }
    return out;
}

std::optional<RetailStatistics> SalesStore::Statistics(const StatisticsPeriod& period, std::string* error)
{
    constexpr int64_t kChinaOffset = 28800;
    auto lines = StatisticsLines(period.first * 86400 - kChinaOffset, (period.last + 1) * 86400 - kChinaOffset, error);
    if (!lines) return std::nullopt;
    return ComputeRetailStatistics(*lines, period.first, period.last);
}

} // namespace bondstore

