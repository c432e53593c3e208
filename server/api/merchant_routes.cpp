// The merchant API under /api/merchant/: who is signed in, and the resource groups beside this
// file (catalog, stock, orders and sales). Every route authenticates with the merchant's bearer
// token and acts only on that merchant's SKUs.
#include "server/api/routes.h"

#include "server/api/merchant_access.h"
#include "server/app/storefront.h"
#include "server/http/json_reply.h"

#include "core/wire/merchant_json.h"

#include <httplib.h>

namespace bondstore {

void MountMerchantRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    routes.Get("/api/merchant/me", [&s](const httplib::Request& req, httplib::Response& res) {
        std::string merchant = AuthenticatedMerchant(s, req, res);
        if (!merchant.empty()) SendJson(res, 200, MerchantMeToJson(merchant));
    });
    MountMerchantCatalogRoutes(routes, posts, s);
    MountMerchantStockRoutes(routes, posts, s);
    MountMerchantOrderRoutes(routes, posts, s);
}

} // namespace bondstore
