#include "server/api/routes.h"

#include "server/app/storefront.h"

#include <httplib.h>

namespace bondstore {

void MountRoutes(httplib::Server& server, Storefront& s)
{
    MountCatalogRoutes(server, s);
    MountOrderRoutes(server, s);
    MountPaymentRoutes(server, s);
    MountMerchantRoutes(server, s);
    MountSingleWindowRoutes(server, s);
    MountServiceRoutes(server, s); // last: it answers every path nothing else did

    server.set_exception_handler([&s](const httplib::Request& req, httplib::Response& res, std::exception_ptr e) {
        std::string what = "an exception";
        try {
            if (e) std::rethrow_exception(e);
        } catch (const std::exception& x) {
            what = x.what();
        } catch (...) {
        }
        s.errors.Internal(req, res, "unhandled", what);
    });
}

} // namespace bondstore
