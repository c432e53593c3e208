#include "server/store/tax_bill_store.h"

#include "server/store/migrations.h"

#include "core/orders/order.h"
#include "core/wire/tax_json.h"

#include <algorithm>

namespace bondstore {

const std::vector<Migration>& TaxBillMigrations()
{
    static const std::vector<Migration> parts = {
        {13, R"sql(
        -- Customs' tax bills (CEB816), the latest state of each, checked against the tax charged.
        CREATE TABLE tax_bills (
            tax_no       TEXT PRIMARY KEY,
            order_no     TEXT NOT NULL REFERENCES orders(order_no),
            invt_no      TEXT NOT NULL,
            status       BIGINT NOT NULL,          -- 1 generated, 2 consolidated, 3 void
            return_time  TEXT NOT NULL,            -- customs' YYYYMMDDhhmmssSSS: a later one replaces the row
            billed       TEXT NOT NULL,            -- customsTax + valueAddedTax + consumptionTax, yuan
            charged_fen  BIGINT NOT NULL,          -- the order's tax as charged
            differences  TEXT NOT NULL,            -- core TaxBillCheck, comma-separated; '' when it agrees
            received_at  BIGINT NOT NULL
        );
        CREATE INDEX tax_bills_order ON tax_bills(order_no);
        )sql"},
    };
    return parts;
}

std::optional<TaxBillStore::Recorded> TaxBillStore::Record(const TaxBill& bill, int64_t now, std::string* error)
{
    Recorded out;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            out = {};
            // The order: named by the bill (integrators' bills do), else the one whose list customs numbered so.
            std::string order_no = bill.order_no;
            if (order_no.empty()) {
                auto by_list = db.Query("SELECT order_no FROM customs_receipts WHERE kind = 'inventory' AND invt_no = $1 LIMIT 1", {bill.invt_no}, e);
                if (!by_list) return false;
                if (!by_list->rows.empty()) order_no = by_list->rows[0][0].Text();
            }
            // Its row first, as every move takes it.
            auto o = order_no.empty() ? std::optional<SqlResult>(SqlResult{})
                                      : db.Query("UPDATE orders SET updated_at = updated_at WHERE order_no = $1 RETURNING status, quote", {order_no}, e);
            if (!o) return false;
            if (o->rows.empty()) return true; // not ours
            out.known_order = true;
            out.order_no = order_no;
            auto previous = db.Query("SELECT return_time FROM tax_bills WHERE tax_no = $1", {bill.tax_no}, e);
            if (!previous) return false;
            if (!previous->rows.empty() && previous->rows[0][0].Text() >= bill.return_time) {
                out.stale = true;
                return true;
            }
            OrderStatus status = ParseStatus(o->rows[0][0].Text()).value_or(OrderStatus::PendingPayment);
            std::optional<ChargedTax> charged = ParseChargedTaxJson(o->rows[0][1].Text());
            bool given_back = status == OrderStatus::Returned || status == OrderStatus::Cancelled || status == OrderStatus::Rejected;
            out.check = charged ? CheckTaxBill(*charged, bill, given_back) : TaxBillCheck{{}, {}, {"charged_unknown"}};
            std::string differences;
            for (const std::string& d : out.check.differences) differences += (differences.empty() ? "" : ",") + d;
            return db.Query("INSERT INTO tax_bills(tax_no, order_no, invt_no, status, return_time, billed, charged_fen, differences, received_at) "
                            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tax_no) DO UPDATE SET status = excluded.status, "
                            "return_time = excluded.return_time, billed = excluded.billed, charged_fen = excluded.charged_fen, "
                            "differences = excluded.differences, received_at = excluded.received_at",
                            {bill.tax_no, order_no, bill.invt_no, int64_t(bill.status), bill.return_time, FormatDecimal(out.check.billed),
                             out.check.charged.fen, differences, now},
                            e)
                .has_value();
        },
        error);
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::vector<TaxBillStore::Row>> TaxBillStore::List(const std::string& merchant, bool differing, int limit, std::string* error)
{
    auto c = db_.readers().Acquire();
    std::string sql = "SELECT t.order_no, t.tax_no, t.invt_no, t.status, t.charged_fen, t.billed, t.differences, t.received_at "
                      "FROM tax_bills t JOIN orders o ON o.order_no = t.order_no WHERE 1 = 1 ";
    SqlParams args;
    if (!merchant.empty()) {
        sql += "AND o.merchant = $1 ";
        args.push_back(merchant);
    }
    if (differing) sql += "AND t.differences <> '' ";
    sql += "ORDER BY t.received_at DESC, t.tax_no LIMIT " + std::to_string(std::clamp(limit, 1, 1000));
    auto rows = c->Query(sql, args, error);
    if (!rows) return std::nullopt;
    std::vector<Row> out;
    for (const auto& r : rows->rows)
        out.push_back({r[0].Text(), r[1].Text(), r[2].Text(), int(r[3].Int()), Money{r[4].Int()}, r[5].Text(), r[6].Text(), r[7].Int()});
    return out;
}

} // namespace bondstore
