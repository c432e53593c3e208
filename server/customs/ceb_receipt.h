// CebReceipt: customs' answers about an order (SPEC.md §3.5, §3.10) — CEB312 (OrderReturn, about
// the CEB311 order) and CEB622 (InventoryReturn, about the CEB621 list) — parsed from XML, and
// written (for the simulator, which plays customs). Parsing is strict and never trusts the input:
// it is the part of the relay that faces the outside (and is fuzzed: tests/fuzz).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CebReceipt {
    std::string message;     // "order" (CEB312) or "inventory" (CEB622)
    std::string guid;        // of the message the receipt answers
    std::string order_no;    // CEB312 orderNo; CEB622 copNo (Bondstore sends the order number there)
    int64_t code = 0;        // returnStatus: 2, 3, 120, 399, 800, …; negative: an error (-621018)
    std::string return_time; // returnTime, YYYYMMDDhhmmssSSS
    std::string info;        // returnInfo: customs' words (the reason of a rejection)
};

struct CebReceiptParse {
    std::vector<CebReceipt> receipts;
    std::string error; // "" when every receipt in the message was read
    bool ok() const { return error.empty(); }
};

// A CEB312Message or CEB622Message (namespace ceb, any prefix). All or nothing: one malformed
// receipt fails the whole message.
CebReceiptParse ParseCebReceipts(std::string_view xml);

// The receipts as a CEB312Message (all "order") or CEB622Message (all "inventory"), with the
// root guid `guid`.
std::string CebReceiptsXml(const std::vector<CebReceipt>& receipts, const std::string& guid);

} // namespace bondstore
