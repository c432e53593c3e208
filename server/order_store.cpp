// SqlStore: bonded inventory, orders, idempotency keys, the annual quota and the relay outbox.
//
// (The single-window relay's outbox and customs' receipts: relay_store.cpp.)
//
// Concurrency, the same on both back ends: every write runs in one transaction (SQLite: the whole
// database is locked for it; PostgreSQL: rows are locked as they are touched, always in the same
// order — idempotency key or order row, buyer quota, stock rows by SKU (byte order) — so two
// transactions cannot deadlock on each other). Stock is only ever taken with a conditional update
// ("… WHERE on_hand − reserved ≥ qty"), so no interleaving can sell what is not there.
#include "sql_store.h"

#include "core/wire.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace bondstore {

namespace {

std::optional<int64_t> NextEventSeq(SqlConnection& db, const std::string& order_no, std::string* e)
{
    auto r = db.Query("SELECT coalesce(max(seq), 0) + 1 FROM order_events WHERE order_no = $1", {order_no}, e);
    if (!r) return std::nullopt;
    return r->rows[0][0].Int();
}

bool AddEvent(SqlConnection& db, const std::string& order_no, OrderStatus status, int64_t at, const std::string& detail,
              std::string* e)
{
    std::optional<int64_t> seq = NextEventSeq(db, order_no, e);
    return seq && db.Query("INSERT INTO order_events(order_no, seq, status, at, detail) VALUES ($1, $2, $3, $4, $5)",
                           {order_no, *seq, StatusCode(status), at, detail}, e);
}

// The receipt's personal-data fields as stored (masked already): one small JSON object.
std::string MaskedToJson(const OrderReceipt& r)
{
    return "{\"buyer_name\":" + JsonQuote(r.buyer_name) + ",\"buyer_id_number\":" + JsonQuote(r.buyer_id_number) +
           ",\"buyer_phone\":" + JsonQuote(r.buyer_phone) + ",\"consignee_name\":" + JsonQuote(r.consignee_name) +
           ",\"consignee_phone\":" + JsonQuote(r.consignee_phone) + ",\"consignee_address\":" +
           JsonQuote(r.consignee_address) + ",\"consignee_district\":" + JsonQuote(r.consignee_district) + "}";
}

void MaskedFromJson(const std::string& json, OrderReceipt* r)
{
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (!parsed.is_object()) return;
    auto text = [&](const char* k) { return parsed.contains(k) && parsed[k].is_string() ? parsed[k].get<std::string>() : std::string(); };
    r->buyer_name = text("buyer_name");
    r->buyer_id_number = text("buyer_id_number");
    r->buyer_phone = text("buyer_phone");
    r->consignee_name = text("consignee_name");
    r->consignee_phone = text("consignee_phone");
    r->consignee_address = text("consignee_address");
    r->consignee_district = text("consignee_district");
}


} // namespace

constexpr std::chrono::milliseconds kInventoryFreshness{500};

std::vector<SkuAvailability> SqlStore::Inventory(std::string* error)
{
    // The generation is read before the query: a write that finishes during it changes the
    // generation, and the next call reads again.
    uint64_t generation = pool_->generation();
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(inventory_mutex_);
        if (inventory_ && inventory_generation_ == generation && now - inventory_at_ < kInventoryFreshness) return *inventory_;
    }
    auto c = readers().Acquire();
    auto out = std::make_shared<std::vector<SkuAvailability>>();
    auto r = c->Query("SELECT sku, warehouse, on_hand - reserved FROM stock ORDER BY sku, warehouse", {}, error);
    if (!r) return {};
    for (const auto& row : r->rows) {
        if (out->empty() || out->back().sku != row[0].Text()) out->push_back({row[0].Text(), 0, {}});
        out->back().available += row[2].Int();
        out->back().warehouses.emplace_back(row[1].Text(), row[2].Int());
    }
    std::lock_guard lock(inventory_mutex_);
    inventory_ = out;
    inventory_generation_ = generation;
    inventory_at_ = now;
    return *out;
}

