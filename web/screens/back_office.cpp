#include "web/screens/back_office.h"

#include "web/actions/labels.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/i18n/i18n.h"
#include "core/orders/tax_bill.h"

#include <imgui.h>

#include <algorithm>

namespace bondstore::web {

bool DrawTokenSignIn(App& app, TestView& view, const TokenForm& form)
{
    const std::string id = form.id;
    float width = std::min(ImGui::GetContentRegionAvail().x, Px(app, 520));
    if (app.rtl) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - width); // at the reading start
    ImGui::BeginChild(("##signin_" + id).c_str(), ImVec2(width, 0));
    Paragraph(app, form.note, Tone::Disabled);
    SkipNextText(); // (the field's name)
    Label(app, form.field);
    ImGui::SetNextItemWidth(-FLT_MIN);
    bool enter = ImGui::InputText("##token", form.token, form.token_size, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    RecordWidget(view, id + ".token", {.role = Role::TextField, .name = form.field, .value = form.token, .on = ImGui::IsItemActive(), .secret = true});
    ImGui::BeginDisabled(form.busy || form.token[0] == '\0');
    const std::string button = Shown(app, form.button);
    if (app.rtl) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(button.c_str()).x - ImGui::GetStyle().FramePadding.x * 2);
    bool pressed = PrimaryButton(app, button.c_str()) || (enter && !form.busy && form.token[0] != '\0');
    ImGui::EndDisabled();
    RecordWidget(view, id + ".sign_in", {.role = Role::Button, .name = form.button});
    if (!form.notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
        Paragraph(app, form.notice);
        ImGui::PopStyleColor();
    }
    ImGui::EndChild();
    return pressed;
}

void TableColumns(App& app, std::initializer_list<std::pair<const char*, float>> columns)
{
    std::vector<std::pair<const char*, float>> order(columns);
    if (app.rtl) std::reverse(order.begin(), order.end());
    for (const auto& [key, weight] : order)
        ImGui::TableSetupColumn(Shown(app, app.messages.Format(key)).c_str(), ImGuiTableColumnFlags_WidthStretch, weight);
    ImGui::TableHeadersRow();
}

void TableCell(const App& app, int column, int columns) { ImGui::TableSetColumnIndex(app.rtl ? columns - 1 - column : column); }

void DayChart(App& app, TestView& view, const char* prefix, const char* id, const std::string& title, const std::vector<float>& values, bool lines)
{
    SkipNextText(); // (the chart's name)
    Label(app, title);
    ImVec2 size(ImGui::GetContentRegionAvail().x, Px(app, 110));
    float top = 0;
    for (float v : values) top = std::max(top, v);
    if (lines) ImGui::PlotLines(id, values.data(), int(values.size()), 0, nullptr, 0, std::max(1.0f, top * 1.1f), size);
    else ImGui::PlotHistogram(id, values.data(), int(values.size()), 0, nullptr, 0, std::max(1.0f, top * 1.1f), size);
    RecordWidget(view, std::string(prefix) + ".chart" + id, {.role = Role::Image, .name = title});
}

void DrawRefunds(App& app, const RefundList& refunds)
{
    const Messages& m = app.messages;
    Label(app, m.Format("merchant.refunds", {{"due", app.prices->Format(refunds.due)}, {"done", app.prices->Format(refunds.done)}}));
    for (const RefundList::Refund& f : refunds.refunds)
        Label(app, m.Format("merchant.refund_entry", {{"order", f.order_no},
                                                      {"reason", m.Format("merchant.refund_reason." + f.reason)},
                                                      {"amount", app.prices->Format(f.amount)},
                                                      {"state", m.Format("merchant.refund_state." + f.state)}}),
              f.state == "done" ? Tone::Disabled : Tone::Normal);
}

void DrawTaxDifferences(App& app, const TaxBillList& bills, std::vector<std::string>& shown)
{
    const Messages& m = app.messages;
    int64_t differing = 0;
    for (const TaxBillList::Bill& b : bills.bills) differing += b.differences.empty() ? 0 : 1;
    shown.clear();
    if (!bills.bills.empty()) Label(app, m.Format("merchant.tax_bills", {{"count", int64_t(bills.bills.size())}, {"differing", differing}}));
    for (const TaxBillList::Bill& b : bills.bills) {
        if (b.differences.empty()) continue;
        std::string what;
        for (const std::string& x : b.differences) {
            int64_t line = TaxBillDifferenceLine(x);
            std::string part = line != 0 ? m.Format("merchant.tax_difference.line", {{"line", line}}) : m.Format("merchant.tax_difference." + x);
            what += (what.empty() ? "" : ", ") + part;
        }
        // Customs' amount as it wrote it (up to 5 decimals, yuan), beside the store's.
        Label(app, m.Format("merchant.tax_bill_entry", {{"order", b.order_no}, {"billed", b.billed}, {"charged", app.prices->Format(b.charged)},
                                                        {"what", what}}));
        shown.push_back(b.order_no);
    }
}

} // namespace bondstore::web
