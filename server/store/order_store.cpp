#include "server/store/order_store.h"

#include "server/base/bytes.h"
#include "server/store/migrations.h"

#include "core/orders/fulfilment.h"
#include "core/orders/order_price.h"
#include "core/wire/order_json.h"
#include "core/wire/tax_json.h"

#include <algorithm>
#include <tuple>

namespace bondstore {

const std::vector<Migration>& OrderMigrations()
{
    static const std::vector<Migration> parts = {
        {3, R"sql(
        CREATE TABLE orders (
            order_no            TEXT PRIMARY KEY,
            status              TEXT NOT NULL,
            created_at          BIGINT NOT NULL,  -- unix seconds
            updated_at          BIGINT NOT NULL,
            pay_before          BIGINT NOT NULL,  -- unpaid orders expire then
            released_at         BIGINT,           -- customs released the inventory list
            warehouse           TEXT NOT NULL REFERENCES warehouses(code),
            buyer_id_hash       TEXT NOT NULL,    -- keyed hash of the ID number (the quota's key)
            contact_sealed      TEXT NOT NULL,    -- buyer and consignee, AES-256-GCM (personal_data.h)
            receipt_masked      TEXT NOT NULL,    -- the masked personal data answers show
            quota_year          BIGINT NOT NULL,
            counts_towards_annual_fen BIGINT NOT NULL,
            regime              TEXT NOT NULL,
            goods_fen           BIGINT NOT NULL,
            freight_fen         BIGINT NOT NULL,
            insurance_fen       BIGINT NOT NULL,
            tariff_fen          BIGINT NOT NULL,
            consumption_tax_fen BIGINT NOT NULL,
            vat_fen             BIGINT NOT NULL,
            tax_total_fen       BIGINT NOT NULL,
            amount_to_pay_fen   BIGINT NOT NULL,
            quote               TEXT NOT NULL     -- the whole TaxQuote as charged (core/wire.h)
        );
        CREATE INDEX orders_by_status ON orders(status, pay_before);
        CREATE TABLE order_lines (
            order_no            TEXT NOT NULL REFERENCES orders(order_no),
            line_no             BIGINT NOT NULL,
            sku                 TEXT NOT NULL,
            qty                 BIGINT NOT NULL CHECK (qty > 0),
            price_fen           BIGINT NOT NULL,
            goods_fen           BIGINT NOT NULL,
            freight_fen         BIGINT NOT NULL,
            insurance_fen       BIGINT NOT NULL,
            dutiable_fen        BIGINT NOT NULL,
            tariff_fen          BIGINT NOT NULL,
            consumption_tax_fen BIGINT NOT NULL,
            vat_fen             BIGINT NOT NULL,
            tax_fen             BIGINT NOT NULL,
            PRIMARY KEY (order_no, line_no)
        );
        CREATE TABLE order_events (
            order_no TEXT NOT NULL REFERENCES orders(order_no),
            seq      BIGINT NOT NULL,
            status   TEXT NOT NULL,
            at       BIGINT NOT NULL,
            detail   TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (order_no, seq)
        );
        CREATE TABLE buyer_quota (
            id_hash  TEXT NOT NULL,
            year     BIGINT NOT NULL,
            used_fen BIGINT NOT NULL CHECK (used_fen >= 0),
            PRIMARY KEY (id_hash, year)
        );
        CREATE TABLE idempotency_keys (
            key          TEXT PRIMARY KEY,
            request_hash TEXT NOT NULL,
            order_no     TEXT NOT NULL,           -- claimed before the order row exists: no foreign key
            response     TEXT NOT NULL,
            created_at   BIGINT NOT NULL
        );
        -- Money owed back to a shopper (cancelled after payment, rejected by customs, returned): the
        -- payment provider's work list. The sandbox provider has no money to move.
        CREATE TABLE refunds (
            order_no   TEXT NOT NULL REFERENCES orders(order_no),
            reason     TEXT NOT NULL,             -- the event: cancel, reject, return
            amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
            state      TEXT NOT NULL DEFAULT 'due',
            created_at BIGINT NOT NULL,
            PRIMARY KEY (order_no, reason)
        );
        )sql"},
        {4, R"sql(
        -- What the single-window messages need from an order, fixed when it is taken.
        ALTER TABLE orders ADD COLUMN merchant TEXT NOT NULL DEFAULT '';
        ALTER TABLE order_lines ADD COLUMN product TEXT NOT NULL DEFAULT '';  -- the product as sold (catalog JSON)
        )sql"},
        {7, R"sql(
        -- What became of a kiosk's sealed order (order_seal.h), for the shopper following it on their
        -- phone: the kiosk's outbox lets go of an order once answered. Found by the keyed hash of the
        -- follow secret sealed inside the order (never by the Idempotency-Key, which a kiosk keeps).
        CREATE TABLE queued_orders (
            follow_hash TEXT PRIMARY KEY,
            key         TEXT NOT NULL,            -- the order's Idempotency-Key
            status      INTEGER NOT NULL,         -- the HTTP status it was answered with (201, 4xx)
            response    TEXT NOT NULL,            -- the answer's body
            created_at  BIGINT NOT NULL
        );
        )sql"},
        {8, R"sql(
        -- Who placed an order (the keyed hash of the client's address), and a row per client to
        -- lock while its unpaid orders are counted (as buyer_quota is locked per buyer).
        ALTER TABLE orders ADD COLUMN client_hash TEXT NOT NULL DEFAULT '';
        CREATE INDEX orders_by_buyer ON orders(buyer_id_hash, status);
        CREATE INDEX orders_by_client ON orders(client_hash, status);
        CREATE TABLE order_clients (
            client_hash TEXT PRIMARY KEY,
            placed      BIGINT NOT NULL DEFAULT 0
        );
        )sql"},
        {15, R"sql(
        -- The kiosk and experience store an order came from ('' for none: a shopper's own device).
        ALTER TABLE orders ADD COLUMN kiosk TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN store TEXT NOT NULL DEFAULT '';
        CREATE INDEX orders_by_store ON orders(store, created_at);
        )sql"},
    };
    return parts;
}

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

// Expires, inside the caller's transaction, the unpaid orders past their deadline that hold
// `buyer`'s quota or stock of `lines`: what they reserved is free for this order at once.
bool ExpireOverdue(SqlConnection& db, const std::string& buyer, const std::vector<OrderLineRequest>& lines, int64_t now, std::string* e)
{
    std::string sql = "SELECT DISTINCT o.order_no FROM orders o LEFT JOIN order_lines l ON l.order_no = o.order_no "
                      "WHERE o.status = $1 AND o.pay_before < $2 AND (o.buyer_id_hash = $3";
    SqlParams params = {StatusCode(OrderStatus::PendingPayment), now, buyer};
    for (const OrderLineRequest& l : lines) {
        params.push_back(l.sku);
        sql += (params.size() == 4 ? " OR l.sku IN ($" : ", $") + std::to_string(params.size());
    }
    sql += lines.empty() ? ")" : "))";
    auto due = db.Query(sql + " ORDER BY o.order_no", params, e);
    if (!due) return false;
    for (const auto& row : due->rows) {
        OrderStore::TransitionResult moved;
        if (!MoveOrder(db, row[0].Text(), OrderEvent::Expire, {}, now, moved, e) && !e->empty()) return false;
    }
    return true;
}

// The first limit this order would break ("" if none), and when it would allow one again. One
// query for the buyer (unpaid now, placed this hour: a buyer's orders are few), one for the client.
bool CheckLimits(SqlConnection& db, const OrderStore::Placement& p, std::string* limit, int64_t* retry_after, std::string* e)
{
    const OrderLimits& l = p.limits;
    const char* pending = StatusCode(OrderStatus::PendingPayment);
    auto refuse = [&](const char* code, int64_t free_at) {
        *limit = code;
        *retry_after = std::max<int64_t>(1, free_at - p.now);
        return true;
    };
    if (l.unpaid_per_buyer > 0 || l.orders_per_buyer_hour > 0) {
        auto r = db.Query("SELECT count(*) FILTER (WHERE status = $2), coalesce(min(pay_before) FILTER (WHERE status = $2), 0), "
                          "count(*) FILTER (WHERE created_at > $3), coalesce(min(created_at) FILTER (WHERE created_at > $3), 0) "
                          "FROM orders WHERE buyer_id_hash = $1 AND (status = $2 OR created_at > $3)",
                          {p.buyer_id_hash, pending, p.now - 3600}, e);
        if (!r) return false;
        const std::vector<SqlValue>& b = r->rows[0];
        if (l.unpaid_per_buyer > 0 && b[0].Int() >= l.unpaid_per_buyer) return refuse("unpaid_per_buyer", b[1].Int());
        if (l.orders_per_buyer_hour > 0 && b[2].Int() >= l.orders_per_buyer_hour) return refuse("orders_per_buyer_hour", b[3].Int() + 3600);
    }
    if (l.unpaid_per_client > 0 && !p.client_hash.empty()) {
        // Counted up to the limit only: a client far past it (a raised limit, a flood) costs no more.
        auto r = db.Query("SELECT count(*), coalesce(min(pay_before), 0) FROM "
                          "(SELECT pay_before FROM orders WHERE client_hash = $1 AND status = $2 LIMIT $3) AS held",
                          {p.client_hash, pending, l.unpaid_per_client}, e);
        if (!r) return false;
        if (r->rows[0][0].Int() >= l.unpaid_per_client) return refuse("unpaid_per_client", r->rows[0][1].Int());
    }
    return true;
}

// Bonded stock available for `lines`, per warehouse, as this transaction reads it.
std::optional<std::vector<SkuAvailability>> StockFor(SqlConnection& db, const std::vector<OrderLineRequest>& lines, std::string* e)
{
    std::vector<SkuAvailability> stock;
    for (const OrderLineRequest& l : lines) {
        auto r = db.Query("SELECT warehouse, on_hand - reserved FROM stock WHERE sku = $1", {l.sku}, e);
        if (!r) return std::nullopt;
        SkuAvailability a{l.sku, 0, {}};
        for (const auto& row : r->rows) {
            a.warehouses.emplace_back(row[0].Text(), row[1].Int());
            a.available += row[1].Int();
        }
        stock.push_back(std::move(a));
    }
    return stock;
}

} // namespace

std::optional<OrderStore::PlaceResult> OrderStore::PlaceOrder(const Placement& p, std::string* error)
{
    PlaceResult result;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
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
            if (same) result.replayed = seen->rows[0][1].Text();
            return false;
        }

        // 2. The client's row, then the buyer's annual total, locked for the rest of the
        //    transaction (two orders of one client or one buyer are counted one after the other).
        //    (An upsert that updates the row it finds locks it, in one statement.)
        if (!p.client_hash.empty() &&
            !db.Query("INSERT INTO order_clients(client_hash, placed) VALUES ($1, 1) "
                      "ON CONFLICT (client_hash) DO UPDATE SET placed = order_clients.placed + 1",
                      {p.client_hash}, e))
            return false;
        if (!db.Query("INSERT INTO buyer_quota(id_hash, year, used_fen) VALUES ($1, $2, 0) "
                      "ON CONFLICT (id_hash, year) DO UPDATE SET used_fen = buyer_quota.used_fen",
                      {p.buyer_id_hash, p.quota_year}, e))
            return false;
        // Overdue unpaid orders give back this buyer's quota and these SKUs' stock first.
        if (!ExpireOverdue(db, p.buyer_id_hash, p.lines, p.now, e)) return false;
        auto used = db.Query("SELECT used_fen FROM buyer_quota WHERE id_hash = $1 AND year = $2", {p.buyer_id_hash, p.quota_year}, e);
        if (!used || used->rows.empty()) return false;
        // What one buyer and one client may hold at once.
        if (!CheckLimits(db, p, &result.limit, &result.retry_after, e)) return false;
        if (!result.limit.empty()) {
            result.outcome = PlaceResult::Outcome::Limited;
            return false;
        }

        // 3. The price, by core, with that total.
        OrderPrice price = PriceOrder(p.quote_request, Money{used->rows[0][0].Int()}, p.shown_total, p.shown_freight, *p.tax_table);
        result.quote = price.quote;
        if (!price.accepted()) {
            result.outcome = PlaceResult::Outcome::Refused;
            result.refusal = price.refusal;
            return false;
        }

        // 4. Stock: one bonded warehouse must hold every line (core's rule), reserved line by line
        //    in SKU order with a conditional decrement: never below zero available, whatever runs
        //    beside it.
        std::vector<OrderLineRequest> lines = p.lines;
        std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.sku < b.sku; });
        std::optional<std::vector<SkuAvailability>> stock = StockFor(db, lines, e);
        if (!stock) return false;
        Fulfilment fulfilment = ChooseWarehouse(lines, *stock);
        auto out_of_stock = [&](std::vector<std::string> skus) {
            result.outcome = PlaceResult::Outcome::OutOfStock;
            result.short_skus = std::move(skus);
            return false;
        };
        if (!fulfilment.ok()) return out_of_stock(fulfilment.short_skus);
        for (const OrderLineRequest& l : lines) {
            auto taken = db.Query("UPDATE stock SET reserved = reserved + $3 WHERE sku = $1 AND warehouse = $2 "
                                  "AND on_hand - reserved >= $3",
                                  {l.sku, fulfilment.warehouse, l.qty}, e);
            if (!taken) return false;
            if (taken->changed != 1) return out_of_stock({l.sku});
        }

