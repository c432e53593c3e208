// SF Express's open-platform messages (../shared/carriers/SPEC.md §3–§6): the msgData the store sends
// for each service, what SF answers inside apiResultData, the route pushes, and the store's SF
// account. Written and read here, like every JSON shape, so the adapter
// (server/carriers/sf_express.h) and the local fake that plays SF cannot disagree about a field.
// SF writes amounts and weights as JSON numbers in yuan and kilograms; they become Money and grams.
// Parsers never throw; a message that is not what SF documents gives nothing.
#pragma once

#include "core/base/money.h"
#include "core/base/problem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// A party of contactInfoList: contactType 1 the sender (the bonded warehouse), 2 the receiver.
struct SfContact {
    int contact_type = 2;
    std::string contact, mobile, tel, country = "CN", province, city, county, address;
};

// One line of cargoDetails, with what a cross-border parcel needs (§4).
struct SfCargo {
    std::string name, unit, currency = "CNY", source_area, hs_code;
    int64_t count = 0;
    int64_t weight_g = 0; // per unit (SF: kg)
    Money amount;         // per unit
};

// EXP_RECE_CREATE_ORDER's msgData.
struct SfCreateOrder {
    std::string language = "zh-CN", order_id, cust_reference_no, monthly_card;
    int express_type_id = 2, pay_method = 1, is_return_route_label = 1;
    std::vector<SfContact> contacts;
    std::vector<SfCargo> cargo;
    int64_t total_weight_g = 0;
    Money declared_value, freight, insurance; // customsInfo; extraInfoList attr005 / attr007 (重庆口岸)
};
std::string SfCreateOrderToJson(const SfCreateOrder& o);
std::optional<SfCreateOrder> ParseSfCreateOrderJson(std::string_view json);

// The waybills of an order (create-order's and search-order's answers): waybillType 1 the parcel's.
struct SfOrderResult {
    std::string order_id, origin_code, dest_code, remark;
    int filter_result = 0; // 1 manual review, 2 deliverable, 3 not deliverable
    std::string waybill_no; // waybillType 1
};
std::string SfOrderResultToJson(const SfOrderResult& r, bool search_answer);
std::optional<SfOrderResult> ParseSfOrderResultJson(std::string_view json);

// EXP_RECE_SEARCH_ORDER_RESP's msgData (searchType 1) and EXP_RECE_UPDATE_ORDER's (dealType 2 cancels).
struct SfOrderRef {
    std::string order_id, language = "zh-CN";
    int deal_type = 0; // 0: a search (searchType 1)
    std::string waybill_no;
};
std::string SfOrderRefToJson(const SfOrderRef& r);
std::optional<SfOrderRef> ParseSfOrderRefJson(std::string_view json);

// EXP_RECE_UPDATE_ORDER's answer: resStatus 2 done, 1 the order and waybill do not match.
std::string SfUpdateResultToJson(const std::string& order_id, int res_status);
std::optional<int> ParseSfUpdateResultJson(std::string_view json); // resStatus

// A route: one tracking event as SF writes it.
struct SfRoute {
    std::string id, mail_no, order_id, accept_time, accept_address, remark, op_code;
};
// EXP_RECE_SEARCH_ROUTES: trackingType 1 (waybill numbers).
std::string SfRouteQueryToJson(const std::vector<std::string>& waybills);
std::optional<std::vector<std::string>> ParseSfRouteQueryJson(std::string_view json);
std::string SfRouteAnswerToJson(const std::vector<SfRoute>& routes);
std::optional<std::vector<SfRoute>> ParseSfRouteAnswerJson(std::string_view json);
// RoutePushService in JSON mode: {"Body":{"WaybillRoute":[…]}}.
std::string SfRoutePushToJson(const std::vector<SfRoute>& routes);
std::optional<std::vector<SfRoute>> ParseSfRoutePushJson(std::string_view json);
// What the store answers a push: return_code "0000" taken, "1000" not (SF pushes again).
std::string SfPushReplyJson(bool taken, const std::string& message);
std::optional<bool> ParseSfPushReplyJson(std::string_view json);

// The gateway's answer: apiResultCode (A1000 = the gateway took the call) and apiResultData, a JSON
// string in SF's real answers (an object in some of its samples: both are read), holding success,
// errorCode (S0000 = done) and msgData.
struct SfAnswer {
    std::string api_result_code, api_error_msg, api_response_id;
    bool success = false;
    std::string error_code, error_msg;
    std::string msg_data; // the service's answer, JSON ("" when none)
};
std::string SfAnswerToJson(const SfAnswer& a);
std::optional<SfAnswer> ParseSfAnswerJson(std::string_view json);

// The store's SF account (bondstore-server --carrier sf --sf-express FILE). The checkword is a
// secret: in its own file (checkword_file, relative to this file's folder) or the environment.
struct SfExpressConfig {
    std::string partner_id;
    std::string checkword_file;
    std::string gateway = "https://bspgw.sf-express.com/std/service";
    std::string monthly_card;
    int express_type_id = 2;
    SfContact sender; // the bonded warehouse the parcels leave from (contact_type 1)
    int64_t timeout_ms = 10000;
    bool demo = false; // the account is the local fake's (bondstore-carrier-fake)
};
std::string SfExpressConfigToJson(const SfExpressConfig& c);
std::optional<SfExpressConfig> ParseSfExpressConfigJson(std::string_view json, std::vector<Problem>* problems);

} // namespace bondstore