std::optional<Store::AdjustmentResult> SqlStore::AdjustStock(const std::string& merchant, const StockAdjustment& a,
                                                             std::string* error)
{
    AdjustmentResult result;
    bool ok = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        result = {};
        // Claim the id first (as checkout claims its key): a concurrent request with the same id
        // waits on the claim (PostgreSQL) and then finds it.
        auto claimed = db.Query("INSERT INTO stock_adjustments(id, merchant, sku, warehouse, delta, reason, on_hand_after, created_at) "
                                "VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT DO NOTHING",
                                {a.id, merchant, a.sku, a.warehouse, a.delta, a.reason, a.now}, e);
        if (!claimed) return false;
        if (claimed->changed == 0) {
            auto before = db.Query("SELECT merchant, sku, warehouse, delta, reason, on_hand_after FROM stock_adjustments WHERE id = $1",
                                   {a.id}, e);
            if (!before || before->rows.empty()) return false;
            const auto& row = before->rows[0];
            bool same = row[0].Text() == merchant && row[1].Text() == a.sku && row[2].Text() == a.warehouse &&
                        row[3].Int() == a.delta && row[4].Text() == a.reason;
            if (!same) { result.problem = "stock.adjustment_reused"; return false; }
            result.replayed = true;
            result.on_hand = row[5].Int();
            auto now = db.Query("SELECT reserved FROM stock WHERE sku = $1 AND warehouse = $2", {a.sku, a.warehouse}, e);
            if (!now) return false;
            result.reserved = now->rows.empty() ? 0 : now->rows[0][0].Int();
            return false; // nothing to write
        }
        auto owner = db.Query("SELECT merchant FROM products WHERE sku = $1", {a.sku}, e);
        if (!owner) return false;
        if (owner->rows.empty() || owner->rows[0][0].Text() != merchant) { result.problem = "stock.unknown_sku"; return false; }
        auto warehouse = db.Query("SELECT 1 FROM warehouses WHERE code = $1", {a.warehouse}, e);
        if (!warehouse) return false;
        if (warehouse->rows.empty()) { result.problem = "stock.unknown_warehouse"; return false; }
        if (a.delta >= 0 && !db.Query("INSERT INTO stock(sku, warehouse, on_hand) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
                                      {a.sku, a.warehouse}, e))
            return false;
        // Never below what open orders have reserved.
        auto updated = db.Query("UPDATE stock SET on_hand = on_hand + $3 WHERE sku = $1 AND warehouse = $2 "
                                "AND on_hand + $3 >= reserved RETURNING on_hand, reserved",
                                {a.sku, a.warehouse, a.delta}, e);
        if (!updated) return false;
        if (updated->rows.empty()) { result.problem = "stock.below_reserved"; return false; }
        result.on_hand = updated->rows[0][0].Int();
        result.reserved = updated->rows[0][1].Int();
        return db.Query("UPDATE stock_adjustments SET on_hand_after = $2 WHERE id = $1", {a.id, result.on_hand}, e).has_value();
    }, error);
    if (!ok && !error->empty()) return std::nullopt;
    return result;
}

