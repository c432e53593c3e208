#include "web/screens/product.h"

#include "web/actions/labels.h"
#include "web/actions/ordering.h"
#include "web/actions/shopping.h"
#include "web/platform/test_hook.h"
#include "web/screens/product_gallery.h"
#include "web/screens/tax_text.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/cart/cart.h"
#include "core/catalog/picture_sizes.h"
#include "core/i18n/i18n_bundle.h"
#include "core/storefront/experience_store.h"
#include "core/wire/tax_json.h"

#include <imgui.h>

#include <algorithm>
#include <cstdint>

namespace bondstore::web {

namespace {

// The bonded warehouses holding it, by name in the shopper's language.
std::string WarehouseNames(const App& app, const SkuAvailability* stock)
{
    std::string names;
    if (!stock) return names;
    for (const auto& [code, available] : stock->warehouses) {
        if (available <= 0) continue;
        std::string name = code;
        for (const Warehouse& w : app.catalog.warehouses)
            if (w.code == code) name = std::string(ChooseText(w.name, {}, app.locale_chain).text);
        names += (names.empty() ? "" : ", ") + name;
    }
    return names;
}

// The tax on one, quoted by core from today's rules: once per product, date and catalog, not every frame.
const TaxQuote& ProductQuote(App& app, TestView& view, const Product& p)
{
    std::string key = p.sku + ' ' + FormatIsoDate(app.today) + ' ' + std::to_string(app.catalog.version);
    if (key != app.product_quote_key) {
        QuoteRequest request;
        request.date = app.today;
        FillQuoteLines(app.catalog, {CartLine{p.sku, 1}}, &request.lines);
        app.product_quote = Quote(request, app.tax_table);
        app.product_quote_key = key;
        view.product_quote_json = TaxQuoteToJson(app.product_quote);
    }
    return app.product_quote;
}

// The tax in one line, and how it is worked out folded under it.
void DrawTax(App& app, TestView& view, const Product& p)
{
    const Messages& m = app.messages;
    const PriceFormatter& price = *app.prices;
    const TaxQuote& q = ProductQuote(app, view, p);
    if (!q.accepted()) {
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
        Paragraph(app, m.Format("tax.regime.rejected"));
        Paragraph(app, m.Format("tax.reason." + q.reason, LimitArgs(q, price)));
        ImGui::PopStyleColor();
        return;
    }
    Paragraph(app, m.Format("product.tax_line", {{"tax", price.Format(q.tax_total)}, {"total", price.Format(q.amount_to_pay)}}));
    const bool open = ImGui::CollapsingHeader((Shown(app, m.Format("product.tax_details")) + "##tax_details").c_str());
    RecordWidget(view, "product.tax_details", {.role = Role::Disclosure, .name = m.Format("product.tax_details"), .on = open});
    if (open) {
        Label(app, m.Format(std::string("tax.regime.") + RegimeCode(q.regime)));
        DrawQuoteBreakdown(app, q, app.rtl ? "one_rtl" : "one");
        for (const TaxNote& n : q.notes) Paragraph(app, m.Format("tax.note." + n.code, NoteArgs(n, price)), Tone::Disabled);
        for (const LineTax& lt : q.lines)
            for (const TaxNote& n : lt.notes) Paragraph(app, m.Format("tax.note." + n.code, NoteArgs(n, price)), Tone::Disabled);
        Paragraph(app, m.Format("cart.quota_note", LimitArgs(q, price)), Tone::Disabled);
    }
}

// Stock, where it is, when it would arrive; the quantity and "add to cart".
void DrawBuying(App& app, TestView& view, const Product& p)
{
    const Messages& m = app.messages;
    int64_t available = Available(app, p.sku);
    const SkuAvailability* stock = nullptr;
    for (const SkuAvailability& a : app.inventory)
        if (a.sku == p.sku) stock = &a;
    if (available >= 0) {
        std::string level = available == 0 ? m.Format("inventory.out")
                          : available <= kLowStock ? m.Format("inventory.low", {{"count", available}})
                                                   : m.Format("inventory.in_stock");
        std::string where = WarehouseNames(app, stock);
        if (available <= kLowStock) ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Warning));
        Paragraph(app, where.empty() ? level : m.Format("product.stock_at", {{"stock", level}, {"warehouses", where}}));
        if (available <= kLowStock) ImGui::PopStyleColor();
    }
    // The experience stores that have it on their shelves (display samples, never sold): on a
    // kiosk, its own store first of all.
    std::vector<const ExperienceStore*> showing = StoresShowing(app.stores.stores, app.stores.samples, p.sku);
    bool here = false;
    for (const ExperienceStore* s : showing) here |= app.kiosk.on && !app.kiosk.store.empty() && s->id == app.kiosk.store;
    const std::string on_display = OnDisplayLine(m, app.locale_chain, showing, here);
    if (!on_display.empty()) Paragraph(app, on_display);
    if (app.brand.delivery_max_days > 0)
        Paragraph(app, m.Format("product.delivery", {{"min", int64_t(app.brand.delivery_min_days)}, {"max", int64_t(app.brand.delivery_max_days)}}),
                  Tone::Disabled);
    ImGui::Spacing();

