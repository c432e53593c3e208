// Carrier: how a paid order's parcel gets its waybill and how its journey is followed. Bondstore
// asks the carrier for a waybill as soon as an order is paid (customs' inventory list, CEB621,
// carries the waybill number, and customs matches it with the carrier's own waybill record,
// CEB511, which the carrier sends); the carrier then reports the parcel's journey as tracking
// events, pushed to the store and asked for when a push is missing.
//
// One implementation per carrier lives beside this file, following the carrier's published API
// (sf_express.h: SF Express's open platform, ../shared/carriers/SPEC.md), tested against a local
// fake that checks what the carrier checks. Calls block (HTTP requests) and never throw; a call
// that fails says why in `error`.
#pragma once

#include "core/base/money.h"
#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

// What the carrier needs to take a parcel: who receives it, what is in it (as customs is told).
struct ShipmentRequest {
    std::string order_no;         // the customs order number (CEB311 orderNo): never changes
    std::string carrier_order_id; // the carrier's order id: a cancelled one cannot be used again
    Consignee consignee;
    struct Item {
        std::string name, unit, origin_country, hs_code; // name as customs is told; unit a customs code
        int64_t qty = 0, weight_g = 0;                   // weight per item
        Money price;                                     // per item
    };
    std::vector<Item> items;
    Money goods, freight, insurance;
};

struct WaybillIssued {
    std::string waybill_no;
    std::string origin_code, dest_code; // the carrier's network codes (label data)
    bool manual_review = false;         // the carrier checks the address by hand first
    bool refused = false;               // the carrier cannot deliver there (reason in `note`)
    std::string note;
};

class Carrier {
public:
    virtual ~Carrier() = default;
    virtual const char* name() const = 0; // "sf"
    virtual bool demo() const { return false; } // the account is a local fake's: said in logs and /api/health
    // A waybill for the parcel. Asking again with the same carrier_order_id answers the same
    // waybill (a lost answer is recovered by asking again).
    virtual std::optional<WaybillIssued> Issue(const ShipmentRequest& request, std::string* error) = 0;
    // The waybill of an order asked for before (after a lost answer); nothing, with no error, if
    // the carrier has no such order.
    virtual std::optional<WaybillIssued> Find(const std::string& carrier_order_id, std::string* error) = 0;
    // Cancels an order before the parcel is handed over; true when the carrier agrees.
    virtual bool Cancel(const std::string& carrier_order_id, const std::string& waybill_no, std::string* error) = 0;
    // Every tracking event of these waybills (at most 10 at a time).
    virtual std::optional<std::vector<std::pair<std::string, TrackingEvent>>> Track(const std::vector<std::string>& waybills,
                                                                                    std::string* error) = 0;
    // A push from the carrier: its events (waybill, event), or nothing with `why`.
    struct Push {
        std::string body, content_type;
    };
    virtual std::optional<std::vector<std::pair<std::string, TrackingEvent>>> ReadPush(const Push& push, std::string* why) = 0;
    // What the carrier expects back: taken, or not (it pushes again).
    struct Reply {
        int status = 200;
        std::string content_type, body;
    };
    virtual Reply PushTaken() const = 0;
    virtual Reply PushRefused(const std::string& why) const = 0;
};

} // namespace bondstore
