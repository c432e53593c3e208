// The merchant API under /api/merchant/: bearer-token authentication, catalog upload (native JSON,
// Shopify CSV, Google Merchant TSV/XML) with dry runs and all-or-nothing or partial application,
// stock upload, and export. Every route acts only on the authenticated merchant's SKUs.
#pragma once

namespace httplib {
class Server;
}

namespace bondstore {

struct Storefront;

void MountMerchantRoutes(httplib::Server& server, Storefront& storefront);

} // namespace bondstore
