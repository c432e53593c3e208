// ShipmentStore: each order's parcel — which carrier takes it, the carrier's order id and waybill,
// and the tracking events the carrier reported — and what tracking does to the order. A shipment
// is written with its order when the store ships through a carrier; the dispatcher
// (carriers/dispatch.h) asks the carrier for its waybill once the order is paid. Until the waybill
// is known the order's inventory list (CEB621) is held in the outbox: it carries the waybill
// number, and customs matches it with the carrier's waybill record.
#pragma once

#include "server/store/database.h"

#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bondstore {

class ShipmentStore {
public:
    explicit ShipmentStore(Database& db) : db_(db) {}

    struct Due {
        std::string order_no, carrier_order_id;
        int64_t attempts = 0;
    };
    // Shipments of `carrier` without a waybill whose order is paid (or declared), next attempt at
    // or before `now`, oldest first.
    std::optional<std::vector<Due>> WaybillsDue(const std::string& carrier, int64_t now, int limit, std::string* error);

    // The carrier's answer: the waybill (state issued); or the carrier refuses the address (state
    // refused, `note` says why: an operator must act, the list stays held).
    bool RecordWaybill(const std::string& order_no, const std::string& waybill_no, const std::string& origin_code, const std::string& dest_code,
                       bool refused, const std::string& note, int64_t now, std::string* error);
    // The call failed: tried again at `next_attempt_at` (unix seconds).
    bool RecordFailure(const std::string& order_no, const std::string& why, int64_t next_attempt_at, int64_t now, std::string* error);

    // The order a waybill of `carrier` belongs to ("" if none).
    std::optional<std::string> OrderOfWaybill(const std::string& carrier, const std::string& waybill_no, std::string* error);

    // Tracking events of one order's parcel, stored once each (by event id) and applied in one
    // transaction: core's EventsForTracking moves the order (picked up → shipped, delivered →
    // delivered). Returns how many were new.
    std::optional<int64_t> ApplyTracking(const std::string& order_no, const std::vector<TrackingEvent>& events, int64_t now, std::string* error);

    // Waybills of `carrier` whose parcel is on its way (order released or shipped): to ask the
    // carrier about when pushes are missing; the least recently asked first, marked as asked now.
    std::optional<std::vector<std::pair<std::string, std::string>>> ToTrack(const std::string& carrier, int64_t asked_before, int64_t now,
                                                                            int limit, std::string* error);

    // An order's parcel as the shopper sees it (carrier "" if it has none).
    std::optional<Shipment> Find(const std::string& order_no, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
