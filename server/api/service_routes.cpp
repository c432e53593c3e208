// The store about itself (health, a kiosk's settings), product images and the web app's files.
#include "server/api/routes.h"

#include "server/app/storefront.h"
#include "server/http/json_reply.h"

#include "core/i18n/i18n.h"
#include "core/wire/service_json.h"

#include <httplib.h>

namespace bondstore {

#ifndef BONDSTORE_VERSION
#define BONDSTORE_VERSION "dev"
#endif

void MountServiceRoutes(httplib::Server& server, Storefront& s)
{
    server.Get("/api/health", [&s](const httplib::Request&, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        HealthStatus h;
        h.version = BONDSTORE_VERSION;
        h.store = s.stores->kind();
        h.icu = IcuVersion();
        h.catalog_version = snapshot->catalog.version;
        h.products = int64_t(snapshot->catalog.products.size());
        SendJson(res, 200, HealthStatusToJson(h));
    });

    // What a kiosk (/kiosk) takes from the store's configuration.
    server.Get("/api/kiosk", [&s](const httplib::Request&, httplib::Response& res) {
        KioskSettings k;
        k.idle_seconds = s.options.kiosk_idle;
        res.set_header("Cache-Control", "no-cache");
        res.set_content(KioskSettingsToJson(k), "application/json; charset=utf-8");
    });

    // Anything else under /api/ is a JSON 404, never the web app's index.html.
    auto not_found = [&s](const httplib::Request& req, httplib::Response& res) { s.errors.Send(req, res, 404, "not_found"); };
    server.Get(R"(/api/.*)", not_found);
    server.Post(R"(/api/.*)", not_found);

    // Product images a catalog links to as /images/NAME.
    server.Get(R"(/images/(.+))", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.images.Find("/" + req.matches[1].str())) return ServeCachedBody(req, res, body);
        s.errors.Send(req, res, 404, "not_found");
    });

    // The web app: its files, and index.html for "/".
    server.Get(R"(/.*)", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.web.Find(req.path)) return ServeCachedBody(req, res, body);
        s.errors.Send(req, res, 404, "not_found");
    });
}

} // namespace bondstore
