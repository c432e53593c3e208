#include "server/store/relay_store.h"

#include "server/store/migrations.h"
#include "server/store/order_store.h"

#include "core/base/problem.h"

#include <algorithm>

namespace bondstore {

const std::vector<Migration>& RelayMigrations()
{
    static const std::vector<Migration> parts = {
        {3, R"sql(
        CREATE TABLE outbox (
            id         {{id}},
            order_no   TEXT NOT NULL REFERENCES orders(order_no),
            kind       TEXT NOT NULL,             -- what the relay must send: "order" (CEB311), …
            -- Written with the order, held until it is paid (customs is told only of paid orders),
            -- withdrawn if it is cancelled or expires first:
            -- awaiting_payment → ready → (sent by the relay) ; awaiting_payment → withdrawn
            state      TEXT NOT NULL DEFAULT 'awaiting_payment',
            created_at BIGINT NOT NULL,
            ready_at   BIGINT,
            sent_at    BIGINT,
            attempts   BIGINT NOT NULL DEFAULT 0
        );
        CREATE INDEX outbox_pending ON outbox(state, sent_at, id);
        )sql"},
        {4, R"sql(
        ALTER TABLE outbox ADD COLUMN guid TEXT NOT NULL DEFAULT '';          -- the message's guid: the receiver de-duplicates by it
        ALTER TABLE outbox ADD COLUMN message TEXT;                           -- the signed message as sent (audit)
        )sql"},
        {5, R"sql(
        -- The relay: when to try a message again, and why the last attempt failed. (state 'parked':
        -- kept and reported, never dropped.)
        ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0; -- unix milliseconds
        ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
        -- Customs' receipts (CEB312, CEB622) as they arrived; the same receipt twice is stored once.
        CREATE TABLE customs_receipts (
            order_no    TEXT NOT NULL REFERENCES orders(order_no),
            kind        TEXT NOT NULL,            -- "order" (CEB312), "inventory" (CEB622)
            status      TEXT NOT NULL,            -- returnStatus: 2, 120, 800, -621018, …
            return_time TEXT NOT NULL,            -- returnTime as customs wrote it
            info        TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (order_no, kind, status, return_time)
        );
        )sql"},
        {6, R"sql(
        -- Parking counts from a message's first failed delivery (not from when it became ready: a
        -- message that waited for the relay to be switched on has not failed yet).
        ALTER TABLE outbox ADD COLUMN first_failed_at BIGINT;
        )sql"},
        {11, R"sql(
        -- The list's numbers from customs' receipts: its withdrawal (CEB623) and return name them.
        ALTER TABLE customs_receipts ADD COLUMN pre_no TEXT NOT NULL DEFAULT '';
        ALTER TABLE customs_receipts ADD COLUMN invt_no TEXT NOT NULL DEFAULT '';
        )sql"},
    };
    return parts;
}

