// CebTaxBill: customs' electronic tax bill (CEB816Message: Tax{TaxHeadRd, TaxListRd×≤99}, one per
// released list; ../shared/customs/CLEARANCE.md §9) — read leniently, as CLEARANCE.md advises:
// integrators' bills add orderNo and logisticsNo to the head, which the schema lacks, so a bill is
// not checked against the schema; what Bondstore uses is read strictly (numbers are numbers, amounts
// decimals of at most 5 places, the list's number at most 18 characters). Written too, for the
// simulator, which plays customs.
#pragma once

#include "core/orders/tax_bill.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CebTaxBillParse {
    std::vector<TaxBill> bills;
    std::string error; // "" when every bill in the message was read
    bool ok() const { return error.empty(); }
};

// Whether `xml`'s root element is a CEB816Message (namespace ceb, any prefix), without reading more.
bool IsCebTaxBillMessage(std::string_view xml);

// A CEB816Message. All or nothing: one malformed bill fails the whole message.
CebTaxBillParse ParseCebTaxBills(std::string_view xml);

// The bills as a CEB816Message with the root guid `guid` (with orderNo in the head, as integrators'
// bills carry it).
std::string CebTaxBillsXml(const std::vector<TaxBill>& bills, const std::string& guid);

} // namespace bondstore
