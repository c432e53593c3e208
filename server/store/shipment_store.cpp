#include "server/store/shipment_store.h"

#include "server/store/migrations.h"
#include "server/store/order_store.h"

#include "core/orders/shipment.h"

namespace bondstore {

const std::vector<Migration>& ShipmentMigrations()
{
    static const std::vector<Migration> parts = {
        {10, R"sql(
        -- An order's parcel: written with the order when the store ships through a carrier.
        -- due (no waybill yet) → issued; due → refused (the carrier cannot deliver there).
        CREATE TABLE shipments (
            order_no         TEXT PRIMARY KEY REFERENCES orders(order_no),
            carrier          TEXT NOT NULL,               -- "sf"
            carrier_order_id TEXT NOT NULL,               -- the carrier's order id (never reused after a cancel)
            state            TEXT NOT NULL DEFAULT 'due',
            waybill_no       TEXT NOT NULL DEFAULT '',
            origin_code      TEXT NOT NULL DEFAULT '',
            dest_code        TEXT NOT NULL DEFAULT '',
            note             TEXT NOT NULL DEFAULT '',    -- the last failure, or the carrier's refusal
            attempts         BIGINT NOT NULL DEFAULT 0,
            next_attempt_at  BIGINT NOT NULL DEFAULT 0,   -- unix seconds
            tracked_at       BIGINT NOT NULL DEFAULT 0,   -- when the carrier was last asked for its routes
            created_at       BIGINT NOT NULL,
            updated_at       BIGINT NOT NULL
        );
        CREATE INDEX shipments_due ON shipments(state, next_attempt_at);
        CREATE INDEX shipments_waybill ON shipments(carrier, waybill_no);
        -- What the carrier said about the parcel, once per event id.
        CREATE TABLE tracking_events (
            order_no    TEXT NOT NULL REFERENCES orders(order_no),
            event_id    TEXT NOT NULL,
            stage       TEXT NOT NULL,  -- core TrackingStageCode
            code        TEXT NOT NULL,  -- the carrier's own
            at          BIGINT NOT NULL,
            place       TEXT NOT NULL,
            text        TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (order_no, event_id)
        );
        )sql"},
    };
    return parts;
}

std::optional<std::vector<ShipmentStore::Due>> ShipmentStore::WaybillsDue(const std::string& carrier, int64_t now, int limit, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT s.order_no, s.carrier_order_id, s.attempts FROM shipments s JOIN orders o ON o.order_no = s.order_no "
                         "WHERE s.state = 'due' AND s.carrier = $1 AND s.next_attempt_at <= $2 AND o.status IN ('paid', 'declared') "
                         "ORDER BY s.created_at LIMIT $3",
                         {carrier, now, int64_t(limit)}, error);
    if (!rows) return std::nullopt;
    std::vector<Due> out;
    for (const auto& r : rows->rows) out.push_back({r[0].Text(), r[1].Text(), r[2].Int()});
    return out;
}

bool ShipmentStore::RecordWaybill(const std::string& order_no, const std::string& waybill_no, const std::string& origin_code,
                                  const std::string& dest_code, bool refused, const std::string& note, int64_t now, std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE shipments SET state = $2, waybill_no = $3, origin_code = $4, dest_code = $5, note = $6, "
                            "attempts = attempts + 1, updated_at = $7 WHERE order_no = $1 AND state = 'due'",
                            {order_no, refused ? "refused" : "issued", waybill_no, origin_code, dest_code, note, now}, e)
                .has_value();
        },
        error);
}

bool ShipmentStore::RecordFailure(const std::string& order_no, const std::string& why, int64_t next_attempt_at, int64_t now, std::string* error)
{
    return db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            return db.Query("UPDATE shipments SET note = $2, next_attempt_at = $3, attempts = attempts + 1, updated_at = $4 "
                            "WHERE order_no = $1 AND state = 'due'",
                            {order_no, why, next_attempt_at, now}, e)
                .has_value();
        },
        error);
}

