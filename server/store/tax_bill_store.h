// TaxBillStore: customs' electronic tax bills (CEB816), one row per bill number in its latest state
// (generated, consolidated, void), each checked when it arrives against the tax the order was
// charged (core CheckTaxBill). The differences are the operator's work list: `bondstore-admin
// tax-bills` and the merchant screen show them.
#pragma once

#include "server/store/database.h"

#include "core/orders/tax_bill.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class TaxBillStore {
public:
    explicit TaxBillStore(Database& db) : db_(db) {}

    struct Recorded {
        bool known_order = false; // the bill's order (by orderNo, else by the list's invtNo) is ours
        bool stale = false;       // an older state of a bill already recorded in a newer one
        std::string order_no;
        TaxBillCheck check;
    };
    // Stores the bill (a newer returnTime replaces the bill's row) and its check, in one transaction.
    std::optional<Recorded> Record(const TaxBill& bill, int64_t now, std::string* error);

    struct Row {
        std::string order_no, tax_no, invt_no;
        int status = 1;
        Money charged;
        std::string billed;      // yuan, as customs wrote it (decimal)
        std::string differences; // comma-separated (TaxBillCheck); "" when it agrees
        int64_t received_at = 0;
    };
    // Bills of `merchant`'s orders ("" for all), newest first; only those that disagree if `differing`.
    std::optional<std::vector<Row>> List(const std::string& merchant, bool differing, int limit, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
