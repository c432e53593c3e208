#include "core/orders/shipment.h"

#include <algorithm>
#include <set>

namespace bondstore {

namespace {
constexpr std::pair<TrackingStage, const char*> kStages[] = {
    {TrackingStage::PickedUp, "picked_up"}, {TrackingStage::InTransit, "in_transit"}, {TrackingStage::OutForDelivery, "out_for_delivery"},
    {TrackingStage::Delivered, "delivered"}, {TrackingStage::Exception, "exception"}, {TrackingStage::Returned, "returned"},
    {TrackingStage::Other, "other"},
};
} // namespace

const char* TrackingStageCode(TrackingStage stage)
{
    for (auto [s, code] : kStages)
        if (s == stage) return code;
    return "other";
}

std::optional<TrackingStage> ParseTrackingStage(std::string_view code)
{
    for (auto [s, c] : kStages)
        if (code == c) return s;
    return std::nullopt;
}

std::vector<OrderEvent> EventsForTracking(OrderStatus current, TrackingStage stage)
{
    // A parcel moving at all means it left the warehouse: any stage past pick-up ships a released
    // order (the pick-up event may be lost or come late).
    bool moving = stage == TrackingStage::PickedUp || stage == TrackingStage::InTransit || stage == TrackingStage::OutForDelivery;
    if (current == OrderStatus::Released) {
        if (moving) return {OrderEvent::Ship};
        if (stage == TrackingStage::Delivered) return {OrderEvent::Ship, OrderEvent::Deliver};
    }
    if (current == OrderStatus::Shipped && stage == TrackingStage::Delivered) return {OrderEvent::Deliver};
    return {};
}

std::vector<TrackingEvent> MergeTracking(std::vector<TrackingEvent> events)
{
    std::stable_sort(events.begin(), events.end(), [](const TrackingEvent& a, const TrackingEvent& b) {
        return a.at != b.at ? a.at < b.at : int(a.stage) < int(b.stage);
    });
    std::set<std::string> seen;
    std::vector<TrackingEvent> out;
    for (TrackingEvent& e : events)
        if (e.id.empty() || seen.insert(e.id).second) out.push_back(std::move(e));
    return out;
}

} // namespace bondstore
