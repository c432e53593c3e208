// CebReceipt: customs' answers about an order (SPEC.md §3.5, §3.10) — CEB312 (OrderReturn, about
// the CEB311 order), CEB622 (InventoryReturn, about the CEB621 list), CEB624 (InvtCancelReturn,
// about the list's withdrawal, CEB623; CLEARANCE.md §7) and CEB626 (InvtRefundReturn, about the
// return of its goods, CEB625; §8) — parsed from XML, and
// written (for the simulator, which plays customs). Parsing is strict and never trusts the input:
// it is the part of the relay that faces the outside (and is fuzzed: tests/fuzz).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CebReceipt {
    std::string message;     // "order" (CEB312), "inventory" (CEB622), "withdrawal" (CEB624) or "return" (CEB626)
    std::string guid;        // of the message the receipt answers
    std::string order_no;    // CEB312 orderNo; CEB622/624/626 copNo (Bondstore sends the order number there)
    int64_t code = 0;        // returnStatus: 2, 3, 120, 399, 800, …; negative: an error (-621018)
    std::string return_time; // returnTime, YYYYMMDDhhmmssSSS
    std::string info;        // returnInfo: customs' words (the reason of a rejection)
    std::string pre_no, invt_no; // CEB622/624: the e-port's pre-entry number, customs' list number (once numbered)
};

struct CebReceiptParse {
    std::vector<CebReceipt> receipts;
    std::string error; // "" when every receipt in the message was read
    bool ok() const { return error.empty(); }
};

// A CEB312Message, CEB622Message, CEB624Message or CEB626Message (namespace ceb, any prefix). All or nothing: one
// malformed receipt fails the whole message.
CebReceiptParse ParseCebReceipts(std::string_view xml);

// The receipts as a CEB312Message (all "order"), CEB622Message (all "inventory"), CEB624Message
// (all "withdrawal") or CEB626Message (all "return"), with the root guid `guid`.
std::string CebReceiptsXml(const std::vector<CebReceipt>& receipts, const std::string& guid);

} // namespace bondstore