std::optional<RelayStore::OrderDeclaration> RelayStore::FindDeclaration(const std::string& order_no, const std::string& kind,
                                                                 std::string* error)
{
    auto c = db_.readers().Acquire();
    ReadTransaction read{*c};
    if (!read.Begin(error)) return std::nullopt;
    auto o = c->Query("SELECT status, merchant, contact_sealed, buyer_id_hash, goods_fen, freight_fen, insurance_fen, tax_total_fen, "
                      "amount_to_pay_fen FROM orders WHERE order_no = $1",
                      {order_no}, error);
    if (!o) return std::nullopt;
    OrderDeclaration d;
    if (o->rows.empty()) return d;
    const auto& row = o->rows[0];
    d.order_no = order_no;
    d.status = ParseStatus(row[0].Text()).value_or(OrderStatus::PendingPayment);
    d.merchant = row[1].Text();
    d.contact_sealed = row[2].Text();
    d.buyer_id_hash = row[3].Text();
    d.goods = {row[4].Int()};
    d.freight = {row[5].Int()};
    d.insurance = {row[6].Int()};
    d.tax_total = {row[7].Int()};
    d.amount_to_pay = {row[8].Int()};
    auto lines = c->Query("SELECT sku, product, qty, price_fen, goods_fen FROM order_lines WHERE order_no = $1 ORDER BY line_no",
                          {order_no}, error);
    auto outbox = c->Query("SELECT guid, ready_at, message FROM outbox WHERE order_no = $1 AND kind = $2", {order_no, kind}, error);
    auto paid = c->Query("SELECT detail FROM order_events WHERE order_no = $1 AND status = 'paid' ORDER BY seq", {order_no}, error);
    if (!lines || !outbox || !paid) return std::nullopt;
    for (const auto& l : lines->rows) d.lines.push_back({l[0].Text(), l[1].Text(), l[2].Int(), {l[3].Int()}, {l[4].Int()}});
    if (!outbox->rows.empty()) {
        d.guid = outbox->rows[0][0].Text();
        d.declared_at = outbox->rows[0][1].is_null() ? 0 : outbox->rows[0][1].Int();
        d.sent_message = outbox->rows[0][2].Text();
    }
    // The payment event's detail is "<provider> <payment id>".
    if (!paid->rows.empty()) {
        std::string detail = paid->rows[0][0].Text();
        size_t space = detail.find(' ');
        d.payment_provider = detail.substr(0, space);
        d.payment_id = space == std::string::npos ? std::string() : detail.substr(space + 1);
    }
    auto declared = c->Query("SELECT pay_transaction_id FROM payments WHERE order_no = $1 AND pay_transaction_id <> ''", {order_no}, error);
    if (!declared) return std::nullopt;
    if (!declared->rows.empty()) d.payment_id = declared->rows[0][0].Text();
    auto shipment = c->Query("SELECT waybill_no FROM shipments WHERE order_no = $1", {order_no}, error);
    if (!shipment) return std::nullopt;
    if (!shipment->rows.empty()) d.waybill_no = shipment->rows[0][0].Text();
    auto numbers = c->Query("SELECT pre_no, invt_no FROM customs_receipts WHERE order_no = $1 AND kind = 'inventory' AND invt_no <> '' "
                            "ORDER BY received_at LIMIT 1",
                            {order_no}, error);
    if (!numbers) return std::nullopt;
    if (!numbers->rows.empty()) {
        d.pre_no = numbers->rows[0][0].Text();
        d.invt_no = numbers->rows[0][1].Text();
    }
    return d;
}

std::optional<RelayStore::ReceiptResult> RelayStore::ApplyCustomsReceipt(const CustomsReceipt& r, int64_t now, std::string* error)
{
    ReceiptResult result;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        result = {};
        // Locks the order first (the order every transaction locks in).
        auto o = db.Query("UPDATE orders SET updated_at = updated_at WHERE order_no = $1 RETURNING status", {r.order_no}, e);
        if (!o) return false;
        if (o->rows.empty()) return true; // not ours: nothing to store
        result.known_order = true;
        result.status = ParseStatus(o->rows[0][0].Text()).value_or(OrderStatus::PendingPayment);
        auto stored = db.Query("INSERT INTO customs_receipts(order_no, kind, status, return_time, info, received_at, pre_no, invt_no) "
                               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                               {r.order_no, r.message, std::to_string(r.code), r.return_time, r.info, now, r.pre_no, r.invt_no}, e);
        if (!stored) return false;
        if (stored->changed == 0) {
            result.duplicate = true;
            return true;
        }
        std::string detail = CustomsReceiptDetail(r.message, r.code);
        auto accepted = db.Query("SELECT count(*) FROM customs_receipts WHERE order_no = $1 AND kind = $2 "
                                 "AND CAST(status AS BIGINT) >= 120",
                                 {r.order_no, r.message}, e);
        if (!accepted) return false;
        for (OrderEvent event : EventsForCustomsReceipt(result.status, r.message, r.code, accepted->rows[0][0].Int() > 0)) {
            OrderStore::TransitionResult moved;
            if (!MoveOrder(db, r.order_no, event, detail, now, moved, e)) {
                if (!e->empty()) return false;
                break; // not allowed after all (cannot happen: core chose it from this status)
            }
            result.status = moved.status;
        }
        return true;
    }, error);
    if (!ok) return std::nullopt;
    return result;
}

