// The refunds and customs' tax bills of a merchant's orders, or of every merchant's: the merchant
// routes answer with their own (GET /api/merchant/refunds, …/tax-bills), the operator's with all
// (GET /api/admin/refunds, …/tax-bills). One reading, one shape (core/wire/merchant_json.h).
#pragma once

#include <string>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

struct Storefront;

// `merchant` "" for every merchant's; at most 200, newest first.
void SendRefunds(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& merchant);
// Only the bills that differ from the tax charged if `differing`.
void SendTaxBills(Storefront& s, const httplib::Request& req, httplib::Response& res, const std::string& merchant, bool differing);

} // namespace bondstore
