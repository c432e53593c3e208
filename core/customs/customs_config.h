// CustomsConfig: who the store declares to customs as — the platform's, each merchant's and the
// declarant's registrations (codes and names), from the operator's configuration file
// (docs/single-window.md; read by core/wire/customs_config_json.h).
#pragma once

#include <map>
#include <string>

namespace bondstore {

// A registered party: customs code and name (e.g. the platform's ebpCode/ebpName).
struct CustomsParty {
    std::string code, name;
};

// Who Bondstore declares as, from the operator's configuration file (docs/single-window.md).
struct CustomsConfig {
    CustomsParty platform;                        // ebpCode/ebpName: the storefront platform
    std::map<std::string, CustomsParty> merchants; // merchant id → ebcCode/ebcName (the e-commerce enterprise)
    CustomsParty transfer;                        // BaseTransfer copCode/copName: who transmits
    std::string dxp_id;                           // BaseTransfer dxpId: the e-port exchange user id
    // CEB621, bonded 1210 imports (only when declare_inventory):
    bool declare_inventory = false;
    CustomsParty agent;         // agentCode/agentName: the declaring unit
    CustomsParty area;          // areaCode/areaName: the bonded-zone warehouse enterprise
    CustomsParty logistics;     // logisticsCode/logisticsName: the bonded warehouse's carrier
    std::string assure_code;    // the guarantor for the tax
    std::string ems_no;         // the bonded account book number
    std::string customs_code;   // 4 digits: the customs office
    std::string port_code;      // 4 digits: the port (declaration site)
    std::string traf_mode;      // 1 character: how the goods leave the zone (SPEC.md §3.12)
    std::string waybill_prefix; // logisticsNo = prefix + order number, as the carrier assigns them
};

} // namespace bondstore
