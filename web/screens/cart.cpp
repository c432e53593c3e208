#include "web/screens/cart.h"

#include "web/actions/labels.h"
#include "web/actions/shopping.h"
#include "web/platform/test_hook.h"
#include "web/screens/tax_text.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"


#include <imgui.h>

namespace bondstore::web {

namespace {

// A line's quantity to a screen reader, read out when it changes.
void QuantityText(App& app, const CartLine& line)
{
    SetNextTextRole(Role::Status, "cart.qty." + line.sku);
    DescribeText({.name = app.messages.Format("a11y.quantity", {{"qty", line.qty}})});
}

} // namespace

void DrawCart(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const PriceFormatter& price = *app.prices;
    BeginFullScreenWindow("##cart");
    DrawTopBar(app, view);

    if (BackButton(app, view, "cart.back", "nav.browse")) app.screen = Screen::Browse;
    SetNextTextRole(Role::Heading, "cart.title", 1);
    Label(app, m.Format("cart.title"));

    if (app.cart.empty()) {
        ImGui::Spacing();
        Label(app, m.Format("cart.empty"), Tone::Disabled);
        ImGui::End();
        return;
    }

    const TaxQuote& q = CartQuote(app);
    std::string remove_sku;
    std::string set_sku;
    int64_t set_qty = 0;
    enum { kItem, kPrice, kQty, kTotal, kTax, kRemove, kColumns };
    static const char* const headers[kColumns] = {"cart.col.item", "cart.col.price", "cart.col.qty",
                                                  "cart.col.total", "cart.col.tax", nullptr};
    static const float weights[kColumns] = {4.0f, 1.2f, 0.0f, 1.2f, 1.2f, 0.0f};
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    // Square on a kiosk: a touch target however narrow the sign.
    const ImVec2 qty_button(app.display.touch ? Px(app, kTouchTarget) : 0, 0);
    // A phone's screen (a cart handed off from a kiosk) is too narrow for six columns: each line is
    // a block instead — its name, then price and quantity, then its goods and tax.
    const bool narrow = ImGui::GetContentRegionAvail().x < Px(app, 600);
    for (size_t i = 0; narrow && i < app.cart.lines.size(); i++) {
        const CartLine& line = app.cart.lines[i];
        const Product* p = app.catalog.FindBySku(line.sku);
        const LineTax* lt = i < q.lines.size() && q.lines[i].sku == line.sku ? &q.lines[i] : nullptr;
        ImGui::PushID(int(i));
        ImGui::Separator();
        const std::string title = p ? ProductTitle(app, *p) : line.sku;
        Paragraph(app, title);
        if (p) Label(app, price.Format(p->price), Tone::Disabled);
        if (ImGui::Button("-", qty_button)) { set_sku = line.sku; set_qty = line.qty - 1; }
        RecordWidget(view, "qty-." + line.sku, {.role = Role::Button, .name = m.Format("a11y.fewer", {{"product", title}})});
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m.Format("cart.qty_value", {{"qty", line.qty}}).c_str());
        QuantityText(app, line);
        ImGui::SameLine();
        if (ImGui::Button("+", qty_button)) { set_sku = line.sku; set_qty = line.qty + 1; }
        RecordWidget(view, "qty+." + line.sku, {.role = Role::Button, .name = m.Format("a11y.more", {{"product", title}})});
        std::string remove = Shown(app, m.Format("cart.remove"));
        SameLineIfFits(remove);
        if (RowButton(app, remove.c_str())) remove_sku = line.sku;
        RecordWidget(view, "remove." + line.sku, {.role = Role::Button, .name = m.Format("a11y.remove_product", {{"product", title}})});
        if (lt) Label(app, m.Format("cart.line_amount", {{"label", m.Format("cart.col.total")}, {"amount", price.Format(lt->goods)}}));
        if (lt && q.accepted())
            Label(app, m.Format("cart.line_amount", {{"label", m.Format("cart.col.tax")}, {"amount", price.Format(lt->tax())}}), Tone::Disabled);
        ImGui::PopID();
    }
    if (!narrow && ImGui::BeginTable(app.rtl ? "cart_rtl" : "cart", kColumns, flags)) { // widths are per id: see browse.cpp
        for (int v = 0; v < kColumns; v++) {
            int c = VisualColumn(app, v, kColumns);
            std::string header = (headers[c] ? Shown(app, m.Format(headers[c])) : std::string()) + "##" + std::to_string(c);
            bool fixed = c == kQty || c == kRemove;
            ImGui::TableSetupColumn(header.c_str(), fixed ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                                    weights[c]);
        }
        TableHeaders(app);
        for (size_t i = 0; i < app.cart.lines.size(); i++) {
            const CartLine& line = app.cart.lines[i];
            const Product* p = app.catalog.FindBySku(line.sku);
            ImGui::TableNextRow();
            ImGui::PushID(int(i));
            ImGui::TableSetColumnIndex(VisualColumn(app, kItem, kColumns));
            const std::string title = p ? ProductTitle(app, *p) : line.sku;
            Label(app, title);
            if (p && !p->origin_iso.empty())
                Label(app, m.Format("product.made_in", {{"country", CountryLabel(app, p->origin_iso)}}), Tone::Disabled);
            ImGui::TableSetColumnIndex(VisualColumn(app, kPrice, kColumns));
            if (p) {
                LabelAtEnd(app, price.Format(p->price));
                std::string approx = ApproximatePrice(app, p->price);
                if (!approx.empty()) LabelAtEnd(app, approx, Tone::Disabled);
            }
            ImGui::TableSetColumnIndex(VisualColumn(app, kQty, kColumns));
            if (ImGui::Button("-", qty_button)) { set_sku = line.sku; set_qty = line.qty - 1; }
            RecordWidget(view, "qty-." + line.sku, {.role = Role::Button, .name = m.Format("a11y.fewer", {{"product", title}})});
            ImGui::SameLine();
            ImGui::TextUnformatted(m.Format("cart.qty_value", {{"qty", line.qty}}).c_str());
            QuantityText(app, line);
            ImGui::SameLine();
            if (ImGui::Button("+", qty_button)) { set_sku = line.sku; set_qty = line.qty + 1; }
            RecordWidget(view, "qty+." + line.sku, {.role = Role::Button, .name = m.Format("a11y.more", {{"product", title}})});
            // Quote lines follow cart lines one to one when every SKU is in the catalog.
            const LineTax* lt = i < q.lines.size() && q.lines[i].sku == line.sku ? &q.lines[i] : nullptr;
            ImGui::TableSetColumnIndex(VisualColumn(app, kTotal, kColumns));
            if (lt) LabelAtEnd(app, price.Format(lt->goods));
            ImGui::TableSetColumnIndex(VisualColumn(app, kTax, kColumns));
            if (lt && q.accepted()) LabelAtEnd(app, price.Format(lt->tax()));
            ImGui::TableSetColumnIndex(VisualColumn(app, kRemove, kColumns));
            if (RowButton(app, Shown(app, m.Format("cart.remove")).c_str())) remove_sku = line.sku;
            RecordWidget(view, "remove." + line.sku, {.role = Role::Button, .name = m.Format("a11y.remove_product", {{"product", title}})});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!set_sku.empty()) SetCartQty(app, set_sku, set_qty);
    if (!remove_sku.empty()) SetCartQty(app, remove_sku, 0);

    ImGui::Spacing();
    if (!q.accepted()) {
        // The limit warnings come before any number: the shopper must change the cart first.
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
        SetNextTextRole(Role::Alert, "cart.rejected");
        Paragraph(app, m.Format("tax.regime.rejected"));
        SetNextTextRole(Role::Alert, "cart.reason");
        Paragraph(app, m.Format("tax.reason." + q.reason, LimitArgs(q, price)));
        ImGui::PopStyleColor();
        Label(app, m.Format("cart.line_amount", {{"label", m.Format("cart.goods")}, {"amount", price.Format(q.goods)}}), Tone::Disabled);
    } else {
        Label(app, m.Format(std::string("tax.regime.") + RegimeCode(q.regime)));
        DrawQuoteBreakdown(app, q, app.rtl ? "breakdown_rtl" : "breakdown");
    }
    // One bonded warehouse ships an order (core's rule, the server's too): a cart no warehouse can
    // fill says so here, not after the shopper has typed their ID number.
    std::optional<Fulfilment> fulfilment = CartFulfilment(app);
    const bool ships = !fulfilment || fulfilment->ok();
    if (!ships) {
        std::string items;
        for (const std::string& sku : fulfilment->short_skus) {
            const Product* p = app.catalog.FindBySku(sku);
            items += (items.empty() ? "" : ", ") + (p ? ProductTitle(app, *p) : sku);
        }
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
        SetNextTextRole(Role::Alert, "cart.cannot_ship");
        Paragraph(app, m.Format(fulfilment->split ? "cart.split_warehouses" : "checkout.out_of_stock", {{"items", items}}));
        RecordRect(view, "cart.cannot_ship");
        ImGui::PopStyleColor();
    }
    if (q.accepted() && ships) {
        if (PrimaryButton(app, Shown(app, m.Format("cart.checkout")).c_str())) app.screen = Screen::Checkout;
        RecordWidget(view, "cart.checkout", {.role = Role::Button, .name = m.Format("cart.checkout")});
        SameLineIfFits(Shown(app, m.Format("cart.handoff")));
    }
    // The same cart on the shopper's own phone (a QR code): their ID number never touches a kiosk.
    if (ImGui::Button(Shown(app, m.Format("cart.handoff")).c_str())) app.handoff_open = true;
    RecordWidget(view, "cart.handoff", {.role = Role::Button, .name = m.Format("cart.handoff")});
    Paragraph(app, m.Format("cart.quota_note", LimitArgs(q, price)), Tone::Disabled);
    Label(app, m.Format("cart.date", {{"date", DateLabel(app, q.date)}}), Tone::Disabled);

    const bool why = q.accepted() && ImGui::CollapsingHeader(Shown(app, m.Format("cart.why")).c_str());
    if (q.accepted()) RecordWidget(view, "cart.why", {.role = Role::Disclosure, .name = m.Format("cart.why"), .on = why});
    if (why) {
        for (const TaxNote& n : q.notes) Paragraph(app, m.Format("tax.note." + n.code, NoteArgs(n, price)));
        for (const LineTax& lt : q.lines) {
            const Product* p = app.catalog.FindBySku(lt.sku);
            ImGui::Separator();
            Label(app, p ? ProductTitle(app, *p) : lt.sku);
            ImGui::Indent();
            for (const TaxNote& n : lt.notes) Paragraph(app, m.Format("tax.note." + n.code, NoteArgs(n, price)));
            ImGui::Unindent();
        }
    }
    ImGui::End();
}

} // namespace bondstore::web
