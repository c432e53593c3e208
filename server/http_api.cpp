#include "http_api.h"

#include "storefront.h"

#include "core/i18n.h"
#include "core/wire.h"

#include <httplib.h>

namespace bondstore {

#ifndef BONDSTORE_VERSION
#define BONDSTORE_VERSION "dev"
#endif

void MountRoutes(httplib::Server& server, Storefront& s)
{
    server.Get("/api/health", [&s](const httplib::Request&, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        std::string body = std::string("{\"status\":\"ok\",\"version\":\"") + BONDSTORE_VERSION +
                           "\",\"store\":\"" + s.store->kind() + "\",\"icu\":\"" + IcuVersion() +
                           "\",\"catalog_version\":" + std::to_string(snapshot->catalog.version) +
                           ",\"products\":" + std::to_string(snapshot->catalog.products.size()) + "}";
        res.set_header("Cache-Control", "no-store");
        res.set_content(body, "application/json; charset=utf-8");
    });

    server.Get("/api/catalog", [&s](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, s.catalog.Current()->body);
    });

    // Anything else under /api/ is a JSON 404, never the web app's index.html.
    server.Get(R"(/api/.*)", [&s](const httplib::Request& req, httplib::Response& res) {
        s.errors.Send(req, res, 404, "not_found");
    });

    // The web app: its files, and index.html for "/".
    server.Get(R"(/.*)", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.web.Find(req.path)) {
            ServeCachedBody(req, res, body);
            return;
        }
        s.errors.Send(req, res, 404, "not_found");
    });

    server.set_exception_handler([&s](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        s.errors.Send(req, res, 500, "internal");
    });
}

} // namespace bondstore
