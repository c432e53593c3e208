// The HTTP surface of the server (docs/api.md): the JSON API under /api/ and the web app's files.
// One file per group of resources; each route parses the request, calls core, checkout or a store,
// and answers with core's wire format. No business rules live here. A route that takes a body is
// registered through BodyRoutes (http/body_routes.h), with the most it takes.
#pragma once

#include "server/http/route_table.h"

namespace httplib {
class Server;
}

namespace bondstore {

struct Storefront;
class BodyRoutes;

// Every route below, then the web app's files; JSON 404 for anything else under /api/. Each is
// recorded in `table` (http/route_table.h), which must outlive the server.
void MountRoutes(httplib::Server& server, RouteTable& table, Storefront& storefront);

// GET /api/catalog, /api/search, /api/tax-table, /api/currency-rates, /api/inventory; POST /api/quote.
void MountCatalogRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
// POST /api/orders (checkout), GET /api/orders/queued, /api/order-seal-key, /api/orders/{no},
// POST /api/orders/{no}/cancel.
void MountOrderRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
// POST /api/orders/{no}/payment, the providers' notifications.
void MountPaymentRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
// /api/merchant/…: who is signed in (merchant_routes.cpp), catalog upload and export
// (merchant_catalog_routes.cpp), stock (merchant_stock_routes.cpp), order events and sales
// figures (merchant_order_routes.cpp). Every route acts only on the authenticated merchant's SKUs.
void MountMerchantRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
void MountMerchantCatalogRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
void MountMerchantStockRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
void MountMerchantOrderRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
// POST /api/single-window/receipts (customs' answers), GET /api/admin/relay.
// The carrier's tracking pushes (carrier_routes.cpp).
void MountCarrierRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
void MountSingleWindowRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);
// GET /api/admin/activity, orders, rejections, refunds, tax-bills, stats, merchants: the operator screen's.
void MountOperatorRoutes(RouteTable& routes, Storefront& storefront);
// GET /api/health, /api/kiosk; POST /api/kiosks/enroll; product images; the web app's files.
// The shopper's pages, the sitemap and robots.txt, the kiosk's and merchant's pages, the app's
// files: last, it answers every path nothing else did.
void MountPageRoutes(RouteTable& routes, Storefront& storefront);
void MountServiceRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& storefront);

} // namespace bondstore