        // 5. The order, its lines and tax breakdown, its timeline, the quota, the outbox.
        const TaxQuote& q = result.quote;
        OrderReceipt& receipt = result.receipt;
        receipt = p.receipt;
        receipt.order_no = p.order_no;
        receipt.status = OrderStatus::PendingPayment;
        receipt.created_at = p.now;
        receipt.pay_before = p.pay_before;
        receipt.lines = p.lines;
        receipt.warehouse = fulfilment.warehouse;
        receipt.quote_json = TaxQuoteToJson(q);
        receipt.amount_to_pay = q.amount_to_pay;
        receipt.tax_total = q.tax_total;
        receipt.timeline = {{OrderStatus::PendingPayment, p.now, {}}};
        receipt.lookup_secret.clear();
        if (!db.Query("INSERT INTO orders(order_no, status, created_at, updated_at, pay_before, warehouse, buyer_id_hash, "
                      "contact_sealed, receipt_masked, quota_year, counts_towards_annual_fen, regime, goods_fen, freight_fen, "
                      "insurance_fen, tariff_fen, consumption_tax_fen, vat_fen, tax_total_fen, amount_to_pay_fen, quote, merchant, "
                      "client_hash, kiosk, store) "
                      "VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, "
                      "$23, $24)",
                      {p.order_no, StatusCode(OrderStatus::PendingPayment), p.now, p.pay_before, fulfilment.warehouse, p.buyer_id_hash,
                       p.contact_sealed, MaskedContactToJson(receipt), p.quota_year, q.counts_towards_annual.fen,
                       RegimeCode(q.regime), q.goods.fen, q.freight.fen, q.insurance.fen, q.tariff.fen,
                       q.consumption_tax.fen, q.vat.fen, q.tax_total.fen, q.amount_to_pay.fen, receipt.quote_json, p.merchant,
                       p.client_hash, p.kiosk, p.store},
                      e))
            return false;
        for (size_t i = 0; i < q.lines.size(); i++) {
            const LineTax& t = q.lines[i];
            auto product = p.products.find(t.sku);
            if (!db.Query("INSERT INTO order_lines(order_no, line_no, sku, qty, price_fen, goods_fen, freight_fen, insurance_fen, "
                          "dutiable_fen, tariff_fen, consumption_tax_fen, vat_fen, tax_fen, product) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                          {p.order_no, int64_t(i + 1), t.sku, t.qty, t.qty > 0 ? t.goods.fen / t.qty : 0, t.goods.fen,
                           t.freight_share.fen, t.insurance_share.fen, t.dutiable.fen, t.tariff.fen, t.consumption_tax.fen, t.vat.fen,
                           t.tax().fen, product != p.products.end() ? product->second : std::string()},
                          e))
                return false;
        }
        if (!AddEvent(db, p.order_no, OrderStatus::PendingPayment, p.now, {}, e)) return false;
        if (!db.Query("UPDATE buyer_quota SET used_fen = used_fen + $3 WHERE id_hash = $1 AND year = $2",
                      {p.buyer_id_hash, p.quota_year, q.counts_towards_annual.fen}, e))
            return false;
        for (const Placement::Message& m : p.messages)
            if (!db.Query("INSERT INTO outbox(order_no, kind, created_at, guid) VALUES ($1, $2, $3, $4)", {p.order_no, m.kind, p.now, m.guid}, e))
                return false;
        if (!p.carrier.empty() &&
            !db.Query("INSERT INTO shipments(order_no, carrier, carrier_order_id, created_at, updated_at) VALUES ($1, $2, $1, $3, $3)",
                      {p.order_no, p.carrier, p.now}, e))
            return false;
        // The first answer, kept for replays of the key without the order's lookup secret (derived
        // from the order number, it is added to every answer that carries it).
        if (!db.Query("UPDATE idempotency_keys SET response = $2 WHERE key = $1", {p.idempotency_key, OrderReceiptToJson(receipt)}, e))
            return false;
        result.outcome = PlaceResult::Outcome::Created;
        return true;
    }, error);
    if (!ok && !error->empty()) return std::nullopt;
    return result;
}

