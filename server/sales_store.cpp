// The merchant's sales figures (Store::MerchantSales), for the merchant screen's charts.
#include "sql_store.h"

namespace bondstore {

std::optional<Store::SalesStats> SqlStore::MerchantSales(const std::string& merchant, int64_t since, std::string* error)
{
    // Paid means the money came in and stayed: paid and every later step but a return.
    static const char* kPaid = "status IN ('paid', 'declared', 'released', 'rejected', 'shipped', 'delivered')";
    auto c = readers().Acquire();
    auto days = c->Query(std::string("SELECT (created_at + 28800) / 86400 AS day, count(*), "
                                     "coalesce(sum(CASE WHEN ") + kPaid + " THEN goods_fen ELSE 0 END), 0), "
                                     "coalesce(sum(CASE WHEN " + kPaid + " THEN tax_total_fen ELSE 0 END), 0), "
                                     "coalesce(sum(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END), 0) "
                                     "FROM orders WHERE merchant = $1 AND created_at >= $2 GROUP BY day ORDER BY day",
                         {merchant, since}, error);
    auto top = c->Query(std::string("SELECT l.sku, sum(l.qty) AS units, sum(l.goods_fen) FROM order_lines l "
                                    "JOIN orders o ON o.order_no = l.order_no "
                                    "WHERE o.merchant = $1 AND o.created_at >= $2 AND o.") + kPaid +
                            " GROUP BY l.sku ORDER BY units DESC, l.sku LIMIT 10",
                        {merchant, since}, error);
    if (!days || !top) return std::nullopt;
    SalesStats s;
    for (const auto& row : days->rows) s.days.push_back({row[0].Int(), row[1].Int(), row[2].Int(), row[3].Int(), row[4].Int()});
    for (const auto& row : top->rows) s.top.push_back({row[0].Text(), row[1].Int(), row[2].Int()});
    return s;
}

} // namespace bondstore