    // − quantity +, then the button; mirrored right to left.
    ProductPageState& page = app.product_page;
    const int64_t most = available > 0 ? available : 1;
    page.qty = std::clamp<int64_t>(page.qty, 1, std::max<int64_t>(1, most));
    const float step = ImGui::GetFrameHeight();
    std::string qty = Shown(app, m.Format("cart.qty_value", {{"qty", page.qty}}));
    const float qty_w = std::max(ImGui::CalcTextSize(qty.c_str()).x, step);
    std::string add = Shown(app, m.Format("product.add"));
    const float add_w = std::max(Px(app, 200), ImGui::CalcTextSize(add.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
    auto minus = [&] {
        ImGui::PushID("qty_minus");
        ImGui::BeginDisabled(page.qty <= 1);
        if (ImGui::Button("-", ImVec2(step, step))) page.qty--;
        ImGui::EndDisabled();
        ImGui::PopID();
        RecordWidget(view, "product.qty_minus", {.role = Role::Button, .name = m.Format("a11y.fewer", {{"product", ProductTitle(app, p)}})});
    };
    auto number = [&] {
        // Centred in a box as wide as a step button, so the buttons do not move as it grows.
        float x = ImGui::GetCursorPosX(), w = ImGui::CalcTextSize(qty.c_str()).x;
        ImGui::SetCursorPosX(x + (qty_w - w) / 2);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(qty.c_str());
        SetNextTextRole(Role::Status, "product.qty");
        DescribeText({.name = m.Format("a11y.quantity", {{"qty", page.qty}})});
        ImGui::SameLine();
        ImGui::SetCursorPosX(x + qty_w + ImGui::GetStyle().ItemSpacing.x);
        ImGui::Dummy(ImVec2(0, step));
    };
    auto plus = [&] {
        ImGui::PushID("qty_plus");
        ImGui::BeginDisabled(available >= 0 && page.qty >= most);
        if (ImGui::Button("+", ImVec2(step, step))) page.qty++;
        ImGui::EndDisabled();
        ImGui::PopID();
        RecordWidget(view, "product.qty_plus", {.role = Role::Button, .name = m.Format("a11y.more", {{"product", ProductTitle(app, p)}})});
    };
    auto button = [&] {
        ImGui::BeginDisabled(available == 0);
        if (PrimaryButton(app, add.c_str(), ImVec2(add_w, 0))) AddToCart(app, p.sku, page.qty);
        ImGui::EndDisabled();
        RecordWidget(view, "product.add", {.role = Role::Button, .name = m.Format("product.add")});
    };
    const float row = step * 2 + qty_w + add_w + ImGui::GetStyle().ItemSpacing.x * 4;
    if (app.rtl) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - row));
    if (app.rtl) { button(); ImGui::SameLine(); plus(); ImGui::SameLine(); number(); ImGui::SameLine(); minus(); }
    else { minus(); ImGui::SameLine(); number(); ImGui::SameLine(); plus(); ImGui::SameLine(); button(); }
    int64_t in_cart = 0;
    for (const CartLine& l : app.cart.lines)
        if (l.sku == p.sku) in_cart = l.qty;
    if (in_cart > 0) {
        SetNextTextRole(Role::Status, "product.in_cart"); // (read out when "add to cart" is pressed)
        Label(app, m.Format("product.in_cart", {{"count", in_cart}}), Tone::Disabled);
    }
}