std::optional<Store::PlaceResult> SqlStore::PlaceOrder(const OrderPlacement& p, const OrderPricing& pricing,
                                                       const OrderResponse& respond, std::string* error)
{
    PlaceResult result;
    bool ok = InWriteTransaction([&](SqlConnection& db, std::string* e) {
        result = {};
        // 1. The idempotency key: the first request with it claims it, and holds the claim until
        //    it commits (a concurrent request with the same key waits here on PostgreSQL) or
        //    rolls back (then the key is free again); later ones are answered from it.
        auto claimed = db.Query("INSERT INTO idempotency_keys(key, request_hash, order_no, response, created_at) "
                                "VALUES ($1, $2, $3, '', $4) ON CONFLICT DO NOTHING",
                                {p.idempotency_key, p.request_hash, p.order_no, p.now}, e);
        if (!claimed) return false;
        if (claimed->changed == 0) {
            auto seen = db.Query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1", {p.idempotency_key}, e);
            if (!seen || seen->rows.empty()) return false;
            bool same = seen->rows[0][0].Text() == p.request_hash;
            result.outcome = same ? PlaceResult::Outcome::Replayed : PlaceResult::Outcome::KeyReused;
            if (same) result.body = seen->rows[0][1].Text();
            return false;
        }

        // 2. The buyer's annual total, locked for the rest of the transaction.
        if (!db.Query("INSERT INTO buyer_quota(id_hash, year, used_fen) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
                      {p.buyer_id_hash, p.quota_year}, e))
            return false;
        auto used = db.Query("UPDATE buyer_quota SET used_fen = used_fen WHERE id_hash = $1 AND year = $2 RETURNING used_fen",
                             {p.buyer_id_hash, p.quota_year}, e);
        if (!used || used->rows.empty()) return false;

        // 3. The price, by core, with that total.
        std::string refusal;
        result.quote = pricing(Money{used->rows[0][0].Int()}, &refusal);
        if (!refusal.empty() || !result.quote.accepted()) {
            result.outcome = PlaceResult::Outcome::Refused;
            result.refusal = refusal.empty() ? result.quote.reason : refusal;
            return false;
        }

        // 4. Stock: one bonded warehouse must hold every line (one inventory list per order).
        std::vector<OrderLineRequest> lines = p.lines;
        std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.sku < b.sku; });
        std::map<std::string, std::map<std::string, int64_t>> available; // warehouse → sku → units
        std::set<std::string> warehouses;
        for (const OrderLineRequest& l : lines) {
            auto r = db.Query("SELECT warehouse, on_hand - reserved FROM stock WHERE sku = $1", {l.sku}, e);
            if (!r) return false;
            for (const auto& row : r->rows) {
                available[row[0].Text()][l.sku] = row[1].Int();
                warehouses.insert(row[0].Text());
            }
        }
        std::string chosen;
        for (const std::string& w : warehouses) {
            bool all = true;
            for (const OrderLineRequest& l : lines) all = all && available[w][l.sku] >= l.qty;
            if (all) { chosen = w; break; }
        }
        auto out_of_stock = [&] {
            result.outcome = PlaceResult::Outcome::OutOfStock;
            for (const OrderLineRequest& l : lines) {
                int64_t best = 0;
                for (const std::string& w : warehouses) best = std::max(best, available[w][l.sku]);
                if (best < l.qty) result.short_skus.push_back(l.sku);
            }
            if (result.short_skus.empty()) // each is somewhere, but no warehouse has them all
                for (const OrderLineRequest& l : lines) result.short_skus.push_back(l.sku);
            return false;
        };
        if (chosen.empty()) return out_of_stock();
        for (const OrderLineRequest& l : lines) {
            // The conditional decrement: never below zero available, whatever runs beside it.
            auto taken = db.Query("UPDATE stock SET reserved = reserved + $3 WHERE sku = $1 AND warehouse = $2 "
                                  "AND on_hand - reserved >= $3",
                                  {l.sku, chosen, l.qty}, e);
            if (!taken) return false;
            if (taken->changed != 1) return out_of_stock();
        }

        // 5. The order, its lines and tax breakdown, its timeline, the quota, the outbox.
        const TaxQuote& q = result.quote;
        OrderReceipt receipt = p.receipt;
        receipt.order_no = p.order_no;
        receipt.status = OrderStatus::PendingPayment;
        receipt.created_at = p.now;
        receipt.pay_before = p.pay_before;
        receipt.lines = p.lines;
        receipt.warehouse = chosen;
        receipt.quote_json = TaxQuoteToJson(q);
        receipt.amount_to_pay = q.amount_to_pay;
        receipt.tax_total = q.tax_total;
        receipt.timeline = {{OrderStatus::PendingPayment, p.now, {}}};
        if (!db.Query("INSERT INTO orders(order_no, status, created_at, updated_at, pay_before, warehouse, buyer_id_hash, "
                      "contact_sealed, receipt_masked, quota_year, counts_towards_annual_fen, regime, goods_fen, freight_fen, "
                      "insurance_fen, tariff_fen, consumption_tax_fen, vat_fen, tax_total_fen, amount_to_pay_fen, quote, merchant) "
                      "VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                      {p.order_no, StatusCode(OrderStatus::PendingPayment), p.now, p.pay_before, chosen, p.buyer_id_hash,
                       p.contact_sealed, MaskedToJson(receipt), p.quota_year, q.counts_towards_annual.fen,
                       RegimeCode(q.regime), q.goods.fen, q.freight.fen, q.insurance.fen, q.tariff.fen,
                       q.consumption_tax.fen, q.vat.fen, q.tax_total.fen, q.amount_to_pay.fen, receipt.quote_json, p.merchant},
                      e))
            return false;
        for (size_t i = 0; i < q.lines.size(); i++) {
            const LineTax& t = q.lines[i];
            if (!db.Query("INSERT INTO order_lines(order_no, line_no, sku, qty, price_fen, goods_fen, freight_fen, insurance_fen, "
                          "dutiable_fen, tariff_fen, consumption_tax_fen, vat_fen, tax_fen, product) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                          {p.order_no, int64_t(i + 1), t.sku, t.qty, t.qty > 0 ? t.goods.fen / t.qty : 0, t.goods.fen,
                           t.freight_share.fen, t.insurance_share.fen, t.dutiable.fen, t.tariff.fen, t.consumption_tax.fen, t.vat.fen,
                           t.tax().fen, p.products.count(t.sku) ? p.products.at(t.sku) : std::string()},
                          e))
                return false;
        }
        if (!AddEvent(db, p.order_no, OrderStatus::PendingPayment, p.now, {}, e)) return false;
        if (!db.Query("UPDATE buyer_quota SET used_fen = used_fen + $3 WHERE id_hash = $1 AND year = $2",
                      {p.buyer_id_hash, p.quota_year, q.counts_towards_annual.fen}, e))
            return false;
        for (const OrderPlacement::Message& m : p.messages)
            if (!db.Query("INSERT INTO outbox(order_no, kind, created_at, guid) VALUES ($1, $2, $3, $4)", {p.order_no, m.kind, p.now, m.guid}, e))
                return false;
        result.body = respond(receipt);
        if (!db.Query("UPDATE idempotency_keys SET response = $2 WHERE key = $1", {p.idempotency_key, result.body}, e))
            return false;
        result.outcome = PlaceResult::Outcome::Created;
        return true;
    }, error);
    if (!ok && !error->empty()) return std::nullopt;
    return result;
}

