#include "server/api/ledger_replies.h"

#include "server/app/storefront.h"
#include "server/http/json_reply.h"

#include "core/wire/merchant_json.h"

#include <httplib.h>

namespace bondstore {

void SendRefunds(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& merchant)
{
    std::string error;
    std::optional<std::vector<PaymentStore::Refund>> rows = s.stores->payments.Refunds(merchant, 200, &error);
    if (!rows) return s.errors.Internal(req, res, "listing refunds", error);
    RefundList list;
    for (const PaymentStore::Refund& f : *rows) {
        list.refunds.push_back({f.order_no, f.reason, f.state, f.refund_no, f.provider, f.amount, f.created_at, f.updated_at});
        if (f.state == "done") list.done += f.amount;
        else if (f.state == "due") list.due += f.amount;
    }
    SendJson(res, 200, RefundListToJson(list));
}

void SendTaxBills(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& merchant, bool differing)
{
    std::string error;
    std::optional<std::vector<TaxBillStore::Row>> rows = s.stores->tax_bills.List(merchant, differing, 200, &error);
    if (!rows) return s.errors.Internal(req, res, "listing tax bills", error);
    TaxBillList list;
    for (const TaxBillStore::Row& r : *rows) {
        TaxBillList::Bill b{r.order_no, r.tax_no, r.status, r.billed, r.charged, {}};
        for (size_t at = 0; at < r.differences.size();) {
            size_t comma = r.differences.find(',', at);
            if (comma == std::string::npos) comma = r.differences.size();
            b.differences.push_back(r.differences.substr(at, comma - at));
            at = comma + 1;
        }
        list.bills.push_back(std::move(b));
    }
    SendJson(res, 200, TaxBillListToJson(list));
}

} // namespace bondstore
