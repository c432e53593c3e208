#include "server/store/return_store.h"

#include "server/store/migrations.h"

#include <algorithm>

namespace bondstore {

const std::vector<Migration>& ReturnMigrations()
{
    static const std::vector<Migration> parts = {
        {12, R"sql(
        -- A return declared to customs: written when it is asked for (OrderStore's RequestReturn).
        CREATE TABLE order_returns (
            order_no      TEXT PRIMARY KEY REFERENCES orders(order_no),
            requested_at  BIGINT NOT NULL,
            due_back_at   BIGINT NOT NULL,            -- release + 45 days: the goods back in the bonded area
            goods_back_at BIGINT NOT NULL DEFAULT 0   -- 0: not yet
        );
        )sql"},
    };
    return parts;
}

std::optional<OrderReturn> ReturnStore::Find(const std::string& order_no, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT requested_at, due_back_at, goods_back_at FROM order_returns WHERE order_no = $1", {order_no}, error);
    if (!r) return std::nullopt;
    OrderReturn out;
    if (!r->rows.empty()) out = {r->rows[0][0].Int(), r->rows[0][1].Int(), r->rows[0][2].Int()};
    return out;
}

bool ReturnStore::RecordGoodsBack(const std::string& order_no, int64_t now, std::string* problem, std::string* error)
{
    problem->clear();
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            // The order's row first, as every move takes it. A refusal rolls back (changes nothing).
            auto o = db.Query("UPDATE orders SET updated_at = $2 WHERE order_no = $1 RETURNING status, warehouse", {order_no, now}, e);
            if (!o) return false;
            if (o->rows.empty()) { *problem = "order.not_found"; return false; }
            // Only once customs has accepted the return (a refused one leaves the goods the buyer's),
            // and once.
            if (o->rows[0][0].Text() != StatusCode(OrderStatus::Returned)) { *problem = "order.transition_not_allowed"; return false; }
            auto marked = db.Query("UPDATE order_returns SET goods_back_at = $2 WHERE order_no = $1 AND goods_back_at = 0", {order_no, now}, e);
            if (!marked) return false;
            if (marked->changed == 0) { *problem = "order.transition_not_allowed"; return false; }
            std::string warehouse = o->rows[0][1].Text();
            auto lines = db.Query("SELECT sku, qty FROM order_lines WHERE order_no = $1", {order_no}, e);
            if (!lines) return false;
            // Stock in byte order of SKU: the order every writer locks them in.
            std::sort(lines->rows.begin(), lines->rows.end(), [](const auto& a, const auto& b) { return a[0].Text() < b[0].Text(); });
            for (const auto& l : lines->rows)
                if (!db.Query("UPDATE stock SET on_hand = on_hand + $3 WHERE sku = $1 AND warehouse = $2", {l[0].Text(), warehouse, l[1].Int()}, e))
                    return false;
            return db.Query("INSERT INTO refunds(order_no, reason, amount_fen, created_at) "
                            "SELECT order_no, 'return', amount_to_pay_fen, $2 FROM orders WHERE order_no = $1",
                            {order_no, now}, e)
                .has_value();
        },
        error);
    return ok || (error->empty() && !problem->empty());
}

std::optional<std::vector<ReturnStore::Row>> ReturnStore::List(const std::string& merchant, int limit, std::string* error)
{
    auto c = db_.readers().Acquire();
    std::string sql = "SELECT r.order_no, o.status, r.requested_at, r.due_back_at, r.goods_back_at FROM order_returns r "
                      "JOIN orders o ON o.order_no = r.order_no ";
    SqlParams args;
    if (!merchant.empty()) {
        sql += "WHERE o.merchant = $1 ";
        args.push_back(merchant);
    }
    sql += "ORDER BY r.requested_at DESC LIMIT " + std::to_string(std::clamp(limit, 1, 1000));
    auto rows = c->Query(sql, args, error);
    if (!rows) return std::nullopt;
    std::vector<Row> out;
    for (const auto& r : rows->rows)
        out.push_back({r[0].Text(), ParseStatus(r[1].Text()).value_or(OrderStatus::Returning), {r[2].Int(), r[3].Int(), r[4].Int()}});
    return out;
}

} // namespace bondstore
