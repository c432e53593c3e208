#include "web/screens/tax_text.h"

#include "web/actions/labels.h"
#include "web/platform/accessibility.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/state/app.h"
#include "web/state/display.h"


#include <imgui.h>

#include <algorithm>

namespace bondstore::web {

namespace {

// Core writes amounts in notes as plain yuan ("10.00"); shown here in the shopper's format.
bool IsAmountArg(const std::string& name)
{
    return name == "single_limit" || name == "annual_limit" || name == "threshold" || name == "per_unit" ||
           name == "price_per_unit" || name == "price_per_item";
}

// One "label ........ amount" row of the breakdown (mirrored right to left), described as one
// text ("Amount to pay: ¥245.00"); a live region under `live_id` when given (read out as it changes).
void AmountRow(App& app, const std::string& label, const std::string& amount, bool strong = false, const std::string& live_id = {})
{
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(VisualColumn(app, 0, 2));
    SkipNextText();
    Label(app, label, strong ? Tone::Normal : Tone::Disabled);
    ImGui::TableSetColumnIndex(VisualColumn(app, 1, 2));
    SkipNextText();
    LabelAtEnd(app, amount);
    if (!live_id.empty()) SetNextTextRole(Role::Status, live_id);
    DescribeText({.name = label.empty() ? amount : app.messages.Format("cart.line_amount", {{"label", label}, {"amount", amount}})});
}

} // namespace

MessageArgs NoteArgs(const TaxNote& note, const PriceFormatter& price)
{
    MessageArgs args;
    for (const auto& [k, v] : note.args) {
        std::string shown = IsAmountArg(k) ? price.FormatYuanDecimal(v) : std::string();
        args.emplace_back(k, shown.empty() ? v : shown);
    }
    return args;
}

MessageArgs LimitArgs(const TaxQuote& q, const PriceFormatter& price)
{
    return {{"single_limit", price.Format(q.single_limit)}, {"annual_limit", price.Format(q.annual_limit)}};
}

void DrawQuoteBreakdown(App& app, const TaxQuote& q, const char* id)
{
    const Messages& m = app.messages;
    const PriceFormatter& price = *app.prices;
    float table_width = std::min(Px(app, 460), ImGui::GetContentRegionAvail().x); // (a phone: the screen's width)
    if (app.rtl) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - table_width);
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit, ImVec2(table_width, 0))) return;
    for (int v = 0; v < 2; v++) {
        int c = VisualColumn(app, v, 2);
        ImGui::TableSetupColumn(c == 0 ? "##label" : "##amount", c == 0 ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed,
                                c == 0 ? 0.0f : std::min(Px(app, 160), table_width * 0.45f));
    }
    AmountRow(app, m.Format("cart.goods"), price.Format(q.goods));
    AmountRow(app, m.Format("cart.freight"), price.Format(q.freight));
    if (q.tariff.fen) AmountRow(app, m.Format("cart.tariff"), price.Format(q.tariff));
    AmountRow(app, m.Format("cart.consumption_tax"), price.Format(q.consumption_tax));
    AmountRow(app, m.Format("cart.vat"), price.Format(q.vat));
    AmountRow(app, m.Format("cart.tax_total"), price.Format(q.tax_total), true, std::string(id) + ".tax_total");
    AmountRow(app, m.Format("cart.to_pay"), price.Format(q.amount_to_pay), true, std::string(id) + ".to_pay");
    std::string approx = ApproximatePrice(app, q.amount_to_pay);
    if (!approx.empty()) AmountRow(app, std::string(), approx);
    ImGui::EndTable();
}

} // namespace bondstore::web