std::optional<std::string> ShipmentStore::OrderOfWaybill(const std::string& carrier, const std::string& waybill_no, std::string* error)
{
    if (waybill_no.empty()) return std::string();
    auto c = db_.readers().Acquire();
    auto rows = c->Query("SELECT order_no FROM shipments WHERE carrier = $1 AND waybill_no = $2", {carrier, waybill_no}, error);
    if (!rows) return std::nullopt;
    return rows->rows.empty() ? std::string() : rows->rows[0][0].Text();
}

std::optional<int64_t> ShipmentStore::ApplyTracking(const std::string& order_no, const std::vector<TrackingEvent>& events, int64_t now,
                                                    std::string* error)
{
    int64_t added = 0;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            added = 0;
            // The order's row first (as every move takes it), then the events in time order.
            auto o = db.Query("UPDATE orders SET updated_at = updated_at WHERE order_no = $1 RETURNING status", {order_no}, e);
            if (!o) return false;
            if (o->rows.empty()) return true;
            OrderStatus status = ParseStatus(o->rows[0][0].Text()).value_or(OrderStatus::PendingPayment);
            for (const TrackingEvent& t : MergeTracking(events)) {
                auto inserted = db.Query("INSERT INTO tracking_events(order_no, event_id, stage, code, at, place, text, received_at) "
                                         "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                                         {order_no, t.id, TrackingStageCode(t.stage), t.code, t.at, t.place, t.text, now}, e);
                if (!inserted) return false;
                if (inserted->changed == 0) continue;
                added++;
                for (OrderEvent move : EventsForTracking(status, t.stage)) {
                    OrderStore::TransitionResult r;
                    if (!MoveOrder(db, order_no, move, std::string("tracking ") + t.code, now, r, e)) {
                        if (!e->empty()) return false;
                        break;
                    }
                    status = r.status;
                }
            }
            return true;
        },
        error);
    if (!ok) return std::nullopt;
    return added;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ShipmentStore::ToTrack(const std::string& carrier, int64_t asked_before,
                                                                                       int64_t now, int limit, std::string* error)
{
    std::vector<std::pair<std::string, std::string>> out;
    bool ok = db_.InWriteTransaction(
        [&](SqlConnection& db, std::string* e) {
            out.clear();
            auto rows = db.Query("SELECT s.order_no, s.waybill_no FROM shipments s JOIN orders o ON o.order_no = s.order_no "
                                 "WHERE s.state = 'issued' AND s.carrier = $1 AND s.tracked_at < $2 AND o.status IN ('released', 'shipped') "
                                 "ORDER BY s.tracked_at LIMIT $3",
                                 {carrier, asked_before, int64_t(limit)}, e);
            if (!rows) return false;
            for (const auto& r : rows->rows) {
                if (!db.Query("UPDATE shipments SET tracked_at = $2 WHERE order_no = $1", {r[0].Text(), now}, e)) return false;
                out.emplace_back(r[0].Text(), r[1].Text());
            }
            return true;
        },
        error);
    if (!ok) return std::nullopt;
    return out;
}

std::optional<Shipment> ShipmentStore::Find(const std::string& order_no, std::string* error)
{
    auto c = db_.readers().Acquire();
    auto s = c->Query("SELECT carrier, waybill_no FROM shipments WHERE order_no = $1", {order_no}, error);
    if (!s) return std::nullopt;
    Shipment out;
    if (s->rows.empty()) return out;
    out.carrier = s->rows[0][0].Text();
    out.waybill_no = s->rows[0][1].Text();
    auto events = c->Query("SELECT event_id, stage, code, at, place, text FROM tracking_events WHERE order_no = $1 ORDER BY at, received_at",
                           {order_no}, error);
    if (!events) return std::nullopt;
    for (const auto& r : events->rows) {
        TrackingEvent t;
        t.id = r[0].Text();
        t.stage = ParseTrackingStage(r[1].Text()).value_or(TrackingStage::Other);
        t.code = r[2].Text();
        t.at = r[3].Int();
        t.place = r[4].Text();
        t.text = r[5].Text();
        out.tracking.push_back(std::move(t));
    }
    out.tracking = MergeTracking(std::move(out.tracking));
    return out;
}

} // namespace bondstore
