// The store about itself (health, a kiosk's settings, the API's description), product images and
// the web app's files.
#include "server/api/routes.h"

#include "server/api/client_access.h"
#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/http/body_routes.h"
#include "server/http/cached_body.h"
#include "server/http/json_reply.h"
#include "server/security/tokens.h"

#include "core/i18n/i18n.h"
#include "core/wire/service_json.h"

#include <httplib.h>

namespace bondstore {

#ifndef BONDSTORE_VERSION
#define BONDSTORE_VERSION "dev"
#endif

// docs/openapi.json, embedded when the server is built (server/CMakeLists.txt).
std::string_view EmbeddedApiDescription(std::string_view key);

void MountServiceRoutes(RouteTable& routes, BodyRoutes& posts, Storefront& s)
{
    routes.Get("/api/health", [&s](const httplib::Request&, httplib::Response& res) {
        auto snapshot = s.catalog.Current();
        HealthStatus h;
        h.version = BONDSTORE_VERSION;
        h.store = s.stores->kind();
        h.icu = IcuVersion();
        h.catalog_version = snapshot->catalog.version;
        h.products = int64_t(snapshot->catalog.products.size());
        if (s.payment_provider) {
            h.payment = s.payment_provider->name();
            h.payment_sandbox = s.payment_provider->sandbox();
        }
        SendJson(res, 200, HealthStatusToJson(h));
    });

    // Whether to send this server traffic: its database answers, its relay moves, it is not
    // draining. 503 otherwise, so a load balancer or a kiosk gateway turns to another server.
    routes.Get("/api/ready", [&s](const httplib::Request&, httplib::Response& res) {
        Readiness r;
        std::string error;
        r.database = s.stores->database->Ping(&error) ? "ok" : "unavailable";
        r.relay = !s.relay ? "off" : s.relay->Alive(UnixNowMs()) ? "ok" : "stalled";
        r.stopping = s.stopping;
        r.ready = r.database == "ok" && r.relay != "stalled" && !r.stopping;
        SendJson(res, r.ready ? 200 : 503, ReadinessToJson(r));
    });

    // The API's description (OpenAPI 3.1), every route the server answers: the test run holds the
    // two against each other (tests/server/api_description_test.cpp, tests/contract/).
    auto description = MakeCachedBody(std::string(EmbeddedApiDescription("openapi")), "application/json; charset=utf-8", "no-cache", true);
    routes.Get("/api/openapi.json", [description](const httplib::Request& req, httplib::Response& res) {
        ServeCachedBody(req, res, description);
    });

    // What a kiosk (/kiosk) takes from the store's configuration.
    // An enrolled kiosk asks with its token every few minutes: its contact is recorded (kiosk_store.h).
    routes.Get("/api/kiosk", [&s](const httplib::Request& req, httplib::Response& res) {
        if (!BearerToken(req).empty()) KioskOf(s, req);
        KioskSettings k;
        k.idle_seconds = s.options.kiosk_idle;
        res.set_header("Cache-Control", "no-cache");
        res.set_content(KioskSettingsToJson(k), "application/json; charset=utf-8");
    });

    // A kiosk trades its one-time enrollment code for its token (store/kiosk_store.h): the token
    // is answered once and kept only as a hash. Refused codes cost nothing.
    posts.Post("/api/kiosks/enroll", {1024}, [&s](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        if (!AllowRate(s, "enroll", req, res)) return;
        std::optional<std::string> typed = ParseKioskEnrollmentJson(body);
        std::string code = typed ? NormalizeEnrollmentCode(*typed) : std::string();
        if (code.empty()) return s.errors.Send(req, res, 400, "enrollment_code_invalid");
        std::string token = GenerateKioskToken(), error;
        std::optional<KioskStore::Kiosk> kiosk = s.stores->kiosks.Enroll(HashToken(code), HashToken(token), UnixNow(), &error);
        if (!kiosk) return s.errors.Internal(req, res, "enrolling a kiosk", error);
        if (kiosk->id.empty()) return s.errors.Send(req, res, 400, "enrollment_code_invalid");
        SendJson(res, 200, KioskTokenToJson({kiosk->id, kiosk->store, token}));
    });

    // The store's look (core/brand/brand.h), and its logo.
    routes.Get("/api/brand", [&s](const httplib::Request& req, httplib::Response& res) { ServeCachedBody(req, res, s.brand_body); });
    routes.Get("/brand/{file}", [&s](const httplib::Request& req, httplib::Response& res) {
        if (s.brand_logo && s.brand.logo == "/brand/" + req.matches[1].str()) return ServeCachedBody(req, res, s.brand_logo);
        s.errors.Send(req, res, 404, "not_found");
    });

    // Anything else under /api/ is a JSON 404, never the web app's index.html. (A body sent where
    // none is taken is refused before it is read: http/body_routes.h.)
    auto not_found = [&s](const httplib::Request& req, httplib::Response& res) { s.errors.Send(req, res, 404, "not_found"); };
    routes.GetNotFound("/api/.*", not_found);

    // Product images at the sizes the app draws them (catalog/pictures.h), and country flags.
    routes.Get("/thumbnails/{size}/{name}", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.thumbnails.Find(std::atoi(req.matches[1].str().c_str()), "/" + req.matches[2].str()))
            return ServeCachedBody(req, res, body);
        s.errors.Send(req, res, 404, "not_found");
    });
    routes.Get("/flags/{iso}.png", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.flags->Find(req.matches[1].str())) return ServeCachedBody(req, res, body);
        s.errors.Send(req, res, 404, "not_found");
    });

    // Product images a catalog links to as /images/NAME.
    routes.Get("/images/{name}", [&s](const httplib::Request& req, httplib::Response& res) {
        if (auto body = s.images.Find("/" + req.matches[1].str())) return ServeCachedBody(req, res, body);
        s.errors.Send(req, res, 404, "not_found");
    });

}

} // namespace bondstore