std::optional<Store::StoredOrder> SqlStore::FindOrder(const std::string& order_no, std::string* error)
{
    auto c = readers().Acquire();
    ReadTransaction read(*c);
    if (!read.Begin(error)) return std::nullopt;
    auto o = c->Query("SELECT status, created_at, pay_before, released_at, warehouse, buyer_id_hash, contact_sealed, "
                      "receipt_masked, counts_towards_annual_fen, tax_total_fen, amount_to_pay_fen, quote "
                      "FROM orders WHERE order_no = $1",
                      {order_no}, error);
    if (!o) return std::nullopt;
    StoredOrder s;
    if (o->rows.empty()) return s; // receipt.order_no empty: not found
    const auto& row = o->rows[0];
    OrderReceipt& r = s.receipt;
    r.order_no = order_no;
    r.status = ParseStatus(row[0].Text()).value_or(OrderStatus::PendingPayment);
    r.created_at = row[1].Int();
    r.pay_before = r.status == OrderStatus::PendingPayment ? row[2].Int() : 0;
    s.released_at = row[3].is_null() ? 0 : row[3].Int();
    r.warehouse = row[4].Text();
    s.buyer_id_hash = row[5].Text();
    s.contact_sealed = row[6].Text();
    MaskedFromJson(row[7].Text(), &r);
    s.counts_towards_annual = {row[8].Int()};
    r.tax_total = {row[9].Int()};
    r.amount_to_pay = {row[10].Int()};
    r.quote_json = row[11].Text();
    auto lines = c->Query("SELECT sku, qty FROM order_lines WHERE order_no = $1 ORDER BY line_no", {order_no}, error);
    auto events = c->Query("SELECT status, at, detail FROM order_events WHERE order_no = $1 ORDER BY seq", {order_no}, error);
    auto receipts = c->Query("SELECT kind, status, received_at FROM customs_receipts WHERE order_no = $1 ORDER BY received_at, return_time",
                             {order_no}, error);
    if (!lines || !events || !receipts) return std::nullopt;
    for (const auto& rc : receipts->rows) r.customs.push_back({rc[0].Text(), std::stoll(rc[1].Text()), rc[2].Int()});
    for (const auto& l : lines->rows) r.lines.push_back({l[0].Text(), l[1].Int()});
    for (const auto& ev : events->rows)
        r.timeline.push_back({ParseStatus(ev[0].Text()).value_or(OrderStatus::PendingPayment), ev[1].Int(), ev[2].Text()});
    return s;
}

