#include "web/screens/product_grid.h"

#include "web/actions/labels.h"
#include "web/actions/ordering.h"
#include "web/actions/shopping.h"
#include "web/platform/accessibility.h"
#include "web/platform/images.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/catalog/picture_sizes.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>

namespace bondstore::web {

namespace {

// The narrowest a card may be, CSS pixels: a name's two lines and a price must fit.
float MinCardWidth(const App& app) { return app.display.touch ? 220.0f : 190.0f; }

// One line at the card's reading start: the flag, then "Brand · Country" (mirrored right to left).
void OriginLine(App& app, const std::string& text, const std::string& iso)
{
    const float line = ImGui::GetTextLineHeight(), flag_h = line * 0.75f, flag_w = flag_h * 4 / 3;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    std::string shown = Shown(app, text);
    const std::string url = FlagUrl(iso);
    const float gap = url.empty() ? 0 : ImGui::GetStyle().ItemInnerSpacing.x;
    const float flag_space = url.empty() ? 0 : flag_w + gap;
    // A long brand and country ("Aptamil · Germany" on a phone) is made smaller, down to 3/4, before it is cut.
    float text_w = ImGui::CalcTextSize(shown.c_str()).x, font_size = ImGui::GetFontSize();
    if (text_w > width - flag_space && text_w > 0) {
        const float scale = std::max(0.75f, (width - flag_space) / text_w);
        font_size *= scale;
        text_w *= scale;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float flag_x = app.rtl ? at.x + width - flag_w : at.x;
    float text_x = app.rtl ? std::max(at.x, at.x + width - flag_space - text_w) : at.x + flag_space;
    if (!url.empty()) {
        const ShownImage& flag = ImageAt(url);
        ImVec2 min(flag_x, at.y + (line - flag_h) / 2), max(flag_x + flag_w, at.y + (line + flag_h) / 2);
        if (flag.state == ShownImage::State::Ready) draw->AddImage(TextureOf(flag.texture), min, max);
        else draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_Border));
    }
    ImVec4 clip(at.x, at.y, at.x + width, at.y + line);
    draw->AddText(ImGui::GetFont(), font_size, ImVec2(text_x, at.y + (line - font_size * line / ImGui::GetFontSize()) / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), shown.c_str(),
                  nullptr, 0, &clip);
    ImGui::Dummy(ImVec2(width, line));
    DescribeText({.name = text});
}

} // namespace

