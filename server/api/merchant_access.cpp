#include "server/api/merchant_access.h"

#include "server/app/storefront.h"
#include "server/operations/event_log.h"
#include "server/http/json_reply.h"
#include "server/http/request_log.h"
#include "server/security/tokens.h"

#include "core/wire/import_report_json.h"

#include <httplib.h>

namespace bondstore {

std::string AuthenticatedMerchant(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    std::string token = BearerToken(req);
    std::string merchant;
    if (!token.empty() && token.size() < 256) {
        std::string error;
        merchant = s.stores->merchants.MerchantForToken(HashMerchantToken(token), &error);
    }
    if (merchant.empty()) {
        res.set_header("WWW-Authenticate", "Bearer realm=\"bondstore-merchant\"");
        s.errors.Send(req, res, 401, "unauthorized");
    }
    NoteMerchant(merchant);
    return merchant;
}

bool MerchantFirst(Storefront& s, const httplib::Request& req, httplib::Response& res)
{
    return !AuthenticatedMerchant(s, req, res).empty();
}

void SendImportReport(Storefront& s, const httplib::Request& req, httplib::Response& res, int status, const ImportReport& report)
{
    // Every import's outcome, counted (operations/metrics.h) and in the log.
    s.metrics.CountImport(report.kind, report.applied ? "applied" : status == 200 ? "checked" : "refused");
    LogEvent(status == 200 ? LogLevel::Info : LogLevel::Warning, "import",
             {{"kind", report.kind}, {"format", report.format}, {"dry_run", report.dry_run}, {"applied", report.applied},
              {"rows", report.rows}, {"valid", report.valid}, {"rejected", report.rejected}, {"created", report.created},
              {"updated", report.updated}, {"problems", int64_t(report.problems.size())}, {"catalog_version", report.catalog_version}});
    std::string locale = s.errors.NegotiateLocale(req.get_header_value("Accept-Language"));
    std::string body = s.errors.Render(locale, [&](const Messages& m) { return ImportReportToJson(report, &m); });
    res.set_header("Content-Language", locale);
    SendJson(res, status, std::move(body));
}

} // namespace bondstore