// One move of one order inside the caller's transaction (Transition, ApplyCustomsReceipt): the
// order row locked and read, the move checked by core, its effects on stock, quota, refunds and
// the relay outbox written, the timeline extended. False with `result.problem` set when the
// move is not allowed (nothing written by it), or with `e` set when a statement failed.
bool MoveOrder(SqlConnection& db, const std::string& order_no, OrderEvent event, const std::string& detail, int64_t now,
               Store::TransitionResult& result, std::string* e)
{
    result = {};
    // Locks the order row (PostgreSQL) and reads it.
    auto o = db.Query("UPDATE orders SET updated_at = $2 WHERE order_no = $1 "
                      "RETURNING status, warehouse, buyer_id_hash, quota_year, counts_towards_annual_fen, released_at",
                      {order_no, now}, e);
    if (!o) return false;
    if (o->rows.empty()) { result.problem = "order.not_found"; return false; }
    const auto& row = o->rows[0];
    OrderStatus from = ParseStatus(row[0].Text()).value_or(OrderStatus::PendingPayment);
    result.status = from;
    std::optional<OrderStatus> to = NextStatus(from, event);
    if (!to) { result.problem = "order.transition_not_allowed"; return false; }
    // Cancelling a paid order: only while customs cannot have it. A message being sent, or sent,
    // may already be at the single window (withdrawing it there is a CEB623, not done here).
    if (event == OrderEvent::Cancel && from == OrderStatus::Paid) {
        auto out = db.Query("SELECT count(*) FROM outbox WHERE order_no = $1 AND state IN ('sending', 'sent')", {order_no}, e);
        if (!out) return false;
        if (out->rows[0][0].Int() > 0) { result.problem = "order.transition_not_allowed"; return false; }
    }
    if (event == OrderEvent::Return && (row[5].is_null() || !WithinReturnWindow(row[5].Int(), now))) {
        result.problem = "order.return_window_closed";
        return false;
    }
    OrderEffects fx = EffectsOf(from, event);
    std::string warehouse = row[1].Text();
    // Quota before stock, stock in byte order of SKU: the order PlaceOrder locks them in.
    if (fx.give_back_quota &&
        !db.Query("UPDATE buyer_quota SET used_fen = used_fen - $3 WHERE id_hash = $1 AND year = $2",
                  {row[2].Text(), row[3].Int(), row[4].Int()}, e))
        return false;
    if (fx.release_reservation || fx.consume_stock || fx.restock) {
        auto lines = db.Query("SELECT sku, qty FROM order_lines WHERE order_no = $1", {order_no}, e);
        if (!lines) return false;
        std::sort(lines->rows.begin(), lines->rows.end(), [](const auto& a, const auto& b) { return a[0].Text() < b[0].Text(); });
        for (const auto& l : lines->rows) {
            const char* sql = fx.release_reservation ? "UPDATE stock SET reserved = reserved - $3 WHERE sku = $1 AND warehouse = $2"
                            : fx.consume_stock ? "UPDATE stock SET on_hand = on_hand - $3, reserved = reserved - $3 WHERE sku = $1 AND warehouse = $2"
                                               : "UPDATE stock SET on_hand = on_hand + $3 WHERE sku = $1 AND warehouse = $2";
            if (!db.Query(sql, {l[0].Text(), warehouse, l[1].Int()}, e)) return false;
        }
    }
    if (fx.refund && !db.Query("INSERT INTO refunds(order_no, reason, amount_fen, created_at) "
                               "SELECT order_no, $2, amount_to_pay_fen, $3 FROM orders WHERE order_no = $1",
                               {order_no, EventCode(event), now}, e))
        return false;
    // The relay's message: released once the order is paid, withdrawn if it never will be.
    if (event == OrderEvent::Pay &&
        !db.Query("UPDATE outbox SET state = 'ready', ready_at = $2 WHERE order_no = $1 AND state = 'awaiting_payment'",
                  {order_no, now}, e))
        return false;
    if ((event == OrderEvent::Cancel || event == OrderEvent::Expire) &&
        !db.Query("UPDATE outbox SET state = 'withdrawn' WHERE order_no = $1 AND state IN ('awaiting_payment', 'ready', 'parked')",
                  {order_no}, e))
        return false;
    bool updated = event == OrderEvent::Release
                       ? db.Query("UPDATE orders SET status = $2, released_at = $3 WHERE order_no = $1",
                                  {order_no, StatusCode(*to), now}, e).has_value()
                       : db.Query("UPDATE orders SET status = $2 WHERE order_no = $1", {order_no, StatusCode(*to)}, e).has_value();
    if (!updated) return false;
    if (!AddEvent(db, order_no, *to, now, detail, e)) return false;
    result.status = *to;
    return true;
}