std::optional<std::vector<RelayStore::OutboxMessage>> RelayStore::ClaimOutbox(int64_t now, int64_t lease, int64_t limit, std::string* error)
{
    std::vector<OutboxMessage> out;
    bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        out.clear();
        // Ready and due, or being sent by a worker whose lease ran out (it died).
        auto due = db.Query("SELECT id, order_no, kind, guid, ready_at, attempts, state, next_attempt_at, first_failed_at FROM outbox "
                            "WHERE state IN ('ready', 'sending') AND next_attempt_at <= $1 "
                            // The list carries the waybill: held while the carrier has not given it.
                            "AND (kind <> 'inventory' OR NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_no = outbox.order_no "
                            "AND s.waybill_no = '')) ORDER BY id LIMIT $2",
                            {now, limit}, e);
        if (!due) return false;
        for (const auto& row : due->rows) {
            // Conditional on what was read, so two workers never take the same message (PostgreSQL:
            // the second waits on the row lock, then finds it changed). The lease's end is the
            // token the worker's Mark* calls must show.
            auto taken = db.Query("UPDATE outbox SET state = 'sending', next_attempt_at = $2 WHERE id = $1 AND state = $3 AND next_attempt_at = $4",
                                  {row[0].Int(), now + lease, row[6].Text(), row[7].Int()}, e);
            if (!taken) return false;
            if (taken->changed == 1)
                out.push_back({row[0].Int(), row[1].Text(), row[2].Text(), row[3].Text(), row[4].is_null() ? 0 : row[4].Int(), row[5].Int(),
                               now + lease, row[8].is_null() ? 0 : row[8].Int()});
        }
        return true;
    }, error);
    if (!ok) return std::nullopt;
    return out;
}

bool RelayStore::MarkOutboxSent(const OutboxMessage& m, const std::string& sealed_xml, int64_t now, std::string* error)
{
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        auto marked = db.Query("UPDATE outbox SET state = 'sent', sent_at = $2, message = $3, attempts = attempts + 1, last_error = '' "
                               "WHERE id = $1 AND state = 'sending' AND next_attempt_at = $4",
                               {m.id, now, sealed_xml, m.lease_until}, e);
        if (!marked) return false;
        if (marked->changed == 0) return true; // another worker took it over (this one's lease ran out): its word counts
        // Customs has the order: it is declared, in the same transaction (receipts may have said so already).
        if (m.kind == "order") {
            OrderStore::TransitionResult moved;
            if (!MoveOrder(db, m.order_no, OrderEvent::Declare, "CEB311 sent", now, moved, e) && !e->empty()) return false;
        }
        return true;
    }, error);
}

bool RelayStore::MarkOutboxFailed(const OutboxMessage& m, const std::string& why, int64_t now, int64_t next_attempt_ms, bool park,
                                std::string* error)
{
    return db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
        return db.Query("UPDATE outbox SET state = $2, next_attempt_at = $3, last_error = $4, attempts = attempts + 1, "
                        "first_failed_at = coalesce(first_failed_at, $6) WHERE id = $1 AND state = 'sending' AND next_attempt_at = $5",
                        {m.id, park ? "parked" : "ready", next_attempt_ms, ShortenForReport(why, 1000) /* cut between characters: PostgreSQL refuses a cut one */, m.lease_until, now}, e)
            .has_value();
    }, error);
}

