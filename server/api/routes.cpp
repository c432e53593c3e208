#include "server/api/routes.h"

#include "server/app/storefront.h"
#include "server/http/body_routes.h"
#include "server/http/connection.h"
#include "server/http/request_log.h"
#include "server/http/security_headers.h"

#include <httplib.h>

#include <memory>

namespace bondstore {

void MountRoutes(httplib::Server& server, RouteTable& routes, Storefront& s)
{
    auto posts = std::make_shared<BodyRoutes>(server, s.errors, routes);
    MountCatalogRoutes(routes, *posts, s);
    MountOrderRoutes(routes, *posts, s);
    MountPaymentRoutes(routes, *posts, s);
    MountCarrierRoutes(routes, *posts, s);
    MountMerchantRoutes(routes, *posts, s);
    MountSingleWindowRoutes(routes, *posts, s);
    MountOperatorRoutes(routes, s);
    MountServiceRoutes(routes, *posts, s);
    MountPageRoutes(routes, s); // last: it answers every path nothing else did
    posts->MountNotFound();

    // Each request gets its id and clock (http/request_log.h); bodies are bounded before they are
    // read (http/body_routes.h); every answer carries the security headers (http/security_headers.h).
    auto log = std::make_shared<RequestLog>(s.options.trusted_proxies);
    log->after = [&s](const AnsweredRequest& a) { s.metrics.ObserveRequest(a.method, a.route, a.status, a.seconds); };
    server.set_pre_routing_handler([posts, log](const httplib::Request& req, httplib::Response& res) {
        log->Begin(req, res);
        return posts->RefuseBeforeReading(req, res) ? httplib::Server::HandlerResponse::Handled
                                                    : httplib::Server::HandlerResponse::Unhandled;
    });
    // Every answer, just before it is written: the security headers, its log line and metrics.
    server.set_post_routing_handler([&s, log](const httplib::Request& req, httplib::Response& res) {
        AddSecurityHeaders(s.page_policy, res);
        log->End(req, res);
    });
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
