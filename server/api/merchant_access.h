// MerchantAccess: the merchant a request's bearer token belongs to, and how the merchant routes
// answer with an import report in the merchant's language.
#pragma once

#include <string>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

struct Storefront;
struct ImportReport;

// The merchant, or "" after answering 401 (with WWW-Authenticate).
std::string AuthenticatedMerchant(Storefront& s, const httplib::Request& req, httplib::Response& res);
// The same, as a body route's check before its body is read (http/body_routes.h).
bool MerchantFirst(Storefront& s, const httplib::Request& req, httplib::Response& res);

// `report` with its problems translated for the request's Accept-Language.
void SendImportReport(Storefront& s, const httplib::Request& req, httplib::Response& res, int status, const ImportReport& report);

} // namespace bondstore