std::optional<int64_t> RelayStore::SealClearMessages(const std::function<std::string(std::string_view)>& seal, std::string* error)
{
    // Sealed messages start "v1." (personal_data.h); an XML message starts "<".
    std::vector<std::pair<int64_t, std::string>> clear;
    {
        auto c = db_.readers().Acquire();
        auto r = c->Query("SELECT id, message FROM outbox WHERE message LIKE '<%'", {}, error);
        if (!r) return std::nullopt;
        for (auto& row : r->rows) clear.emplace_back(row[0].Int(), row[1].Text());
    }
    int64_t sealed = 0;
    for (const auto& message : clear) {
        const int64_t id = message.first;
        const std::string& xml = message.second; // (a lambda may not capture a structured binding)
        std::string sealed_xml = seal(xml);
        bool ok = db_.InWriteTransaction([&](SqlConnection& db, std::string* e) {
            auto r = db.Query("UPDATE outbox SET message = $2 WHERE id = $1 AND message = $3", {id, sealed_xml, xml}, e);
            if (r) sealed += r->changed;
            return r.has_value();
        }, error);
        if (!ok) return std::nullopt;
    }
    return sealed;
}

std::optional<RelayStore::RelayStats> RelayStore::GetRelayStats(std::string* error)
{
    auto c = db_.readers().Acquire();
    auto counts = c->Query("SELECT state, count(*), coalesce(min(ready_at), 0), coalesce(sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) "
                           "FROM outbox WHERE state IN ('ready', 'sending', 'sent', 'parked') GROUP BY state",
                           {}, error);
    auto parked = c->Query("SELECT order_no, kind, last_error, ready_at, attempts FROM outbox WHERE state = 'parked' ORDER BY id LIMIT 100",
                           {}, error);
    if (!counts || !parked) return std::nullopt;
    RelayStats s;
    for (const auto& row : counts->rows) {
        if (row[0].Text() == "sent") s.sent = row[1].Int();
        else if (row[0].Text() == "parked") s.parked_total = row[1].Int();
        else { // ready or being sent: pending
            s.pending += row[1].Int();
            s.oldest_ready_at = s.oldest_ready_at ? std::min(s.oldest_ready_at, row[2].Int()) : row[2].Int();
            s.failing += row[3].Int();
        }
    }
    for (const auto& row : parked->rows)
        s.parked.push_back({row[0].Text(), row[1].Text(), row[2].Text(), row[3].is_null() ? 0 : row[3].Int(), row[4].Int()});
    return s;
}

std::optional<std::vector<RelayStore::Rejection>> RelayStore::Rejections(int limit, std::string* error)
{
    // The rejecting receipt: customs' newest with a negative returnStatus or 100 (core's
    // EventsForCustomsReceipt). Correlated subqueries: at most `limit` orders are read.
    static const std::string receipt = "FROM customs_receipts r WHERE r.order_no = o.order_no AND r.kind IN ('order', 'inventory') AND (r.status LIKE '-%' OR r.status = '100') "
                                       "ORDER BY r.received_at DESC LIMIT 1";
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT o.order_no, o.merchant, o.store, o.updated_at, "
                         "coalesce((SELECT r.kind " + receipt + "), ''), coalesce((SELECT r.status " + receipt + "), ''), "
                         "coalesce((SELECT r.info " + receipt + "), '') "
                         "FROM orders o WHERE o.status = $1 ORDER BY o.updated_at DESC, o.order_no DESC LIMIT $2",
                         {StatusCode(OrderStatus::Rejected), int64_t(limit)}, error);
    if (!rows) return std::nullopt;
    std::vector<Rejection> out;
    for (const auto& row : rows->rows)
        out.push_back({row[0].Text(), row[1].Text(), row[2].Text(), row[3].Int(), row[4].Text(), row[5].Text(), row[6].Text()});
    return out;
}

} // namespace bondstore

