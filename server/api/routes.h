// The HTTP surface of the server (docs/api.md): the JSON API under /api/ and the web app's files.
// One file per group of resources; each route parses the request, calls core, checkout or a store,
// and answers with core's wire format. No business rules live here.
#pragma once

namespace httplib {
class Server;
}

namespace bondstore {

struct Storefront;

// Every route below, then the web app's files; JSON 404 for anything else under /api/.
void MountRoutes(httplib::Server& server, Storefront& storefront);

// GET /api/catalog, /api/search, /api/tax-table, /api/currency-rates, /api/inventory; POST /api/quote.
void MountCatalogRoutes(httplib::Server& server, Storefront& storefront);
// POST /api/orders (checkout), GET /api/orders/queued, /api/order-seal-key, /api/orders/{no},
// POST /api/orders/{no}/cancel.
void MountOrderRoutes(httplib::Server& server, Storefront& storefront);
// POST /api/orders/{no}/payment, the providers' notifications.
void MountPaymentRoutes(httplib::Server& server, Storefront& storefront);
// /api/merchant/…: who is signed in (merchant_routes.cpp), catalog upload and export
// (merchant_catalog_routes.cpp), stock (merchant_stock_routes.cpp), order events and sales
// figures (merchant_order_routes.cpp). Every route acts only on the authenticated merchant's SKUs.
void MountMerchantRoutes(httplib::Server& server, Storefront& storefront);
void MountMerchantCatalogRoutes(httplib::Server& server, Storefront& storefront);
void MountMerchantStockRoutes(httplib::Server& server, Storefront& storefront);
void MountMerchantOrderRoutes(httplib::Server& server, Storefront& storefront);
// POST /api/single-window/receipts (customs' answers), GET /api/admin/relay.
void MountSingleWindowRoutes(httplib::Server& server, Storefront& storefront);
// GET /api/health, /api/kiosk; product images; the web app's files.
void MountServiceRoutes(httplib::Server& server, Storefront& storefront);

} // namespace bondstore