std::optional<Store::TransitionResult> SqlStore::Transition(const std::string& order_no, OrderEvent event,
                                                            const std::string& detail, int64_t now, std::string* error)
{
    TransitionResult result;
    bool ok = InWriteTransaction([&](SqlConnection& db, std::string* e) { return MoveOrder(db, order_no, event, detail, now, result, e); },
                                 error);
    if (!ok && !error->empty()) return std::nullopt;
    return result;
}

std::optional<std::vector<std::string>> SqlStore::ExpireUnpaid(int64_t now, std::string* error)
{
    std::vector<std::string> due;
    {
        auto c = readers().Acquire();
        auto r = c->Query("SELECT order_no FROM orders WHERE status = 'pending_payment' AND pay_before < $1 ORDER BY pay_before",
                          {now}, error);
        if (!r) return std::nullopt;
        for (const auto& row : r->rows) due.push_back(row[0].Text());
    }
    std::vector<std::string> expired;
    for (const std::string& order_no : due) {
        // One transaction each; one paid meanwhile is simply no longer pending. One that fails
        // does not hold up the others (its error is reported; the next round tries it again).
        std::string why;
        auto t = Transition(order_no, OrderEvent::Expire, {}, now, &why);
        if (!t) *error += (error->empty() ? "" : "; ") + order_no + ": " + why;
        else if (t->problem.empty()) expired.push_back(order_no);
    }
    return expired;
}

std::optional<Store::StoredResponse> SqlStore::FindIdempotentResponse(const std::string& key, std::string* error)
{
    auto c = readers().Acquire();
    auto r = c->Query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1", {key}, error);
    if (!r || r->rows.empty()) return std::nullopt;
    return StoredResponse{r->rows[0][0].Text(), r->rows[0][1].Text()};
}

bool SqlStore::KeepQueuedAnswer(const std::string& follow_hash, const std::string& key, const QueuedAnswer& answer,
                                int64_t now, std::string* error)
{
    return InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return db.Query("DELETE FROM queued_orders WHERE created_at < $1", {now - kQueuedAnswerDays * 86400}, e) &&
               db.Query("INSERT INTO queued_orders(follow_hash, key, status, response, created_at) VALUES ($1, $2, $3, $4, $5) "
                        "ON CONFLICT (follow_hash) DO NOTHING",
                        {follow_hash, key, int64_t(answer.status), answer.response, now}, e);
    }, error);
}

std::optional<Store::QueuedAnswer> SqlStore::FindQueuedAnswer(const std::string& follow_hash, std::string* error)
{
    auto c = readers().Acquire();
    auto r = c->Query("SELECT status, response FROM queued_orders WHERE follow_hash = $1", {follow_hash}, error);
    if (!r || r->rows.empty()) return std::nullopt;
    return QueuedAnswer{int(r->rows[0][0].Int()), r->rows[0][1].Text()};
}

std::optional<int64_t> SqlStore::AnnualUsed(const std::string& id_hash, int year, std::string* error)
{
    auto c = readers().Acquire();
    auto r = c->Query("SELECT used_fen FROM buyer_quota WHERE id_hash = $1 AND year = $2", {id_hash, int64_t(year)}, error);
    if (!r) return std::nullopt;
    return r->rows.empty() ? 0 : r->rows[0][0].Int();
}

} // namespace bondstore
