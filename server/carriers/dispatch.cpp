#include "server/carriers/dispatch.h"
#include "server/operations/event_log.h"

#include "server/customs/order_relay.h"

#include "core/catalog/product.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace bondstore {

std::optional<ShipmentRequest> Dispatch::RequestFor(const std::string& order_no, const std::string& carrier_order_id, int64_t now,
                                                    std::string* error)
{
    std::optional<RelayStore::OrderDeclaration> d = stores_.relay.FindDeclaration(order_no, "order", error);
    if (!d) return std::nullopt;
    if (d->order_no.empty()) {
        *error = "order " + order_no + " is not in the store";
        return std::nullopt;
    }
    std::optional<CebOrder> order = CebOrderFor(*d, keys_, now, error);
    if (!order) return std::nullopt;
    ShipmentRequest q;
    q.order_no = order_no;
    q.carrier_order_id = carrier_order_id;
    q.consignee = order->consignee;
    for (const CebOrder::Line& l : order->lines) {
        ShipmentRequest::Item i;
        const std::string* zh = l.product.title.Find(kCustomsLocale);
        i.name = zh ? *zh : l.product.sku;
        i.unit = l.product.unit_code;
        i.origin_country = l.product.origin_iso;
        i.hs_code = l.product.hs_code;
        i.qty = l.qty;
        i.weight_g = l.product.weight_g;
        i.price = l.price;
        q.items.push_back(std::move(i));
    }
    q.goods = order->goods;
    q.freight = order->freight;
    q.insurance = order->insurance;
    return q;
}

void Dispatch::Issue(const std::vector<ShipmentStore::Due>& due, int64_t now, int* calls)
{
    std::string error;
    for (const ShipmentStore::Due& d : due) {
        error.clear();
        SetCurrentRequestId(MakeRequestId()); // (to the carrier as X-Request-Id, and in the log)
        std::optional<ShipmentRequest> q = RequestFor(d.order_no, d.carrier_order_id, now, &error);
        std::optional<WaybillIssued> w;
        if (q) {
            (*calls)++;
            w = carrier_.Issue(*q, &error);
        }
        if (w) {
            if (!stores_.shipments.RecordWaybill(d.order_no, w->waybill_no, w->origin_code, w->dest_code, w->refused, w->note, now, &error))
                LogEvent(LogLevel::Error, "dispatch", {{"order_no", d.order_no}, {"what", std::string("recording the waybill")}, {"error", error}});
            else if (w->refused)
                LogEvent(LogLevel::Warning, "dispatch", {{"order_no", d.order_no}, {"carrier", std::string(carrier_.name())}, {"outcome", std::string("refused")}, {"why", w->note}});
            else
                LogEvent(LogLevel::Info, "dispatch", {{"order_no", d.order_no}, {"carrier", std::string(carrier_.name())}, {"outcome", std::string("waybill")}});
            continue;
        }
        // Tried again: 2, 4, 8 … seconds, at most 5 minutes apart.
        int64_t wait = std::min<int64_t>(int64_t(2) << std::min<int64_t>(d.attempts, 8), 300);
        LogEvent(LogLevel::Warning, "dispatch", {{"order_no", d.order_no}, {"outcome", std::string("retry")}, {"why", error}, {"retry_in_s", wait}});
        std::string store_error;
        if (!stores_.shipments.RecordFailure(d.order_no, error, now + wait, now, &store_error))
            LogEvent(LogLevel::Error, "dispatch", {{"error", store_error}});
    }
}

int Dispatch::Sweep(int64_t now)
{
    int calls = 0;
    std::string error;
    // Up to 200 waybills a round (a burst of paid orders drains in seconds, not minutes); each
    // answer moves its shipment out of "due" or to a later attempt, so a round asks once per order.
    for (int round = 0; round < 4; round++) {
        std::optional<std::vector<ShipmentStore::Due>> due = stores_.shipments.WaybillsDue(carrier_.name(), now, 50, &error);
        if (!due) LogEvent(LogLevel::Error, "dispatch", {{"error", error}});
        if (!due || due->empty()) break;
        Issue(*due, now, &calls);
        if (due->size() < 50) break;
    }

    // Parcels on their way, asked about every track_every seconds, ten waybills per call.
    error.clear();
    std::optional<std::vector<std::pair<std::string, std::string>>> moving =
        stores_.shipments.ToTrack(carrier_.name(), now - track_every, now, 10, &error);
    if (!moving) LogEvent(LogLevel::Error, "dispatch", {{"error", error}});
    if (moving && !moving->empty()) {
        std::map<std::string, std::string> order_of;
        std::vector<std::string> waybills;
        for (const auto& [order_no, waybill] : *moving) {
            order_of[waybill] = order_no;
            waybills.push_back(waybill);
        }
        calls++;
        auto events = carrier_.Track(waybills, &error);
        if (!events) LogEvent(LogLevel::Warning, "dispatch", {{"what", std::string("tracking")}, {"error", error}});
        std::map<std::string, std::vector<TrackingEvent>> by_order;
        for (const auto& [waybill, e] : events.value_or(std::vector<std::pair<std::string, TrackingEvent>>{}))
            if (order_of.count(waybill)) by_order[order_of[waybill]].push_back(e);
        for (const auto& [order_no, list] : by_order)
            if (!stores_.shipments.ApplyTracking(order_no, list, now, &error))
                LogEvent(LogLevel::Error, "dispatch", {{"order_no", order_no}, {"what", std::string("tracking")}, {"error", error}});
    }
    SetCurrentRequestId({});
    return calls;
}

Dispatch::Received Dispatch::Receive(const Carrier::Push& push, int64_t now)
{
    Received r;
    std::optional<std::vector<std::pair<std::string, TrackingEvent>>> events = carrier_.ReadPush(push, &r.why);
    if (!events) return r;
    std::map<std::string, std::vector<TrackingEvent>> by_order;
    std::string error;
    for (const auto& [waybill, e] : *events) {
        std::optional<std::string> order_no = stores_.shipments.OrderOfWaybill(carrier_.name(), waybill, &error);
        if (!order_no) {
            r.why = "reading the store: " + error;
            return r;
        }
        if (order_no->empty()) {
            r.why = "unknown waybill " + waybill;
            return r;
        }
        by_order[*order_no].push_back(e);
    }
    for (const auto& [order_no, list] : by_order) {
        std::optional<int64_t> added = stores_.shipments.ApplyTracking(order_no, list, now, &error);
        if (!added) {
            r.why = "storing tracking: " + error;
            return r;
        }
        r.added += *added;
    }
    r.taken = true;
    return r;
}

} // namespace bondstore
