#include "web/screens/cart.h"

#include "web/app.h"
#include "web/platform/test_hook.h"
#include "web/screens/widgets.h"

#include "core/wire.h"

#include <imgui.h>

namespace bondstore::web {

namespace {

// Core writes amounts in notes as plain yuan ("10.00"); shown here in the shopper's format.
bool IsAmountArg(const std::string& name)
{
    return name == "single_limit" || name == "annual_limit" || name == "threshold" || name == "per_unit" ||
           name == "price_per_unit" || name == "price_per_item";
}

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

// One "label ........ amount" row of the breakdown.
void AmountRow(const std::string& label, const std::string& amount, bool strong = false)
{
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    if (strong) ImGui::TextUnformatted(label.c_str());
    else ImGui::TextDisabled("%s", label.c_str());
    ImGui::TableSetColumnIndex(1);
    AlignRight(amount);
    ImGui::TextUnformatted(amount.c_str());
}

} // namespace

void DrawCart(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const PriceFormatter& price = *app.prices;
    BeginFullScreenWindow("##cart");
    DrawTopBar(app, view);

    if (ImGui::Button(m.Format("cart.back").c_str())) app.screen = Screen::Browse;
    RecordWidget(view, "nav.browse");
    ImGui::SameLine();
    ImGui::TextUnformatted(m.Format("cart.title").c_str());

    if (app.cart.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", m.Format("cart.empty").c_str());
        ImGui::End();
        return;
    }

    const TaxQuote& q = CartQuote(app);
    std::string remove_sku;
    std::string set_sku;
    int64_t set_qty = 0;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("cart", 6, flags)) {
        ImGui::TableSetupColumn(m.Format("cart.col.item").c_str(), ImGuiTableColumnFlags_WidthStretch, 4.0f);
        ImGui::TableSetupColumn(m.Format("cart.col.price").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(m.Format("cart.col.qty").c_str(), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(m.Format("cart.col.total").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(m.Format("cart.col.tax").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < app.cart.lines.size(); i++) {
            const CartLine& line = app.cart.lines[i];
            const Product* p = app.catalog.FindBySku(line.sku);
            ImGui::TableNextRow();
            ImGui::PushID(int(i));
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(p ? p->title.Best(app.locale_chain).c_str() : line.sku.c_str());
            ImGui::TableSetColumnIndex(1);
            if (p) ImGui::TextUnformatted(price.Format(p->price).c_str());
            ImGui::TableSetColumnIndex(2);
            if (ImGui::Button("-")) { set_sku = line.sku; set_qty = line.qty - 1; }
            RecordWidget(view, "qty-." + line.sku);
            ImGui::SameLine();
            ImGui::Text("%lld", static_cast<long long>(line.qty));
            ImGui::SameLine();
            if (ImGui::Button("+")) { set_sku = line.sku; set_qty = line.qty + 1; }
            RecordWidget(view, "qty+." + line.sku);
            // Quote lines follow cart lines one to one when every SKU is in the catalog.
            const LineTax* lt = i < q.lines.size() && q.lines[i].sku == line.sku ? &q.lines[i] : nullptr;
            ImGui::TableSetColumnIndex(3);
            if (lt) { std::string s = price.Format(lt->goods); AlignRight(s); ImGui::TextUnformatted(s.c_str()); }
            ImGui::TableSetColumnIndex(4);
            if (lt && q.accepted()) { std::string s = price.Format(lt->tax()); AlignRight(s); ImGui::TextUnformatted(s.c_str()); }
            ImGui::TableSetColumnIndex(5);
            if (ImGui::SmallButton(m.Format("cart.remove").c_str())) remove_sku = line.sku;
            RecordWidget(view, "remove." + line.sku);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!set_sku.empty()) SetCartQty(app, set_sku, set_qty);
    if (!remove_sku.empty()) SetCartQty(app, remove_sku, 0);

    ImGui::Spacing();
    if (!q.accepted()) {
        // The limit warnings come before any number: the shopper must change the cart first.
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
        ImGui::TextWrapped("%s", m.Format("tax.regime.rejected").c_str());
        ImGui::TextWrapped("%s", m.Format("tax.reason." + q.reason, LimitArgs(q, price)).c_str());
        ImGui::PopStyleColor();
        ImGui::TextDisabled("%s: %s", m.Format("cart.goods").c_str(), price.Format(q.goods).c_str());
    } else {
        ImGui::TextUnformatted(m.Format(std::string("tax.regime.") + RegimeCode(q.regime)).c_str());
        if (ImGui::BeginTable("breakdown", 2, ImGuiTableFlags_SizingFixedFit, ImVec2(420, 0))) {
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 140);
            AmountRow(m.Format("cart.goods"), price.Format(q.goods));
            AmountRow(m.Format("cart.freight"), price.Format(q.freight));
            if (q.tariff.fen) AmountRow(m.Format("cart.tariff"), price.Format(q.tariff));
            AmountRow(m.Format("cart.consumption_tax"), price.Format(q.consumption_tax));
            AmountRow(m.Format("cart.vat"), price.Format(q.vat));
            AmountRow(m.Format("cart.tax_total"), price.Format(q.tax_total), true);
            AmountRow(m.Format("cart.to_pay"), price.Format(q.amount_to_pay), true);
            ImGui::EndTable();
        }
    }
    ImGui::TextDisabled("%s", m.Format("cart.quota_note", LimitArgs(q, price)).c_str());
    ImGui::TextDisabled("%s", m.Format("cart.date", {{"date", FormatIsoDate(q.date)}}).c_str());

    if (q.accepted() && ImGui::CollapsingHeader(m.Format("cart.why").c_str())) {
        for (const TaxNote& n : q.notes) ImGui::TextWrapped("%s", m.Format("tax.note." + n.code, NoteArgs(n, price)).c_str());
        for (const LineTax& lt : q.lines) {
            const Product* p = app.catalog.FindBySku(lt.sku);
            ImGui::BulletText("%s", p ? p->title.Best(app.locale_chain).c_str() : lt.sku.c_str());
            ImGui::Indent();
            for (const TaxNote& n : lt.notes) ImGui::TextWrapped("%s", m.Format("tax.note." + n.code, NoteArgs(n, price)).c_str());
            ImGui::Unindent();
        }
    }
    RecordWidget(view, "cart.why");
    ImGui::End();
}

} // namespace bondstore::web
