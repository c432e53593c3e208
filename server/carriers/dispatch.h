// Dispatch: the store's side of shipping — asks the carrier for each paid order's waybill (the
// inventory list waits for it), applies the tracking the carrier pushes, and asks the carrier
// about parcels on their way when pushes stop coming. One per server, over one carrier.
//
//   order paid ──→ Issue (carrier order id = order number) ──→ waybill ──→ CEB621 released to the relay
//              └→ call failed: again with back-off; the carrier refuses the address: held, reported
//   push / query ──→ tracking events stored once ──→ picked up: shipped; delivered: delivered
//
// Carrier calls are never made inside a database transaction. Sweep runs every second from its
// own thread.
#pragma once

#include "server/carriers/carrier.h"
#include "server/security/personal_data.h"
#include "server/store/stores.h"

#include <string>

namespace bondstore {

class Dispatch {
public:
    Dispatch(Carrier& carrier, Stores& stores, const PersonalData& keys) : carrier_(carrier), stores_(stores), keys_(keys) {}

    Carrier& carrier() { return carrier_; }

    // One round of background work; returns how many carrier calls it made.
    int Sweep(int64_t now);

    // A push from the carrier: answered as the carrier expects. Events for waybills the store does
    // not have are refused (pushes are not signed: ../shared/carriers/SPEC.md §6.2).
    struct Received {
        bool taken = false;
        std::string why;
        int64_t added = 0;
    };
    Received Receive(const Carrier::Push& push, int64_t now);

    int64_t track_every = 600; // seconds between route queries of one parcel on its way

private:
    // Asks the carrier for each shipment's waybill and records the answer.
    void Issue(const std::vector<ShipmentStore::Due>& due, int64_t now, int* calls);
    // The carrier's request for an order, from the order as taken (its personal data opened here).
    std::optional<ShipmentRequest> RequestFor(const std::string& order_no, const std::string& carrier_order_id, int64_t now, std::string* error);

    Carrier& carrier_;
    Stores& stores_;
    const PersonalData& keys_;
};

} // namespace bondstore
