// ClientAccess: who a request comes from, for the limits that keep one client from costing the
// store everyone's share: its address (http/client_address.h, through the trusted front), the
// kiosk its token names, and the rate limits per client (security/rate_limit.h).
#pragma once

#include "server/store/kiosk_store.h"

#include <string>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

struct Storefront;

// The client's address (the front's X-Forwarded-For when the peer is a trusted proxy).
std::string ClientOf(const Storefront& s, const httplib::Request& req);

// The enrolled kiosk whose token the request carries (Authorization: Bearer ksk_…), and its
// experience store; an empty id if none.
KioskStore::Kiosk KioskOf(Storefront& s, const httplib::Request& req);

// Takes one of the client's tokens of `kind` ("checkout", "quote", "search", "enroll"); false
// after answering 429 with Retry-After.
bool AllowRate(Storefront& s, const char* kind, const httplib::Request& req, httplib::Response& res);

} // namespace bondstore
