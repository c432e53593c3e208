// JsonReply: how a route answers with a body from core's wire format, and reads the credentials a
// request carries. (Errors: error_reply.h. Prepared bodies with ETags: cached_body.h.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

// `body` (JSON) with `status`, never cached (answers about orders and accounts change) unless the
// route set its own Cache-Control.
void SendJson(httplib::Response& res, int status, std::string body);

// The token of an "Authorization: Bearer …" header ("" if none).
std::string BearerToken(const httplib::Request& req);
// Whether the request's bearer token is `expected`, compared in constant time; an empty expected
// token refuses everyone.
bool HasBearerToken(const httplib::Request& req, std::string_view expected);

// A query flag: ?name=1, true or yes.
bool QueryFlag(const httplib::Request& req, const char* name);
// A whole number in the query, ?name=N with min ≤ N ≤ max; `fallback` when absent; nothing when
// it is not such a number.
std::optional<int64_t> QueryInteger(const httplib::Request& req, const char* name, int64_t fallback, int64_t min, int64_t max);

} // namespace bondstore
