#include "server/store/metrics_store.h"

namespace bondstore {

std::optional<StoreFigures> MetricsStore::Figures(int64_t now, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto orders = c->Query("SELECT status, count(*) FROM orders GROUP BY status", {}, error);
    auto stock = c->Query("SELECT coalesce(sum(on_hand), 0), coalesce(sum(reserved), 0) FROM stock", {}, error);
    auto outbox = c->Query("SELECT state, count(*), coalesce(min(ready_at), 0), coalesce(sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) "
                           "FROM outbox WHERE state IN ('ready', 'sending', 'parked') GROUP BY state", {}, error);
    auto receipts = c->Query("SELECT kind, status, count(*) FROM customs_receipts GROUP BY kind, status", {}, error);
    auto payments = c->Query("SELECT provider, state, count(*) FROM payments GROUP BY provider, state", {}, error);
    auto refunds = c->Query("SELECT state, count(*), coalesce(sum(amount_fen), 0) FROM refunds GROUP BY state", {}, error);
    if (!orders || !stock || !outbox || !receipts || !payments || !refunds) return std::nullopt;
    StoreFigures f;
    for (const auto& row : orders->rows) f.orders_by_status[row[0].Text()] = row[1].Int();
    if (!stock->rows.empty()) {
        f.stock_on_hand = stock->rows[0][0].Int();
        f.stock_reserved = stock->rows[0][1].Int();
    }
    int64_t oldest = 0;
    for (const auto& row : outbox->rows) {
        if (row[0].Text() == "parked") {
            f.relay_parked = row[1].Int();
            continue;
        }
        f.relay_pending += row[1].Int();
        f.relay_failing += row[3].Int();
        int64_t ready = row[2].Int();
        if (ready > 0) oldest = oldest ? std::min(oldest, ready) : ready;
    }
    f.relay_oldest_age_s = oldest ? std::max<int64_t>(0, now - oldest) : 0;
    for (const auto& row : receipts->rows) f.receipts[{row[0].Text(), row[1].Text()}] = row[2].Int();
    for (const auto& row : payments->rows) f.payments[{row[0].Text(), row[1].Text()}] = row[2].Int();
    for (const auto& row : refunds->rows) {
        f.refunds_by_state[row[0].Text()] = row[1].Int();
        f.refunds_fen_by_state[row[0].Text()] = row[2].Int();
    }
    return f;
}

} // namespace bondstore
