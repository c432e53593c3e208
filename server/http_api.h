// The HTTP surface of the server: the JSON API under /api/ and the web app's files. Each route
// parses, calls core and the store, and answers; no business rules live here.
#pragma once

namespace httplib {
class Server;
}

namespace bondstore {

struct Storefront;

void MountRoutes(httplib::Server& server, Storefront& storefront);

} // namespace bondstore
