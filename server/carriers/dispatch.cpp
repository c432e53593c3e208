#include "server/carriers/dispatch.h"

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
        std::optional<ShipmentRequest> q = RequestFor(d.order_no, d.carrier_order_id, now, &error);
        std::optional<WaybillIssued> w;
        if (q) {
            (*calls)++;
            w = carrier_.Issue(*q, &error);
        }
        if (w) {
            if (!stores_.shipments.RecordWaybill(d.order_no, w->waybill_no, w->origin_code, w->dest_code, w->refused, w->note, now, &error))
                std::fprintf(stderr, "bondstore-server: dispatch: recording %s's waybill: %s\n", d.order_no.c_str(), error.c_str());
            else if (w->refused)
                std::fprintf(stderr, "bondstore-server: dispatch: %s refuses order %s: %s\n", carrier_.name(), d.order_no.c_str(), w->note.c_str());
            continue;
        }
        // Tried again: 2, 4, 8 … seconds, at most 5 minutes apart.
        int64_t wait = std::min<int64_t>(int64_t(2) << std::min<int64_t>(d.attempts, 8), 300);
        std::fprintf(stderr, "bondstore-server: dispatch: no waybill for %s yet (%s); again in %llds\n", d.order_no.c_str(), error.c_str(),
                     static_cast<long long>(wait));
        std::string store_error;
        if (!stores_.shipments.RecordFailure(d.order_no, error, now + wait, now, &store_error))
            std::fprintf(stderr, "bondstore-server: dispatch: %s\n", store_error.c_str());
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
        if (!due) std::fprintf(stderr, "bondstore-server: dispatch: %s\n", error.c_str());
        if (!due || due->empty()) break;
        Issue(*due, now, &calls);
        if (due->size() < 50) break;
    }

    // Parcels on their way, asked about every track_every seconds, ten waybills per call.
    error.clear();
    std::optional<std::vector<std::pair<std::string, std::string>>> moving =
        stores_.shipments.ToTrack(carrier_.name(), now - track_every, now, 10, &error);
    if (!moving) std::fprintf(stderr, "bondstore-server: dispatch: %s\n", error.c_str());
    if (moving && !moving->empty()) {
        std::map<std::string, std::string> order_of;
        std::vector<std::string> waybills;
        for (const auto& [order_no, waybill] : *moving) {
            order_of[waybill] = order_no;
            waybills.push_back(waybill);
        }
        calls++;
        auto events = carrier_.Track(waybills, &error);
        if (!events) std::fprintf(stderr, "bondstore-server: dispatch: tracking: %s\n", error.c_str());
        std::map<std::string, std::vector<TrackingEvent>> by_order;
        for (const auto& [waybill, e] : events.value_or(std::vector<std::pair<std::string, TrackingEvent>>{}))
            if (order_of.count(waybill)) by_order[order_of[waybill]].push_back(e);
        for (const auto& [order_no, list] : by_order)
            if (!stores_.shipments.ApplyTracking(order_no, list, now, &error))
                std::fprintf(stderr, "bondstore-server: dispatch: tracking %s: %s\n", order_no.c_str(), error.c_str());
    }
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
