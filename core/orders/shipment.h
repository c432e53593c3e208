// Shipment: an order's parcel — the carrier's waybill and what the carrier's tracking has said
// about it — and what tracking does to the order. Goods leave the bonded warehouse only after
// customs releases the order's list; the carrier picks the parcel up then and delivers it.
//
// Carriers have their own event codes (SF Express's opCodes, ../shared/carriers/SPEC.md §6.3); the
// adapter that reads them maps each to a TrackingStage, and only stages reach the order and the
// shopper's screen (the carrier's own code and words are kept beside them).
#pragma once

#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

const char* TrackingStageCode(TrackingStage stage); // "picked_up", "in_transit", …
std::optional<TrackingStage> ParseTrackingStage(std::string_view code);

// The moves one tracking stage makes, from `current`: picked up → shipped (once released); delivered →
// shipped and delivered. Nothing for the other stages, for an order not yet released (a carrier's
// event cannot release goods customs holds), or for one already further on.
std::vector<OrderEvent> EventsForTracking(OrderStatus current, TrackingStage stage);

// `events` sorted by time, a repeated id once (the carrier pushes and is queried; both may say it).
// Events of one second (carriers' times are to the second) keep the parcel's life order: picked
// up, in transit, out for delivery, delivered, then exception, returned, other.
std::vector<TrackingEvent> MergeTracking(std::vector<TrackingEvent> events);

} // namespace bondstore
