#include "web/actions/merchant_desk.h"

#include "web/platform/fetch.h"
#include "web/platform/files.h"
#include "web/state/app.h"

#include "core/import/catalog_import.h"
#include "core/formats/csv.h"
#include "core/import/catalog_fixup.h"
#include "core/wire/catalog_json.h"
#include "core/wire/hs_keywords_json.h"
#include "core/wire/import_report_json.h"
#include "core/wire/merchant_json.h"
#include "core/wire/order_json.h"
#include "core/wire/problem_json.h"

#include <emscripten/html5.h>

#include <algorithm>
#include <cstdio>

namespace bondstore::web {

namespace {

FetchHeaders Auth(const App& app)
{
    return {BearerAuthorization(app.merchant.token), {"Accept-Language", app.locale}};
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
        std::optional<std::string> merchant = r.status == 200 ? ParseMerchantMeJson(r.body) : std::nullopt;
        if (merchant) {
            d.merchant = *merchant;
            RefreshMerchant(app);
            // A file dropped anywhere on the page is checked like a chosen one.
            AcceptDroppedFiles([&app](std::string name, std::string bytes) { CheckCatalogFile(app, std::move(name), std::move(bytes)); });
            return;
        }
        d.notice = r.status == 0 ? app.messages.Format("checkout.network_error")
                 : ParseApiErrorJson(r.body) ? ParseApiErrorJson(r.body)->message : r.error;
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
    d.plain_export = (format == CatalogFormat::ShopifyCsv || format == CatalogFormat::GoogleTsv || format == CatalogFormat::GoogleXml) &&
                     std::any_of(d.check.problems.begin(), d.check.problems.end(), [](const Problem& p) { return p.code == "import.no_customs_columns"; });
    d.fixup = CatalogFixup{};
    d.edits.clear();
    d.upload_status = 0;
    d.upload_problems.clear();
    d.sent = 0;
}

namespace {

// The review table as the merchant left it, written into the fix-up file's rows.
std::string ReviewedFile(const MerchantDesk& d)
{
    std::vector<FixupSuggestion> reviewed = d.fixup.rows;
    for (size_t i = 0; i < reviewed.size() && i < d.edits.size(); i++) {
        const MerchantDesk::FixupEdit& e = d.edits[i];
        FixupSuggestion& s = reviewed[i];
        s.hs_code = e.hs_code;
        s.origin = e.origin;
        s.legal_qty = e.legal_qty;
        s.title_zh = e.title_zh;
        if (e.checked) s.review.clear();
    }
    return ReviewedFixupFile(d.fixup, reviewed);
}

void Fixup(App& app)
{
    MerchantDesk& d = app.merchant;
    HsSuggester hs(d.hs_keywords);
    OriginSuggester origin;
    d.fixup = d.check.format == CatalogFormat::GoogleTsv   ? FixUpGoogleTsv(d.file_bytes, hs, origin)
            : d.check.format == CatalogFormat::GoogleXml ? FixUpGoogleXml(d.file_bytes, hs, origin)
                                                         : FixUpShopifyCsv(d.file_bytes, hs, origin);
    d.edits.assign(d.fixup.rows.size(), {});
    for (size_t i = 0; i < d.fixup.rows.size(); i++) {
        const FixupSuggestion& s = d.fixup.rows[i];
        MerchantDesk::FixupEdit& e = d.edits[i];
        std::snprintf(e.hs_code, sizeof e.hs_code, "%s", s.hs_code.c_str());
        std::snprintf(e.origin, sizeof e.origin, "%s", s.origin.c_str());
        std::snprintf(e.legal_qty, sizeof e.legal_qty, "%s", s.legal_qty.c_str());
    }
}

} // namespace

void MakeFixupFile(App& app)
{
    MerchantDesk& d = app.merchant;
    if (d.hs_keywords_loaded) return Fixup(app);
    FetchGet("/api/hs-keywords", [&app](FetchResult r) {
        MerchantDesk& d = app.merchant;
        // (Without the table the store suggests no HS codes; the rest of the file is still made.)
        if (r.status == 200) d.hs_keywords = ParseHsKeywordJson(r.body).table;
        d.hs_keywords_loaded = true;
        Fixup(app);
    });
}

void DownloadFixupFile(App& app)
{
    const MerchantDesk& d = app.merchant;
    if (!d.fixup.ok() || d.fixup.file.empty()) return;
    SaveFile(FixupFileName(d.file_name), ReviewedFile(d), std::string(FixupMediaType(d.fixup)));
}

void CheckReviewedFile(App& app)
{
    MerchantDesk& d = app.merchant;
    if (!d.fixup.ok() || d.fixup.file.empty()) return;
    std::string bytes = ReviewedFile(d);
    CheckCatalogFile(app, FixupFileName(d.file_name), std::move(bytes));
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
        // An import report (200, 422), or an error ({"error":{…}}) for a request refused before it.
        ImportReport report;
        if (ParseImportReportJson(r.body, &report, nullptr)) {
            d.created = report.created;
            d.updated = report.updated;
            d.unchanged = report.unchanged;
            d.upload_problems = std::move(report.problems);
        } else if (std::optional<ApiError> error = ParseApiErrorJson(r.body)) {
            d.created = d.updated = d.unchanged = 0;
            d.upload_problems = std::move(error->problems);
        } else {
            return;
        }
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
        std::optional<SalesFigures> figures = r.status == 200 ? ParseSalesFiguresJson(r.body) : std::nullopt;
        if (!figures) return;
        app.merchant.days = std::move(figures->days);
        app.merchant.top = std::move(figures->top);
    });
    FetchGetWith("/api/merchant/refunds", Auth(app), [&app](FetchResult r) {
        std::optional<RefundList> list = r.status == 200 ? ParseRefundListJson(r.body) : std::nullopt;
        if (list) app.merchant.refunds = std::move(*list);
    });
    app.merchant.now = int64_t(emscripten_date_now() / 1000);
    FetchGetWith("/api/merchant/returns", Auth(app), [&app](FetchResult r) {
        std::optional<ReturnList> list = r.status == 200 ? ParseReturnListJson(r.body) : std::nullopt;
        if (list) app.merchant.returns = std::move(*list);
    });
    FetchGetWith("/api/merchant/tax-bills", Auth(app), [&app](FetchResult r) {
        std::optional<TaxBillList> list = r.status == 200 ? ParseTaxBillListJson(r.body) : std::nullopt;
        if (list) app.merchant.tax_bills = std::move(*list);
    });
}

void RecordGoodsBack(App& app, const std::string& order_no)
{
    FetchPost("/api/merchant/orders/" + order_no + "/goods-back", "{}", Auth(app), [&app](FetchResult) { RefreshMerchant(app); });
}

} // namespace bondstore::web
