#include "web/screens/product.h"

#include "web/actions/labels.h"
#include "web/actions/ordering.h"
#include "web/actions/shopping.h"
#include "web/platform/images.h"
#include "web/platform/test_hook.h"
#include "web/screens/tax_text.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/cart/cart.h"
#include "core/i18n/i18n_bundle.h"
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

// The product's first picture, fitted into a `side` square: a quiet box while it loads, and a
// word if it cannot be shown.
void DrawPicture(App& app, TestView& view, const std::string& url, float side)
{
    const ShownImage& image = ImageAt(url);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    RecordWidget(view, "product.image");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 end(at.x + side, at.y + side);
    if (image.state == ShownImage::State::Ready && image.width > 0 && image.height > 0) {
        float k = std::min(side / float(image.width), side / float(image.height));
        ImVec2 size(image.width * k, image.height * k);
        ImVec2 min(at.x + (side - size.x) / 2, at.y + (side - size.y) / 2);
        draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(image.texture)), min, ImVec2(min.x + size.x, min.y + size.y));
        view.product_image = "ready";
        view.product_image_size[0] = image.width;
        view.product_image_size[1] = image.height;
        return;
    }
    draw->AddRectFilled(at, end, ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
    view.product_image = image.state == ShownImage::State::Loading ? "loading" : "failed";
    if (image.state == ShownImage::State::Failed) {
        std::string text = Shown(app, app.messages.Format("product.no_image"));
        ImVec2 t = ImGui::CalcTextSize(text.c_str());
        draw->AddText(ImVec2(at.x + (side - t.x) / 2, at.y + (side - t.y) / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), text.c_str());
    }
}

} // namespace

void DrawProduct(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const PriceFormatter& price = *app.prices;
    BeginFullScreenWindow("##product");
    DrawTopBar(app, view);
    if (ImGui::Button(Shown(app, m.Format("product.back")).c_str())) app.screen = Screen::Browse;
    RecordWidget(view, "product.back");
    const Product* p = app.catalog.FindBySku(app.product_sku);
    if (!p) { // gone from a newer catalog
        app.screen = Screen::Browse;
        ImGui::End();
        return;
    }
    ImGui::BeginChild("##product_body");
    // The picture beside the facts; above them on a narrow screen, or right to left.
    view.product_image = "none";
    const float side = Px(app, 220);
    const bool beside = !p->images.empty() && !app.rtl && ImGui::GetContentRegionAvail().x >= side * 2.5f;
    if (!p->images.empty()) {
        if (app.rtl) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - side);
        DrawPicture(app, view, p->images.front(), side);
        if (beside) {
            ImGui::SameLine();
            ImGui::BeginGroup();
        }
    }
    ImGui::SetWindowFontScale(1.35f);
    Paragraph(app, ProductTitle(app, *p));
    ImGui::SetWindowFontScale(1.0f);
    std::string facts = p->brand;
    for (const std::string& fact : {ProductSize(app, *p), CategoryLabel(app, p->category),
                                    p->origin_iso.empty() ? std::string() : m.Format("product.made_in", {{"country", CountryLabel(app, p->origin_iso)}})})
        if (!fact.empty()) facts += (facts.empty() ? "" : " · ") + fact;
    Label(app, facts, Tone::Disabled);
    ImGui::Spacing();
    ImGui::SetWindowFontScale(1.25f);
    Label(app, price.Format(p->price));
    ImGui::SetWindowFontScale(1.0f);
    std::string approx = ApproximatePrice(app, p->price);
    if (!approx.empty()) Label(app, approx, Tone::Disabled);

    // Bonded stock.
    int64_t available = Available(app, p->sku);
    const SkuAvailability* stock = nullptr;
    for (const SkuAvailability& a : app.inventory)
        if (a.sku == p->sku) stock = &a;
    if (available >= 0) {
        std::string level = available == 0 ? m.Format("inventory.out")
                          : available <= kLowStock ? m.Format("inventory.low", {{"count", available}})
                                                   : m.Format("inventory.in_stock");
        std::string where = WarehouseNames(app, stock);
        Label(app, where.empty() ? level : m.Format("product.stock_at", {{"stock", level}, {"warehouses", where}}),
              available == 0 ? Tone::Disabled : Tone::Normal);
    }
    ImGui::BeginDisabled(available == 0);
    if (ImGui::Button(Shown(app, m.Format("product.add")).c_str(), ImVec2(Px(app, 240), 0))) AddToCart(app, p->sku);
    ImGui::EndDisabled();
    RecordWidget(view, "product.add");
    int64_t in_cart = 0;
    for (const CartLine& l : app.cart.lines)
        if (l.sku == p->sku) in_cart = l.qty;
    if (in_cart > 0) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        Label(app, m.Format("product.in_cart", {{"count", in_cart}}), Tone::Disabled);
    }
    if (beside) ImGui::EndGroup();

    std::string description(ChooseText(p->description, {}, app.locale_chain).text);
    view.product_description = description;
    if (!description.empty()) {
        ImGui::Spacing();
        Paragraph(app, description);
    }

    // The tax on one, quoted by core from today's rules.
    ImGui::Spacing();
    ImGui::Separator();
    Label(app, m.Format("product.tax_title"));
    // Quoted once per product, date and catalog, not every frame.
    std::string key = p->sku + ' ' + FormatIsoDate(app.today) + ' ' + std::to_string(app.catalog.version);
    if (key != app.product_quote_key) {
        QuoteRequest request;
        request.date = app.today;
        FillQuoteLines(app.catalog, {CartLine{p->sku, 1}}, &request.lines);
        app.product_quote = Quote(request, app.tax_table);
        app.product_quote_key = key;
        view.product_quote_json = TaxQuoteToJson(app.product_quote);
    }
    const TaxQuote& q = app.product_quote;
    if (!q.accepted()) {
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
        Paragraph(app, m.Format("tax.regime.rejected"));
        Paragraph(app, m.Format("tax.reason." + q.reason, LimitArgs(q, price)));
        ImGui::PopStyleColor();
    } else {
        Label(app, m.Format(std::string("tax.regime.") + RegimeCode(q.regime)));
        DrawQuoteBreakdown(app, q, app.rtl ? "one_rtl" : "one");
        for (const TaxNote& n : q.notes) Paragraph(app, m.Format("tax.note." + n.code, NoteArgs(n, price)), Tone::Disabled);
        for (const LineTax& lt : q.lines)
            for (const TaxNote& n : lt.notes) Paragraph(app, m.Format("tax.note." + n.code, NoteArgs(n, price)), Tone::Disabled);
    }
    Paragraph(app, m.Format("cart.quota_note", LimitArgs(q, price)), Tone::Disabled);
    ImGui::EndChild();
    view.product_sku = p->sku;
    ImGui::End();
}

} // namespace bondstore::web
