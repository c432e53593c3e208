// CebMessage: the single window's messages for one order, as customs defines them (CEB, the
// 202205 import schema; ../shared/customs/SPEC.md §3):
//
//   CEB311Message  the electronic order (OrderHead + OrderList), sent by the e-commerce enterprise;
//   CEB621Message  the import inventory list (InventoryHead + InventoryList) for bonded 1210
//                  imports, sent when Bondstore is configured as the declarant;
//   CEB623Message  the withdrawal of that list (InvtCancel), when the shopper cancels a declared order;
//   CEB625Message  the return of a released list's goods (InvtRefund), within 30 days of release.
//
// Pure functions: an order as it was taken (CebOrder) and the enterprise's registration
// (CustomsConfig) in, XML text out, unsigned (message_signer.h signs it). Every amount comes from
// the order's stored TaxQuote; every limit of the schema is enforced earlier — at catalog import,
// at checkout, when the configuration is read — so nothing here is ever truncated.
#pragma once

#include "core/catalog/product.h"
#include "core/customs/customs_config.h"
#include "core/orders/order.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

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
    std::string pay_code, pay_name; // the payment company's customs registration ("" for the sandbox)
    std::string waybill_no;    // the carrier's ("" when the store ships without one: waybill_prefix + order number)
    std::string pre_no, invt_no; // the list's numbers, from customs' receipts (a withdrawal names them)
};

// The messages, unsigned ("<?xml …?>" and the root, namespace ceb). An order whose merchant has
// no registration in `config` cannot be declared: `error` says so and the result is "".
std::string Ceb311Xml(const CebOrder& order, const CustomsConfig& config, std::string* error);
std::string Ceb621Xml(const CebOrder& order, const CustomsConfig& config, std::string* error);
// CEB623, the withdrawal of the order's declared list (CLEARANCE.md §7): the list's keys copied from
// the CEB621 as sent, customs' invtNo (required: only a list customs has numbered can be
// withdrawn; `error` says so when it is not yet known), and the reason.
std::string Ceb623Xml(const CebOrder& order, const CustomsConfig& config, const std::string& reason, std::string* error);
// CEB625, the return of the goods of the order's released list (CLEARANCE.md §8): the same head as
// the withdrawal, and every line of the list (gnum, gcode, gname as declared; the whole quantity:
// Bondstore returns whole orders).
std::string Ceb625Xml(const CebOrder& order, const CustomsConfig& config, const std::string& reason, std::string* error);

// The payment company's voucher (CEB411, ../shared/customs/CLEARANCE.md §3): what a payment
// provider sends customs when the platform asks it to declare a payment. Bondstore never sends
// one; its payment fakes do, as the providers would, so the single window can match order and
// payment. The transfer party (BaseTransfer) is the payment company itself.
struct CebPayment {
    std::string guid;                // upper-case UUID
    int64_t declared_at = 0, paid_at = 0;
    std::string pay_code, pay_name, pay_transaction_id, order_no;
    std::string ebp_code, ebp_name;  // the platform the order was placed on
    std::string payer_id_number, payer_name;
    Money amount_paid;
    std::string dxp_id;              // the payment company's
};
std::string Ceb411Xml(const CebPayment& payment);

// The carrier's waybill record (CEB511, CLEARANCE.md §4): what a logistics company sends customs
// for each parcel. Bondstore never sends one; its carrier fake does, as SF Express would, so the
// single window can match waybill and inventory list. The transfer party is the carrier itself.
struct CebWaybill {
    std::string guid;                // upper-case UUID
    int64_t declared_at = 0;
    std::string logistics_code, logistics_name, logistics_no, order_no;
    Money freight, insured_fee;
    int64_t weight_g = 0;
    std::string goods_info;          // at most 200 characters
    std::string consignee, consignee_address, consignee_telephone;
    std::string dxp_id;              // the carrier's
};
std::string Ceb511Xml(const CebWaybill& waybill);


// A fresh message guid: a random (version 4) UUID in upper case, 36 characters.
std::string NewMessageGuid();

// Text for an XML element or attribute: & < > " and CR escaped (what every message writer uses).
std::string XmlText(std::string_view text);

// "YYYYMMDDhhmmss" in China time (UTC+8).
std::string CebTime(int64_t unix_seconds);

} // namespace bondstore