// Up to eight others of the same category (of the products loaded), as small cards in a row that
// scrolls sideways: a tap opens one.
void DrawRelated(App& app, TestView& view, const Product& p)
{
    view.product_related.clear();
    std::vector<const Product*> related;
    for (const Product& o : app.catalog.products)
        if (o.category == p.category && o.sku != p.sku && related.size() < 8) related.push_back(&o);
    if (related.empty()) return;
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::SetWindowFontScale(1.15f);
    SetNextTextRole(Role::Heading, "product.related", 2);
    Label(app, app.messages.Format("product.related", {{"category", CategoryLabel(app, p.category)}}));
    ImGui::SetWindowFontScale(1.0f);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float card = Px(app, app.display.touch ? 170 : 150), line = ImGui::GetTextLineHeightWithSpacing();
    const float height = card + style.ItemSpacing.y + line * 3 + style.ScrollbarSize + style.ItemSpacing.y;
    ImGui::BeginChild("##related", ImVec2(0, height), false, ImGuiWindowFlags_HorizontalScrollbar);
    if (app.rtl && ImGui::IsWindowAppearing()) ImGui::SetScrollX(1e6f);
    if (app.rtl) std::reverse(related.begin(), related.end());
    for (size_t k = 0; k < related.size(); k++) {
        const Product& o = *related[k];
        if (k) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushID(o.sku.c_str());
        ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##related", ImVec2(card, card + style.ItemSpacing.y + line * 3))) OpenProduct(app, o.sku);
        RecordWidget(view, "related." + o.sku, {.role = Role::Link, .name = ProductTitle(app, o), .value = ProductAddress(app, o.sku)});
        if (!o.images.empty()) DrawFittedPicture(app, o.images.front(), at.x, at.y, at.x + card, at.y + card);
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + card + style.ItemSpacing.y));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card);
        ImGui::BeginChild("##related_text", ImVec2(card, line * 3), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoInputs);
        ClampedParagraph(app, ProductTitle(app, o), 2);
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Accent));
        Label(app, app.prices->Format(o.price));
        ImGui::PopStyleColor();
        ImGui::EndChild();
        ImGui::PopTextWrapPos();
        ImGui::PopID();
        ImGui::EndGroup();
        view.product_related.push_back(o.sku);
    }
    ImGui::EndChild();
}

} // namespace

void DrawProduct(App& app, TestView& view)
{
    const Messages& m = app.messages;
    BeginFullScreenWindow("##product");
    DrawTopBar(app, view);
    if (BackButton(app, view, "product.back", "product.back")) app.screen = Screen::Browse;
    const Product* p = app.catalog.FindBySku(app.product_sku);
    if (!p) { // gone from a newer catalog
        app.screen = Screen::Browse;
        ImGui::End();
        return;
    }
    ImGui::BeginChild("##product_body");
    // The pictures beside the facts on a wide screen (mirrored right to left), above them on a narrow one.
    const float avail = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
    const bool beside = avail >= Px(app, 720);
    const float side = beside ? std::min(avail * 0.42f, Px(app, 440)) : std::min(avail, Px(app, 380));
    bool in_table = false;
    if (beside && !p->images.empty()) {
        in_table = ImGui::BeginTable(app.rtl ? "##product_rtl" : "##product_ltr", 2, ImGuiTableFlags_SizingFixedFit);
        if (in_table) {
            ImGui::TableSetupColumn("##a", app.rtl ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed, app.rtl ? 0 : side);
            ImGui::TableSetupColumn("##b", app.rtl ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch, app.rtl ? side : 0);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(app.rtl ? 1 : 0);
        }
    } else if (app.rtl || !beside) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - side) / 2));
    }
    DrawGallery(app, view, *p, side);
    if (in_table) ImGui::TableSetColumnIndex(app.rtl ? 0 : 1);

    ImGui::SetWindowFontScale(1.35f);
    SetNextTextRole(Role::Heading, "product.title", 1);
    Paragraph(app, ProductTitle(app, *p));
    ImGui::SetWindowFontScale(1.0f);
    std::string facts = p->brand;
    for (const std::string& fact : {ProductSize(app, *p), CategoryLabel(app, p->category),
                                    p->origin_iso.empty() ? std::string() : m.Format("product.made_in", {{"country", CountryLabel(app, p->origin_iso)}})})
        if (!fact.empty()) facts += (facts.empty() ? "" : " · ") + fact;
    Label(app, facts, Tone::Disabled);
    ImGui::Spacing();
    ImGui::SetWindowFontScale(1.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Accent));
    Label(app, app.prices->Format(p->price));
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
    std::string approx = ApproximatePrice(app, p->price);
    if (!approx.empty()) Label(app, approx, Tone::Disabled);
    DrawTax(app, view, *p);
    ImGui::Spacing();
    DrawBuying(app, view, *p);
    if (in_table) ImGui::EndTable();

    std::string description(ChooseText(p->description, {}, app.locale_chain).text);
    view.product_description = description;
    if (!description.empty()) {
        ImGui::Spacing();
        Paragraph(app, description);
    }
    DrawRelated(app, view, *p);
    ImGui::EndChild();
    view.product_sku = p->sku;
    ImGui::End();
    DrawZoomedPicture(app, view, *p);
}

} // namespace bondstore::web
