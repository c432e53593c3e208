#include "web/merchant_desk.h"

#include "web/app.h"
#include "web/platform/fetch.h"
#include "web/platform/files.h"

#include "core/wire.h"

#include <nlohmann/json.hpp>

namespace bondstore::web {

namespace {

FetchHeaders Auth(const App& app)
{
    return {BearerAuthorization(app.merchant.token), {"Accept-Language", app.locale}};
}

// The server's problems ({"code","field","row","sku",…}) as core's.
std::vector<Problem> ProblemsFrom(const nlohmann::json& list)
{
    std::vector<Problem> out;
    if (!list.is_array()) return out;
    for (const auto& p : list) {
        if (!p.is_object()) continue;
        Problem problem;
        problem.code = p.value("code", "");
        problem.field = p.value("field", "");
        problem.sku = p.value("sku", "");
        problem.row = p.value("row", int64_t(-1));
        problem.index = p.value("index", int64_t(-1));
        problem.severity = p.value("severity", "error") == "warning" ? Severity::Warning : Severity::Error;
        out.push_back(std::move(problem));
    }
    return out;
}

} // namespace

void SignIn(App& app)
{
    MerchantDesk& d = app.merchant;
    if (d.busy) return;
    d.busy = true;
    d.notice.clear();
    FetchGetWith("/api/merchant/me", Auth(app), [&app](FetchResult r) {
        MerchantDesk& d = app.merchant;
        d.busy = false;
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        if (r.status == 200 && j.is_object()) {
            d.merchant = j.value("merchant", "");
            RefreshMerchant(app);
            // A file dropped anywhere on the page is checked like a chosen one.
            AcceptDroppedFiles([&app](std::string name, std::string bytes) { CheckCatalogFile(app, std::move(name), std::move(bytes)); });
            return;
        }
        d.notice = r.status == 0 ? app.messages.Format("checkout.network_error")
                 : j.is_object() && j.contains("error") ? j["error"].value("message", "") : r.error;
    });
}

void SignOut(App& app)
{
    app.merchant = MerchantDesk{};
    app.merchant.on = true;
}

void CheckCatalogFile(App& app, std::string name, std::string bytes)
{
    MerchantDesk& d = app.merchant;
    d.file_name = std::move(name);
    d.file_bytes = std::move(bytes);
    ImportOptions options;
    options.merchant = d.merchant;
    options.tax_table = &app.tax_table;
    options.date = app.today;
    options.source_locale = app.locale;
    CatalogFormat format = DetectCatalogFormat(std::string_view(d.file_bytes).substr(0, 4096), d.file_name);
    d.check = ImportCatalog(d.file_bytes, format, options);
    d.checked = true;
    d.upload_status = 0;
    d.upload_problems.clear();
    d.sent = 0;
}

void UploadCatalog(App& app)
{
    MerchantDesk& d = app.merchant;
    if (d.uploading || !d.checked) return;
    d.uploading = true;
    d.sent = 0;
    d.upload_status = 0;
    std::string url = UrlWithQuery("/api/merchant/catalog", {{"format", FormatName(d.check.format)}, {"lang", app.locale}});
    UploadWithProgress(url, d.file_bytes, Auth(app), [&app](double sent) { app.merchant.sent = sent; },
                       [&app](FetchResult r) {
        MerchantDesk& d = app.merchant;
        d.uploading = false;
        d.upload_status = r.status == 0 ? -1 : r.status;
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        if (!j.is_object()) return;
        d.created = j.value("created", int64_t(0));
        d.updated = j.value("updated", int64_t(0));
        d.unchanged = j.value("unchanged", int64_t(0));
        d.upload_problems = ProblemsFrom(j.contains("problems") ? j["problems"] : j.value("error", nlohmann::json::object()).value("problems", nlohmann::json::array()));
        if (r.status == 200) {
            d.sent = 1;
            RefreshMerchant(app);
        }
    });
}

void RefreshMerchant(App& app)
{
    FetchGetWith("/api/merchant/products?format=json", Auth(app), [&app](FetchResult r) {
        if (r.status != 200) return;
        CatalogParse parsed = ParseCatalogJson(r.body);
        if (parsed.ok()) app.merchant.products = std::move(parsed.catalog.products);
    });
    FetchGet("/api/inventory", [&app](FetchResult r) {
        if (r.status != 200) return;
        InventoryParse parsed = ParseInventoryJson(r.body);
        if (parsed.ok()) app.merchant.stock = std::move(parsed.items);
    });
    FetchGetWith("/api/merchant/stats?days=30", Auth(app), [&app](FetchResult r) {
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        if (r.status != 200 || !j.is_object()) return;
        MerchantDesk& d = app.merchant;
        d.days.clear();
        for (const auto& day : j.value("days", nlohmann::json::array()))
            d.days.push_back({day.value("date", ""), day.value("orders", int64_t(0)), day.value("goods_fen", int64_t(0)),
                              day.value("tax_fen", int64_t(0)), day.value("rejected", int64_t(0))});
        d.top.clear();
        for (const auto& t : j.value("top", nlohmann::json::array()))
            d.top.push_back({t.value("sku", ""), t.value("qty", int64_t(0)), t.value("goods_fen", int64_t(0))});
    });
}

} // namespace bondstore::web