std::optional<OrderStore::StoredOrder> OrderStore::FindOrder(const std::string& order_no, std::string* error)
{
    auto c = db_.readers().Acquire();
    ReadTransaction read{*c};
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
    ParseMaskedContactJson(row[7].Text(), &r);
    s.counts_towards_annual = {row[8].Int()};
    r.tax_total = {row[9].Int()};
    r.amount_to_pay = {row[10].Int()};
    r.quote_json = row[11].Text();
    auto lines = c->Query("SELECT sku, qty FROM order_lines WHERE order_no = $1 ORDER BY line_no", {order_no}, error);
    auto events = c->Query("SELECT status, at, detail FROM order_events WHERE order_no = $1 ORDER BY seq", {order_no}, error);
    auto receipts = c->Query("SELECT kind, status, received_at FROM customs_receipts WHERE order_no = $1 ORDER BY received_at, return_time",
                             {order_no}, error);
    if (!lines || !events || !receipts) return std::nullopt;
    for (const auto& rc : receipts->rows) r.customs.push_back({rc[0].Text(), rc[1].Int(), rc[2].Int()});
    for (const auto& l : lines->rows) r.lines.push_back({l[0].Text(), l[1].Int()});
    for (const auto& ev : events->rows)
        r.timeline.push_back({ParseStatus(ev[0].Text()).value_or(OrderStatus::PendingPayment), ev[1].Int(), ev[2].Text()});
    auto ret = c->Query("SELECT requested_at, due_back_at, goods_back_at FROM order_returns WHERE order_no = $1", {order_no}, error);
    if (!ret) return std::nullopt;
    if (!ret->rows.empty()) r.return_info = {ret->rows[0][0].Int(), ret->rows[0][1].Int(), ret->rows[0][2].Int()};
    return s;
}

