#include "web/screens/merchant.h"

#include "web/actions/labels.h"
#include "web/actions/merchant_desk.h"
#include "web/platform/files.h"
#include "web/platform/test_hook.h"
#include "web/screens/back_office.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/i18n/formatting.h"
#include "core/i18n/i18n.h"
#include "core/wire/merchant_json.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bondstore::web {

namespace {

void DrawSignIn(App& app, TestView& view)
{
    const Messages& m = app.messages;
    MerchantDesk& d = app.merchant;
    if (DrawTokenSignIn(app, view, {"merchant", d.token, sizeof d.token, d.busy, m.Format("merchant.sign_in_note"), m.Format("merchant.token"),
                                    m.Format("merchant.sign_in"), d.notice}))
        SignIn(app);
}

// The problems of a file, a row each: where, and what (core's message in the merchant's language).
void ProblemTable(App& app, TestView& view, const std::vector<Problem>& problems, const char* id)
{
    const Messages& m = app.messages;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    float height = std::min(Px(app, 320), (float(problems.size()) + 1.5f) * ImGui::GetFrameHeightWithSpacing());
    if (!ImGui::BeginTable(id, 3, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    TableColumns(app, {{"merchant.col_row", 0.6f}, {"merchant.col_sku", 1.2f}, {"merchant.col_problem", 5.0f}});
    for (const Problem& p : problems) {
        ImGui::TableNextRow();
        TableCell(app, 0, 3);
        Label(app, p.row >= 0 ? std::to_string(p.row) : p.index >= 0 ? std::to_string(p.index + 1) : std::string());
        TableCell(app, 1, 3);
        Label(app, p.sku);
        TableCell(app, 2, 3);
        Paragraph(app, DescribeProblem(m, p), p.severity == Severity::Warning ? Tone::Disabled : Tone::Normal);
        view.merchant_problems.push_back((p.row >= 0 ? std::to_string(p.row) : std::string()) + ":" + p.code);
    }
    ImGui::EndTable();
}

// A plain export's review: core's suggestions for each variant, edited in place and checked row by
// row; the fix-up file downloaded, or checked and uploaded as any file.
void DrawFixup(App& app, TestView& view)
{
    const Messages& m = app.messages;
    MerchantDesk& d = app.merchant;
    ImGui::Spacing();
    Paragraph(app, m.Format("merchant.fixup_note"));
    if (d.fixup.file.empty()) {
        if (ImGui::Button(Shown(app, m.Format("merchant.fixup_make")).c_str())) MakeFixupFile(app);
        RecordWidget(view, "merchant.fixup_make", {.role = Role::Button, .name = m.Format("merchant.fixup_make")});
        if (!d.fixup.ok()) Paragraph(app, DescribeProblem(m, d.fixup.problem));
        return;
    }
    int64_t left = 0;
    for (const MerchantDesk::FixupEdit& e : d.edits) left += e.checked ? 0 : 1;
    view.merchant_fixup = {int64_t(d.edits.size()), left};
    SetNextTextRole(Role::Status, "merchant.fixup_rows");
    Label(app, m.Format("merchant.fixup_rows", {{"count", int64_t(d.edits.size())}, {"left", left}}));
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    float height = std::min(Px(app, 360), (float(d.edits.size()) + 1.5f) * ImGui::GetFrameHeightWithSpacing() * 1.6f);
    if (ImGui::BeginTable("##fixup", 7, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        TableColumns(app, {{"merchant.col_sku", 1.4f}, {"browse.col.name", 2.6f}, {"merchant.col_hs", 1.4f}, {"merchant.col_origin", 0.8f},
                           {"merchant.col_legal_qty", 1.0f}, {"merchant.col_title_zh", 1.8f}, {"merchant.col_checked", 0.7f}});
        for (size_t i = 0; i < d.edits.size() && i < d.fixup.rows.size(); i++) {
            const FixupSuggestion& s = d.fixup.rows[i];
            MerchantDesk::FixupEdit& e = d.edits[i];
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            TableCell(app, 0, 7);
            Label(app, s.sku, s.sku_suggested ? Tone::Disabled : Tone::Normal);
            TableCell(app, 1, 7);
            Label(app, s.title);
            if (!s.hs_keyword.empty()) Label(app, m.Format("merchant.fixup_suggested", {{"keyword", s.hs_keyword}}), Tone::Disabled);
            auto field = [&](int column, const char* id, const char* key, char* buffer, size_t size) {
                TableCell(app, column, 7);
                ImGui::SetNextItemWidth(-FLT_MIN);
                ImGui::InputText(id, buffer, size);
                RecordWidget(view, std::string("merchant.fixup.") + (id + 2) + "." + s.sku,
                             {.role = Role::TextField, .name = m.Format(key) + " · " + s.sku, .value = buffer, .on = ImGui::IsItemActive()});
            };
            field(2, "##hs", "merchant.col_hs", e.hs_code, sizeof e.hs_code);
            field(3, "##origin", "merchant.col_origin", e.origin, sizeof e.origin);
            field(4, "##qty", "merchant.col_legal_qty", e.legal_qty, sizeof e.legal_qty);
            field(5, "##title_zh", "merchant.col_title_zh", e.title_zh, sizeof e.title_zh);
            TableCell(app, 6, 7);
            ImGui::Checkbox("##checked", &e.checked);
            RecordWidget(view, "merchant.fixup.checked." + s.sku,
                         {.role = Role::Checkbox, .name = m.Format("merchant.col_checked") + " · " + s.sku, .on = e.checked});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (ImGui::Button(Shown(app, m.Format("merchant.fixup_download")).c_str())) DownloadFixupFile(app);
    RecordWidget(view, "merchant.fixup_download", {.role = Role::Button, .name = m.Format("merchant.fixup_download")});
    ImGui::SameLine();
    if (ImGui::Button(Shown(app, m.Format("merchant.fixup_use")).c_str())) CheckReviewedFile(app);
    RecordWidget(view, "merchant.fixup_use", {.role = Role::Button, .name = m.Format("merchant.fixup_use")});
}

void DrawUpload(App& app, TestView& view)
{
    const Messages& m = app.messages;
    MerchantDesk& d = app.merchant;
    if (ImGui::Button(Shown(app, m.Format("merchant.choose_file")).c_str()))
        ChooseFile([&app](std::string name, std::string bytes) { CheckCatalogFile(app, std::move(name), std::move(bytes)); });
    RecordWidget(view, "merchant.choose_file", {.role = Role::Button, .name = m.Format("merchant.choose_file")});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    Label(app, m.Format("merchant.drop_hint"), Tone::Disabled);
    if (!d.checked) return;

    const CatalogImport& c = d.check;
    ImGui::Spacing();
    Label(app, m.Format("merchant.file", {{"name", d.file_name}, {"format", FormatName(c.format)}, {"rows", c.rows}}));
    int64_t valid = int64_t(c.products.size());
    bool errors = HasErrors(c.problems);
    Label(app, m.Format("merchant.report", {{"valid", valid}, {"rejected", c.rejected}}), errors ? Tone::Normal : Tone::Disabled);
    view.merchant_check = {valid, c.rejected, errors ? 1 : 0};
    if (!c.problems.empty()) ProblemTable(app, view, c.problems, "##check");
    view.merchant_fixup = {0, 0};
    if (d.plain_export) DrawFixup(app, view);
    // Only a file core finds no error in is sent: the server would refuse it whole.
    ImGui::BeginDisabled(errors || d.uploading || c.fatal);
    if (ImGui::Button(Shown(app, m.Format("merchant.upload")).c_str())) UploadCatalog(app);
    ImGui::EndDisabled();
    RecordWidget(view, "merchant.upload", {.role = Role::Button, .name = m.Format("merchant.upload")});
    if (errors) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        Label(app, m.Format("merchant.fix_first"), Tone::Disabled);
    }
    if (d.uploading || d.upload_status != 0) {
        ImGui::ProgressBar(float(d.sent), ImVec2(Px(app, 360), 0));
        RecordWidget(view, "merchant.progress",
                     {.role = Role::Status, .name = m.Format("a11y.percent", {{"percent", int64_t(std::lround(d.sent * 100))}})});
    }
    view.merchant_upload_status = d.upload_status;
    if (d.upload_status == 200)
        Label(app, m.Format("merchant.uploaded", {{"created", d.created}, {"updated", d.updated}, {"unchanged", d.unchanged}}));
    else if (d.upload_status != 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
        Label(app, m.Format("merchant.upload_failed"));
        ImGui::PopStyleColor();
        ProblemTable(app, view, d.upload_problems, "##server");
    }
}

void DrawStock(App& app, TestView& view)
{
    MerchantDesk& d = app.merchant;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##stock", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    TableColumns(app, {{"merchant.col_sku", 1.2f}, {"browse.col.name", 4.0f}, {"browse.col.price", 1.0f}, {"merchant.col_available", 1.0f}});
    ImGuiListClipper clipper;
    clipper.Begin(int(d.products.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
            const Product& p = d.products[size_t(i)];
            int64_t available = 0;
            for (const SkuAvailability& a : d.stock)
                if (a.sku == p.sku) available = a.available;
            ImGui::TableNextRow();
            TableCell(app, 0, 4);
            Label(app, p.sku, Tone::Disabled);
            TableCell(app, 1, 4);
            Label(app, ProductTitle(app, p));
            TableCell(app, 2, 4);
            LabelAtEnd(app, app.prices->Format(p.price));
            TableCell(app, 3, 4);
            LabelAtEnd(app, std::to_string(available), available == 0 ? Tone::Disabled : Tone::Normal);
        }
    ImGui::EndTable();
    view.merchant_products = int(d.products.size());
}

// What customs' side asks of the merchant, first on the tab: returns and the clock of their goods,
// and tax bills that differ from the tax charged.
void DrawCustomsWork(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const MerchantDesk& d = app.merchant;
    // Returns: customs deciding, then the clock of the goods (back within 45 days of release);
    // the merchant records them back (restocked, refunded) once customs has accepted.
    if (!d.returns.returns.empty()) Label(app, m.Format("merchant.returns"));
    view.merchant_returns.clear();
    for (const ReturnList::Return& r : d.returns.returns) {
        ImGui::PushID(r.order_no.c_str());
        std::string status = m.Format(std::string("order.status.") + StatusCode(r.status));
        std::string clock;
        if (r.info.goods_back_at != 0) {
            clock = m.Format("merchant.return_back", {{"date", FormatDateTime(r.info.goods_back_at, 480, app.prices->locale())}});
        } else {
            int64_t left = r.info.due_back_at - d.now;
            int64_t days = left >= 0 ? (left + 86399) / 86400 : (-left + 86399) / 86400;
            clock = m.Format(left >= 0 ? "merchant.return_due" : "merchant.return_overdue",
                             {{"date", FormatDateTime(r.info.due_back_at, 480, app.prices->locale())}, {"count", days}});
        }
        Label(app, m.Format("merchant.return_entry", {{"order", r.order_no}, {"status", status}, {"clock", clock}}),
              r.info.goods_back_at != 0 ? Tone::Disabled : Tone::Normal);
        if (r.status == OrderStatus::Returned && r.info.goods_back_at == 0) {
            ImGui::SameLine();
            if (ImGui::SmallButton(Shown(app, m.Format("merchant.goods_back")).c_str())) RecordGoodsBack(app, r.order_no);
            RecordWidget(view, "merchant.goods_back." + r.order_no,
                         {.role = Role::Button, .name = m.Format("merchant.goods_back") + " · " + r.order_no});
        }
        std::string seen = r.order_no + " " + StatusCode(r.status);
        if (r.info.goods_back_at != 0) seen += std::string(" ") + "goods_back";
        view.merchant_returns.push_back(seen);
        ImGui::PopID();
    }
    if (!d.tax_bills.bills.empty()) ImGui::Spacing();
    DrawTaxDifferences(app, d.tax_bills, view.merchant_tax_differences);
    if (!d.returns.returns.empty() || !d.tax_bills.bills.empty()) ImGui::Separator();
}

void DrawSales(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const MerchantDesk& d = app.merchant;
    std::vector<float> orders, revenue, tax, rejected;
    int64_t total_orders = 0, total_goods = 0, total_tax = 0, total_rejected = 0;
    for (const SalesFigures::Day& day : d.days) {
        orders.push_back(float(day.orders));
        revenue.push_back(float(day.goods_fen) / 100);
        tax.push_back(float(day.tax_fen) / 100);
        rejected.push_back(float(day.rejected));
        total_orders += day.orders;
        total_goods += day.goods_fen;
        total_tax += day.tax_fen;
        total_rejected += day.rejected;
    }
    if (!d.days.empty())
        Label(app, m.Format("merchant.period", {{"from", d.days.front().date}, {"to", d.days.back().date}}), Tone::Disabled);
    ImGui::BeginChild("##charts");
    DrawCustomsWork(app, view);
    DayChart(app, view, "merchant", "##orders", m.Format("merchant.chart_orders", {{"count", total_orders}}), orders, false);
    DayChart(app, view, "merchant", "##revenue", m.Format("merchant.chart_revenue", {{"amount", app.prices->Format(Money{total_goods})}}), revenue, true);
    DayChart(app, view, "merchant", "##tax", m.Format("merchant.chart_tax", {{"amount", app.prices->Format(Money{total_tax})}}), tax, false);
    DayChart(app, view, "merchant", "##rejected", m.Format("merchant.chart_rejections", {{"count", total_rejected}}), rejected, false);
    Label(app, m.Format("merchant.top_products"));
    int64_t most = d.top.empty() ? 1 : std::max<int64_t>(1, d.top.front().qty);
    for (const SalesFigures::Top& t : d.top) {
        std::string title = t.sku;
        for (const Product& p : d.products)
            if (p.sku == t.sku) title = ProductTitle(app, p);
        // A bar as long as the units sold, labelled with them and the goods' value.
        ImGui::ProgressBar(float(t.qty) / float(most), ImVec2(Px(app, 240), 0),
                           m.Format("merchant.top_units", {{"count", t.qty}}).c_str());
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        Label(app, title + " · " + app.prices->Format(Money{t.goods_fen}));
    }
    // Refunds: due until the payment provider confirms them.
    ImGui::Spacing();
    DrawRefunds(app, d.refunds);
    ImGui::EndChild();
    view.merchant_refunds = int(d.refunds.refunds.size());
    view.merchant_days = int(d.days.size());
    view.merchant_orders = total_orders;
}

} // namespace

void DrawMerchant(App& app, TestView& view)
{
    const Messages& m = app.messages;
    MerchantDesk& d = app.merchant;
    view.merchant_problems.clear();
    BeginFullScreenWindow("##merchant");
    DrawTopBar(app, view);
    ImGui::SetWindowFontScale(1.2f);
    Label(app, m.Format("merchant.title"));
    ImGui::SetWindowFontScale(1.0f);
    if (d.merchant.empty()) {
        view.screen = "merchant_sign_in";
        DrawSignIn(app, view);
        ImGui::End();
        return;
    }
    view.screen = "merchant";
    view.merchant_id = d.merchant;
    Label(app, m.Format("merchant.signed_in", {{"merchant", d.merchant}}), Tone::Disabled);
    ImGui::SameLine();
    if (ImGui::SmallButton(Shown(app, m.Format("merchant.sign_out")).c_str())) SignOut(app);
    RecordWidget(view, "merchant.sign_out", {.role = Role::Button, .name = m.Format("merchant.sign_out")});
    // (Tabs keep their ids across languages: "###", so a language switch keeps the open one.)
    if (ImGui::BeginTabBar("##merchant_tabs")) {
        bool tab_upload = ImGui::BeginTabItem((Shown(app, m.Format("merchant.tab_upload")) + "###tab_upload").c_str());
        RecordWidget(view, "merchant.tab_upload", {.role = Role::Option, .name = m.Format("merchant.tab_upload"), .on = tab_upload});
        if (tab_upload) {
            if (d.tab != 0) { d.tab = 0; RefreshMerchant(app); }
            DrawUpload(app, view);
            ImGui::EndTabItem();
        }
        bool tab_stock = ImGui::BeginTabItem((Shown(app, m.Format("merchant.tab_stock")) + "###tab_stock").c_str());
        RecordWidget(view, "merchant.tab_stock", {.role = Role::Option, .name = m.Format("merchant.tab_stock"), .on = tab_stock});
        if (tab_stock) {
            if (d.tab != 1) { d.tab = 1; RefreshMerchant(app); }
            DrawStock(app, view);
            ImGui::EndTabItem();
        }
        bool tab_sales = ImGui::BeginTabItem((Shown(app, m.Format("merchant.tab_sales")) + "###tab_sales").c_str());
        RecordWidget(view, "merchant.tab_sales", {.role = Role::Option, .name = m.Format("merchant.tab_sales"), .on = tab_sales});
        if (tab_sales) {
            if (d.tab != 2) { d.tab = 2; RefreshMerchant(app); }
            DrawSales(app, view);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

} // namespace bondstore::web
