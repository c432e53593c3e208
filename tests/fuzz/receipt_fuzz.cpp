// libFuzzer target: what the single window (or anyone who can reach the receipts route) sends —
// DxpMsg envelopes and the CEB312/CEB622/CEB624/CEB626 receipts and CEB816 tax bills in them. Parsing never crashes, never accepts
// a receipt it would not write back the same way.
#include "server/customs/ceb_receipt.h"
#include "server/customs/ceb_tax_bill.h"
#include "server/customs/dxp_envelope.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    std::optional<bondstore::DxpEnvelope> envelope = bondstore::ParseDxpMsg(text, &error);
    std::string message = envelope ? envelope->data : std::string(text);
    bondstore::CebReceiptParse parsed = bondstore::ParseCebReceipts(message);
    if (!parsed.ok() && !parsed.receipts.empty()) std::abort(); // all or nothing
    if (parsed.ok()) {
        // Written back (as the simulator writes them) and read again: the same receipts.
        bondstore::CebReceiptParse again =
            bondstore::ParseCebReceipts(bondstore::CebReceiptsXml(parsed.receipts, "00000000-0000-4000-8000-000000000000"));
        if (!again.ok() || again.receipts.size() != parsed.receipts.size()) std::abort();
        for (size_t i = 0; i < again.receipts.size(); i++)
            if (again.receipts[i].code != parsed.receipts[i].code || again.receipts[i].order_no != parsed.receipts[i].order_no ||
                again.receipts[i].info != parsed.receipts[i].info)
                std::abort();
    }
    // Tax bills, read leniently: all or nothing, and written back the same.
    bondstore::CebTaxBillParse bills = bondstore::ParseCebTaxBills(message);
    if (!bills.ok() && !bills.bills.empty()) std::abort();
    if (bills.ok()) {
        if (!bondstore::IsCebTaxBillMessage(message)) std::abort();
        bondstore::CebTaxBillParse again =
            bondstore::ParseCebTaxBills(bondstore::CebTaxBillsXml(bills.bills, "00000000-0000-4000-8000-000000000000"));
        if (!again.ok() || again.bills.size() != bills.bills.size()) std::abort();
        for (size_t i = 0; i < again.bills.size(); i++)
            if (again.bills[i].tax_no != bills.bills[i].tax_no || !(again.bills[i].vat == bills.bills[i].vat) ||
                again.bills[i].lines.size() != bills.bills[i].lines.size() || again.bills[i].status != bills.bills[i].status)
                std::abort();
    }
    if (envelope) {
        std::optional<bondstore::DxpEnvelope> back = bondstore::ParseDxpMsg(bondstore::DxpMsgXml(*envelope), &error);
        if (!back || back->data != envelope->data || back->cop_msg_id != envelope->cop_msg_id) std::abort();
    }
    return 0;
}
