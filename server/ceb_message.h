// CebMessage: the single window's messages for one order, as customs defines them (CEB, the
// 202205 import schema; ../shared/customs/SPEC.md §3):
//
//   CEB311Message  the electronic order (OrderHead + OrderList), sent by the e-commerce enterprise;
//   CEB621Message  the import inventory list (InventoryHead + InventoryList) for bonded 1210
//                  imports, sent when Bondstore is configured as the declarant.
//
// Pure functions: an order as it was taken (CebOrder) and the enterprise's registration
// (CustomsConfig) in, XML text out, unsigned (message_signer.h signs it). Every amount comes from
// the order's stored TaxQuote; every limit of the schema is enforced earlier — at catalog import,
// at checkout, when the configuration is read — so nothing here is ever truncated.
#pragma once

#include "core/order.h"
#include "core/product.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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

// The configuration from JSON, checked against the schema's lengths and the code formats. For
// the operator, at start-up: `error` names the field ("inventory.customs_code must be 4 digits").
struct CustomsConfigParse {
    CustomsConfig config;
    std::string error;
    bool ok() const { return error.empty(); }
};
CustomsConfigParse ParseCustomsConfigJson(std::string_view json);

// One order as customs is told about it: fixed when it was taken (the products as sold, the
// amounts charged), plus its personal data unsealed and its relay message's guid.
struct CebOrder {
    std::string guid;          // upper-case UUID, the message's and the head's
    int64_t declared_at = 0;   // unix seconds: appTime / declTime (China time)
    std::string order_no;
    std::string merchant;
    std::string buyer_reg_no;  // the buyer's account id on the platform
    Buyer buyer;
    Consignee consignee;
    struct Line {
        Product product; // as sold
        int64_t qty = 0;
        Money price, total; // per item, and price × qty
    };
    std::vector<Line> lines;
    Money goods, freight, insurance, tax_total, amount_paid; // from the stored TaxQuote
    std::string payment_id;    // the provider's transaction id ("" if none)
};

// The messages, unsigned ("<?xml …?>" and the root, namespace ceb). An order whose merchant has
// no registration in `config` cannot be declared: `error` says so and the result is "".
std::string Ceb311Xml(const CebOrder& order, const CustomsConfig& config, std::string* error);
std::string Ceb621Xml(const CebOrder& order, const CustomsConfig& config, std::string* error);

// A fresh message guid: a random (version 4) UUID in upper case, 36 characters.
std::string NewMessageGuid();

// Text for an XML element or attribute: & < > " and CR escaped (what every message writer uses).
std::string XmlText(std::string_view text);

// "YYYYMMDDhhmmss" in China time (UTC+8).
std::string CebTime(int64_t unix_seconds);

} // namespace bondstore
