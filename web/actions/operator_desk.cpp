#include "web/actions/operator_desk.h"

#include "web/actions/session.h"
#include "web/platform/fetch.h"
#include "web/platform/files.h"
#include "web/state/app.h"

#include "core/base/calendar_date.h"
#include "core/orders/retail_statistics.h"
#include "core/wire/merchant_json.h"
#include "core/wire/operator_json.h"
#include "core/wire/problem_json.h"
#include "core/wire/service_json.h"

#include <emscripten/html5.h>

namespace bondstore::web {

namespace {

FetchHeaders Auth(const App& app)
{
    return {BearerAuthorization(app.operations.token), {"Accept-Language", app.locale}};
}

// GET `url` with the operator token; `apply` gets the parsed body of a 200 that parses.
template <class Parse, class Apply>
void Read(App& app, const std::string& url, Parse parse, Apply apply)
{
    FetchGetWith(url, Auth(app), [&app, parse, apply](FetchResult r) {
        if (r.status != 200) return;
        if (auto parsed = parse(r.body)) apply(app.operations, std::move(*parsed));
    });
}

} // namespace

void SignInOperator(App& app)
{
    OperatorDesk& d = app.operations;
    if (d.busy) return;
    d.busy = true;
    d.notice.clear();
    FetchGetWith("/api/admin/activity", Auth(app), [&app](FetchResult r) {
        OperatorDesk& d = app.operations;
        d.busy = false;
        std::optional<StoreActivity> activity = r.status == 200 ? ParseStoreActivityJson(r.body) : std::nullopt;
        if (activity) {
            d.signed_in = true;
            d.activity = std::move(*activity);
            RefreshOperator(app);
            return;
        }
        d.notice = r.status == 0 ? app.messages.Format("checkout.network_error")
                 : ParseApiErrorJson(r.body) ? ParseApiErrorJson(r.body)->message : r.error;
    });
}

void SignOutOperator(App& app)
{
    app.operations = OperatorDesk{};
    app.operations.on = true;
}

void RefreshOperator(App& app)
{
    OperatorDesk& d = app.operations;
    d.now = int64_t(emscripten_date_now() / 1000);
    LoadStores(app); // (the stores' names; one registered since the page opened too)
    Read(app, "/api/admin/activity?days=30", ParseStoreActivityJson, [](OperatorDesk& d, StoreActivity a) { d.activity = std::move(a); });
    Read(app, "/api/admin/relay", ParseRelayStatusJson, [](OperatorDesk& d, RelayStatus r) { d.relay = std::move(r); });
    Read(app, "/api/admin/rejections", ParseCustomsRejectionsJson, [](OperatorDesk& d, CustomsRejections r) { d.rejections = std::move(r); });
    Read(app, "/api/admin/refunds", ParseRefundListJson, [](OperatorDesk& d, RefundList r) { d.refunds = std::move(r); });
    Read(app, "/api/admin/tax-bills?all=1", ParseTaxBillListJson, [](OperatorDesk& d, TaxBillList t) { d.tax_bills = std::move(t); });
    Read(app, "/api/admin/merchants", ParseMerchantAccountsJson, [](OperatorDesk& d, MerchantAccounts m) { d.merchants = std::move(m); });
    if (d.place) ChoosePlace(app, *d.place);
}

void ChoosePlace(App& app, const std::string& store)
{
    app.operations.place = store;
    std::string url = UrlWithQuery("/api/admin/orders", {{"store", store}, {"limit", "50"}});
    Read(app, url, ParseOrderOverviewJson, [store](OperatorDesk& d, OrderOverview o) {
        if (d.place == store) d.orders = std::move(o); // (an answer for a place chosen before is dropped)
    });
}

void LoadStatistics(App& app, const std::string& month)
{
    app.operations.stats_month = month;
    app.operations.stats_loaded = false;
    Read(app, UrlWithQuery("/api/admin/stats", {{"month", month}}), ParseRetailStatisticsJson, [month](OperatorDesk& d, RetailStatistics s) {
        if (d.stats_month != month) return; // (an answer for a month left before)
        d.stats = std::move(s);
        d.stats_loaded = true;
    });
}

void StepStatisticsMonth(App& app, int step)
{
    std::optional<StatisticsPeriod> shown = ParseStatisticsPeriod(app.operations.stats_month);
    if (!shown) return;
    // The first day of the month before (the day before this one's first), or after (the day after its last).
    CalendarDate d = FromDaysSinceEpoch(long(step < 0 ? shown->first - 1 : shown->last + 1));
    LoadStatistics(app, FormatIsoDate(d).substr(0, 7));
}

void DownloadStatistics(App& app, const std::string& format)
{
    const std::string month = app.operations.stats_month;
    const std::string url = UrlWithQuery("/api/admin/stats", {{"month", month}, {"format", format}});
    FetchGetWith(url, Auth(app), [month, format](FetchResult r) {
        if (r.status != 200) return;
        SaveFile(StatisticsFileName(month, format), r.body, std::string(StatisticsMediaType(format)));
    });
}

} // namespace bondstore::web

