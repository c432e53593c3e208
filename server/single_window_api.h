// The single window's side of the HTTP API: customs' receipts coming in, and the relay's state
// for the operator (docs/api.md).
#pragma once

namespace httplib {
class Server;
}

namespace bondstore {

struct Storefront;

void MountSingleWindowRoutes(httplib::Server& server, Storefront& storefront);

} // namespace bondstore
