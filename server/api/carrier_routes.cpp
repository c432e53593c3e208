// The carrier's pushes: SF Express posts each parcel's routes to the store (RoutePushService,
// JSON mode) and is answered in its own format; anything but "taken" makes it push again. Without
// a carrier configured the route does not exist.
#include "server/api/routes.h"
#include "server/operations/event_log.h"

#include "server/app/storefront.h"
#include "server/base/china_time.h"
#include "server/carriers/dispatch.h"
#include "server/http/body_routes.h"

#include <httplib.h>

#include <cstdio>

namespace bondstore {

namespace {
// At most ten routes per push (§6.2): a few KiB.
constexpr size_t kMaxPushBytes = 32 * 1024;
} // namespace

void MountCarrierRoutes(RouteTable&, BodyRoutes& posts, Storefront& s)
{
    if (!s.dispatch) return;
    const std::string push_path = std::string("/api/carriers/") + s.dispatch->carrier().name() + "/routes";
    posts.Post(push_path, {kMaxPushBytes}, [&s](const httplib::Request& req, httplib::Response& res, const std::string& body) {
        Dispatch::Received r = s.dispatch->Receive({body, req.get_header_value("Content-Type")}, UnixNow());
        if (!r.taken) LogEvent(LogLevel::Warning, "carrier_push", {{"outcome", std::string("refused")}, {"why", r.why}});
        Carrier& carrier = s.dispatch->carrier();
        Carrier::Reply reply = r.taken ? carrier.PushTaken() : carrier.PushRefused(r.why);
        res.status = reply.status;
        res.set_content(reply.body, reply.content_type);
    });
}

} // namespace bondstore