bool MoveOrder(SqlConnection& db, const std::string& order_no, OrderEvent event, const std::string& detail, int64_t now,
               OrderStore::TransitionResult& result, std::string* e)
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
    if ((event == OrderEvent::Return || event == OrderEvent::RequestReturn) && from != OrderStatus::Returning &&
        (row[5].is_null() || !WithinReturnWindow(row[5].Int(), now))) {
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
    // A declared list withdrawn: the withdrawal (CEB623) goes to customs now; what the order
    // gives back waits for customs' answer.
    if (event == OrderEvent::Withdraw &&
        !db.Query("INSERT INTO outbox(order_no, kind, created_at, guid, state, ready_at) VALUES ($1, 'withdrawal', $2, $3, 'ready', $2)",
                  {order_no, now, NewUuid()}, e))
        return false;
    // A return asked for: declared to customs (CEB625) now; the goods are due back 45 days after
    // release (ReturnStore).
    if (event == OrderEvent::RequestReturn &&
        (!db.Query("INSERT INTO order_returns(order_no, requested_at, due_back_at) VALUES ($1, $2, $3) ON CONFLICT (order_no) DO UPDATE "
                   "SET requested_at = excluded.requested_at, due_back_at = excluded.due_back_at, goods_back_at = 0",
                   {order_no, now, row[5].Int() + kGoodsBackWindowSeconds}, e) ||
         !db.Query("INSERT INTO outbox(order_no, kind, created_at, guid, state, ready_at) VALUES ($1, 'return', $2, $3, 'ready', $2)",
                   {order_no, now, NewUuid()}, e)))
        return false;
    if ((event == OrderEvent::Cancel || event == OrderEvent::Expire) &&
        !db.Query("UPDATE outbox SET state = 'withdrawn' WHERE order_no = $1 AND state IN ('awaiting_payment', 'awaiting_declaration', 'ready', 'parked')",
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


std::optional<OrderStore::TransitionResult> OrderStore::Transition(const std::string& order_no, OrderEvent event,
                                                            const std::string& detail, int64_t now, std::string* error)
{
    TransitionResult result;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) { return MoveOrder(db, order_no, event, detail, now, result, e); },
                                 error);
    if (!ok && !error->empty()) return std::nullopt;
    return result;
}

std::optional<std::vector<std::string>> OrderStore::ExpireUnpaid(int64_t now, std::string* error)
{
    std::vector<std::string> due;
    {
        auto c = db_.readers().Acquire();
        auto r = c->Query("SELECT order_no FROM orders WHERE status = $2 AND pay_before < $1 ORDER BY pay_before",
                          {now, StatusCode(OrderStatus::PendingPayment)}, error);
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

std::optional<OrderStore::StoredResponse> OrderStore::FindIdempotentResponse(const std::string& key, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1", {key}, error);
    if (!r || r->rows.empty()) return std::nullopt;
    return StoredResponse{r->rows[0][0].Text(), r->rows[0][1].Text()};
}

bool OrderStore::KeepQueuedAnswer(const std::string& follow_hash, const std::string& key, const QueuedAnswer& answer,
                                int64_t now, std::string* error)
{
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return db.Query("DELETE FROM queued_orders WHERE created_at < $1", {now - kQueuedAnswerDays * 86400}, e) &&
               db.Query("INSERT INTO queued_orders(follow_hash, key, status, response, created_at) VALUES ($1, $2, $3, $4, $5) "
                        "ON CONFLICT (follow_hash) DO NOTHING",
                        {follow_hash, key, int64_t(answer.status), answer.response, now}, e);
    }, error);
}

std::optional<OrderStore::QueuedAnswer> OrderStore::FindQueuedAnswer(const std::string& follow_hash, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT status, response FROM queued_orders WHERE follow_hash = $1", {follow_hash}, error);
    if (!r || r->rows.empty()) return std::nullopt;
    return QueuedAnswer{int(r->rows[0][0].Int()), r->rows[0][1].Text()};
}

std::optional<int64_t> OrderStore::AnnualUsed(const std::string& id_hash, int year, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto r = c->Query("SELECT used_fen FROM buyer_quota WHERE id_hash = $1 AND year = $2", {id_hash, int64_t(year)}, error);
    if (!r) return std::nullopt;
    return r->rows.empty() ? 0 : r->rows[0][0].Int();
}

std::optional<int64_t> OrderStore::PurgeExpired(int64_t now, std::string* error)
{
    int64_t purged = 0;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto keys = db.Query("DELETE FROM idempotency_keys WHERE created_at < $1", {now - kIdempotencyDays * 86400}, e);
        auto answers = db.Query("DELETE FROM queued_orders WHERE created_at < $1", {now - kQueuedAnswerDays * 86400}, e);
        // A client's lock row, once it holds no unpaid order (made again at its next order).
        auto clients = db.Query("DELETE FROM order_clients WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.client_hash = "
                                "order_clients.client_hash AND orders.status = $1)",
                                {StatusCode(OrderStatus::PendingPayment)}, e);
        if (!keys || !answers || !clients) return false;
        purged = keys->changed + answers->changed + clients->changed;
        return true;
    }, error);
    if (!ok) return std::nullopt;
    return purged;
}

std::optional<int64_t> OrderStore::StripKeptSecrets(const std::function<std::string(const std::string&)>& strip, std::string* error)
{
    int64_t stripped = 0;
    for (const char* table : {"idempotency_keys", "queued_orders"}) {
        const std::string key = std::string(table) == "idempotency_keys" ? "key" : "follow_hash";
        std::vector<std::pair<std::string, std::string>> rows;
        {
            auto c = db_.readers().Acquire();
            auto r = c->Query("SELECT " + key + ", response FROM " + table + " WHERE response LIKE '%\"lookup_secret\"%'", {}, error);
            if (!r) return std::nullopt;
            for (auto& row : r->rows) rows.emplace_back(row[0].Text(), row[1].Text());
        }
        for (const auto& kept : rows) {
            const std::string &id = kept.first, &response = kept.second; // (a lambda may not capture a structured binding)
            bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
                auto r = db.Query("UPDATE " + std::string(table) + " SET response = $2 WHERE " + key + " = $1 AND response = $3",
                                  {id, strip(response), response}, e);
                if (r) stripped += r->changed;
                return r.has_value();
            }, error);
            if (!ok) return std::nullopt;
        }
    }
    return stripped;
}

} // namespace bondstore
