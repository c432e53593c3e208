#include "server/http/client_address.h"

#include <httplib.h>

#include <algorithm>

namespace bondstore {

namespace {

bool Trusted(const std::string& address, const std::vector<std::string>& trusted)
{
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

std::string Trim(std::string s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    size_t start = s.find_first_not_of(" \t");
    return start == std::string::npos ? std::string() : s.substr(start);
}

} // namespace

std::string ClientAddress(const httplib::Request& req, const std::vector<std::string>& trusted_proxies)
{
    std::string peer = req.remote_addr;
    if (!Trusted(peer, trusted_proxies)) return peer;
    // Right to left: each trusted hop appended the address it received from.
    std::string forwarded;
    for (size_t i = 0, n = req.get_header_value_count("X-Forwarded-For"); i < n; i++)
        forwarded += (forwarded.empty() ? "" : ",") + req.get_header_value("X-Forwarded-For", i);
    std::string client = peer;
    size_t end = forwarded.size();
    while (end > 0) {
        size_t comma = forwarded.rfind(',', end - 1);
        size_t start = comma == std::string::npos ? 0 : comma + 1;
        std::string hop = Trim(forwarded.substr(start, end - start));
        if (hop.empty() || hop.size() > 64) break;
        client = hop;
        if (!Trusted(hop, trusted_proxies)) break;
        if (comma == std::string::npos) break;
        end = comma;
    }
    return client;
}

} // namespace bondstore
