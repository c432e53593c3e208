#include "server/api/client_access.h"

#include "server/app/storefront.h"
#include "server/http/client_address.h"
#include "server/http/json_reply.h"
#include "server/http/request_log.h"
#include "server/base/china_time.h"
#include "server/security/tokens.h"

#include <httplib.h>

namespace bondstore {

std::string ClientOf(const Storefront& s, const httplib::Request& req) { return ClientAddress(req, s.options.trusted_proxies); }

KioskStore::Kiosk KioskOf(Storefront& s, const httplib::Request& req)
{
    std::string token = BearerToken(req);
    if (token.rfind("ksk_", 0) != 0 || token.size() > 100) return {};
    std::string error;
    std::optional<KioskStore::Kiosk> kiosk = s.stores->kiosks.KioskForToken(HashToken(token), UnixNow(), &error);
    if (kiosk) NoteKiosk(kiosk->id);
    return kiosk ? *kiosk : KioskStore::Kiosk{};
}

bool AllowRate(Storefront& s, const char* kind, const httplib::Request& req, httplib::Response& res)
{
    int64_t wait = s.rate_limit.Take(kind, ClientOf(s, req));
    if (wait == 0) return true;
    res.set_header("Retry-After", std::to_string(wait));
    s.errors.Send(req, res, 429, "too_many_requests");
    return false;
}

} // namespace bondstore
