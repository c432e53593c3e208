#include "server/http/json_reply.h"

#include <httplib.h>
#include <openssl/crypto.h>

namespace bondstore {

void SendJson(httplib::Response& res, int status, std::string body)
{
    res.status = status;
    // (httplib adds a header each time it is set: a route that chose its own caching keeps it alone)
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), "application/json; charset=utf-8");
}

std::string BearerToken(const httplib::Request& req)
{
    std::string header = req.get_header_value("Authorization");
    std::string token = header.rfind("Bearer ", 0) == 0 ? header.substr(7) : std::string();
    while (!token.empty() && token.back() == ' ') token.pop_back();
    return token;
}

bool HasBearerToken(const httplib::Request& req, std::string_view expected)
{
    std::string got = BearerToken(req);
    return !expected.empty() && got.size() == expected.size() && CRYPTO_memcmp(got.data(), expected.data(), got.size()) == 0;
}

bool QueryFlag(const httplib::Request& req, const char* name)
{
    std::string v = req.get_param_value(name);
    return v == "1" || v == "true" || v == "yes";
}

std::optional<int64_t> QueryInteger(const httplib::Request& req, const char* name, int64_t fallback, int64_t min, int64_t max)
{
    if (!req.has_param(name)) return fallback;
    const std::string v = req.get_param_value(name);
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    int64_t n = std::stoll(v);
    if (n < min || n > max) return std::nullopt;
    return n;
}

} // namespace bondstore
