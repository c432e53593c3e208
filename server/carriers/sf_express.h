// SfExpress: the carrier adapter for SF Express's open platform (顺丰开放平台, "丰桥"), following
// its published API (../shared/carriers/SPEC.md, with sources):
//
//   Issue   EXP_RECE_CREATE_ORDER — the parcel with the cross-border fields Chongqing's port needs
//           (cargo declared value, currency, origin; freight attr005 and insurance attr007);
//           the waybill is waybillNoInfoList's type 1
//   Find    EXP_RECE_SEARCH_ORDER_RESP — a lost create-order answer recovered
//   Cancel  EXP_RECE_UPDATE_ORDER dealType 2
//   Track   EXP_RECE_SEARCH_ROUTES trackingType 1
//   pushes  RoutePushService in JSON mode, answered {"return_code":"0000"} (or "1000": SF pushes again)
//
// Every call is one form POST to the gateway signed with msgDigest (sf_express_protocol.h) with
// a millisecond timestamp and a fresh requestID. A1000 only means the gateway took the call; the
// business answer is apiResultData's success/errorCode. SF does not sign its pushes (§6.2): a push
// is taken only for waybills the store has, and the store confirms with a route query (the
// dispatcher does).
#pragma once

#include "server/carriers/carrier.h"

#include "core/wire/sf_express_json.h"

#include <memory>
#include <optional>
#include <string>

namespace bondstore {

class SfExpress : public Carrier {
public:
    // The account (its checkword read already); nothing, with `error`, if it cannot be used.
    static std::unique_ptr<SfExpress> Open(const SfExpressConfig& config, const std::string& checkword, std::string* error);

    const char* name() const override { return "sf"; }
    bool demo() const override { return config_.demo; }
    std::optional<WaybillIssued> Issue(const ShipmentRequest& request, std::string* error) override;
    std::optional<WaybillIssued> Find(const std::string& carrier_order_id, std::string* error) override;
    bool Cancel(const std::string& carrier_order_id, const std::string& waybill_no, std::string* error) override;
    std::optional<std::vector<std::pair<std::string, TrackingEvent>>> Track(const std::vector<std::string>& waybills,
                                                                            std::string* error) override;
    std::optional<std::vector<std::pair<std::string, TrackingEvent>>> ReadPush(const Push& push, std::string* why) override;
    Reply PushTaken() const override;
    Reply PushRefused(const std::string& why) const override;

    // The create-order msgData for a request (tests read it).
    SfCreateOrder CreateOrderFor(const ShipmentRequest& request) const;

private:
    SfExpress(SfExpressConfig config, std::string checkword) : config_(std::move(config)), checkword_(std::move(checkword)) {}
    // One call: the business answer (success true), or nothing with `error` (the gateway's code or
    // SF's errorCode in it). `code` gets SF's errorCode when there is one.
    std::optional<std::string> Call(const char* service, const std::string& msg_data, std::string* error, std::string* code = nullptr);

    SfExpressConfig config_;
    std::string checkword_;
};

// An SF route as a tracking event (its stage from the opCode).
TrackingEvent TrackingEventOf(const SfRoute& route);

} // namespace bondstore
