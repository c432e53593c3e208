// ClientAddress: who is asking, for rate limits and per-client order limits. The peer's address,
// unless the peer is a trusted proxy (the front, scripts/front/): then the address the proxy says
// it is forwarding for — the last X-Forwarded-For entry that is not itself a trusted proxy. A
// client cannot pose as another through the header: only a trusted peer's header is read.
#pragma once

#include <string>
#include <vector>

namespace httplib {
struct Request;
}

namespace bondstore {

std::string ClientAddress(const httplib::Request& req, const std::vector<std::string>& trusted_proxies);

} // namespace bondstore