void DrawProductGrid(App& app, TestView& view, const SearchResult& r, size_t* wanted)
{
    const Messages& m = app.messages;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = Px(app, app.display.touch ? 14 : 12), inner = Px(app, 10);
    const float avail = ImGui::GetContentRegionAvail().x - style.ScrollbarSize;
    const int columns = std::max(2, int((avail + gap) / (Px(app, MinCardWidth(app)) + gap)));
    const int count = int(r.total), rows = (count + columns - 1) / columns;

    // The card's height, from what it holds (every card the same, so the clipper can skip rows).
    const float card_w = (avail - gap * float(columns)) / float(columns) - inner * 2;
    const float picture_h = std::floor(card_w * 0.8f);
    const float line = ImGui::GetTextLineHeightWithSpacing(), price_scale = 1.2f;
    const float card_h = picture_h + style.ItemSpacing.y + line * 2 /* name */ + line /* origin */ +
                         ImGui::GetFontSize() * price_scale + style.ItemSpacing.y + line /* with tax */ + line /* stock */ +
                         ImGui::GetFrameHeight();
    const float row_h = card_h + inner * 2 + gap;

    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(gap / 2 + inner, gap / 2 + inner));
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable(app.rtl ? "##cards_rtl" : "##cards", columns, flags)) {
        if (app.browse.scroll_to_top) {
            ImGui::SetScrollY(0);
            app.browse.scroll_to_top = false;
        }
        ImGuiListClipper clipper;
        clipper.Begin(rows, row_h);
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; row++) {
                ImGui::TableNextRow(0, row_h);
                for (int k = 0; k < columns; k++) {
                    const int i = row * columns + k;
                    if (i >= count) break;
                    ImGui::TableSetColumnIndex(VisualColumn(app, k, columns));
                    if (size_t(i) >= r.hits.size()) {
                        *wanted = std::max(*wanted, size_t(i) + 1);
                        continue;
                    }
                    const Product& p = app.catalog.products[r.hits[size_t(i)]];
                    ImGui::PushID(i);
                    const ImVec2 at = ImGui::GetCursorScreenPos();
                    const float w = ImGui::GetContentRegionAvail().x;
                    ImDrawList* draw = ImGui::GetWindowDrawList();
                    const ImVec2 bg_min(at.x - inner, at.y - inner), bg_max(at.x + w + inner, at.y + card_h + inner);
                    draw->AddRectFilled(bg_min, bg_max, ImGui::GetColorU32(SurfaceColor(app)), style.FrameRounding + Px(app, 2));
                    draw->AddRect(bg_min, bg_max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding + Px(app, 2));

                    // The picture and the name open the product's page.
                    const float name_h = line * 2;
                    if (ImGui::InvisibleButton("##open", ImVec2(w, picture_h + style.ItemSpacing.y + name_h))) OpenProduct(app, p.sku);
                    std::string title = ProductTitle(app, p);
                    RecordWidget(view, "open." + p.sku, {.role = Role::Link, .name = title, .value = ProductAddress(app, p.sku)});
                    const bool hovered = ImGui::IsItemHovered();
                    if (!p.images.empty()) DrawFittedPicture(app, p.images.front(), at.x, at.y, at.x + w, at.y + picture_h);
                    else draw->AddRectFilled(at, ImVec2(at.x + w, at.y + picture_h), ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
                    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + picture_h + style.ItemSpacing.y));
                    if (hovered) ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Accent));
                    ClampedParagraph(app, title, 2);
                    if (hovered) ImGui::PopStyleColor();

                    std::string country = p.origin_iso.empty() ? std::string() : CountryLabel(app, p.origin_iso);
                    std::string origin = p.brand;
                    if (!country.empty()) origin += (origin.empty() ? "" : " · ") + country;
                    OriginLine(app, origin, p.origin_iso);

                    std::string price = app.prices->Format(p.price);
                    ImGui::SetWindowFontScale(price_scale);
                    ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Accent));
                    Label(app, price);
                    ImGui::PopStyleColor();
                    ImGui::SetWindowFontScale(1.0f);
                    int64_t with_tax = PriceWithTax(app, p.sku);
                    std::string with_tax_text = with_tax < 0 ? std::string() : m.Format("card.with_tax", {{"amount", app.prices->Format(Money{with_tax})}});
                    FittedLabel(app, with_tax_text, Tone::Disabled);

                    int64_t available = Available(app, p.sku);
                    std::string stock = available < 0 ? std::string()
                                      : available == 0 ? m.Format("inventory.out")
                                      : available <= kLowStock ? m.Format("inventory.low", {{"count", available}})
                                                               : m.Format("inventory.in_stock");
                    if (available == 0 || (available > 0 && available <= kLowStock)) ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Warning));
                    else ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
                    Label(app, stock);
                    ImGui::PopStyleColor();

                    ImGui::BeginDisabled(available == 0);
                    if (PrimaryButton(app, Shown(app, m.Format("browse.add")).c_str(), ImVec2(w, 0))) AddToCart(app, p.sku);
                    ImGui::EndDisabled();
                    RecordWidget(view, "add." + p.sku, {.role = Role::Button, .name = m.Format("a11y.add_product", {{"product", title}})});
                    ImGui::PopID();

                    if (i < 3) {
                        // The same cells the list view reports, in the same order.
                        view.first_rows.push_back({title, p.brand, ProductSize(app, p), country, stock, price, p.sku});
                        std::string approx = ApproximatePrice(app, p.price);
                        if (!approx.empty()) view.first_rows.back().push_back(approx);
                        view.card_with_tax.push_back(with_tax_text);
                    }
                }
            }
        }
        view.list_scroll = ImGui::GetScrollY() / view.dpr;
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

} // namespace bondstore::web
