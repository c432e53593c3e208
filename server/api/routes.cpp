#include "server/api/routes.h"

#include "server/app/storefront.h"
#include "server/http/body_routes.h"
#include "server/http/connection.h"
#include "server/http/security_headers.h"

#include <httplib.h>

#include <memory>

namespace bondstore {

void MountRoutes(httplib::Server& server, Storefront& s)
{
    auto posts = std::make_shared<BodyRoutes>(server, s.errors);
    MountCatalogRoutes(server, *posts, s);
    MountOrderRoutes(server, *posts, s);
    MountPaymentRoutes(server, *posts, s);
    MountCarrierRoutes(server, *posts, s);
    MountMerchantRoutes(server, *posts, s);
    MountSingleWindowRoutes(server, *posts, s);
    MountOperatorRoutes(server, s);
    MountServiceRoutes(server, *posts, s);
    MountPageRoutes(server, s); // last: it answers every path nothing else did
    posts->MountNotFound();

    // Bodies are bounded before they are read (http/body_routes.h); every answer carries the
    // security headers (http/security_headers.h).
    server.set_pre_routing_handler([posts](const httplib::Request& req, httplib::Response& res) {
        return posts->RefuseBeforeReading(req, res) ? httplib::Server::HandlerResponse::Handled
                                                    : httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_post_routing_handler([&s](const httplib::Request&, httplib::Response& res) { AddSecurityHeaders(s.page_policy, res); });
    // Runs once an answer is written: a connection marked to close closes (http/connection.h).
    server.set_logger(FinishAnswer);

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
