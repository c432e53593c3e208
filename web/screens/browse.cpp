#include "web/screens/browse.h"

#include "web/actions/labels.h"
#include "web/actions/ordering.h"
#include "web/actions/shopping.h"
#include "web/actions/settings.h"
#include "web/platform/test_hook.h"
#include "web/screens/product_grid.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"

#include "core/i18n/i18n_bundle.h"

#include <imgui.h>

#include <algorithm>
#include <functional>

namespace bondstore::web {

namespace {

std::string BandName(const App& app, int band)
{
    std::string low = app.prices->Format(PriceBandLow(band));
    if (band + 1 >= kPriceBandCount) return app.messages.Format("search.band_from", {{"low", low}});
    return app.messages.Format("search.band_range", {{"low", low}, {"high", app.prices->Format(PriceBandLow(band + 1))}});
}

// A combo whose items are "any" plus the facet values with their counts.
// Recorded as `widget` (its choices as `widget`.any and `widget`.<value>), named with `purpose`.
bool FacetCombo(App& app, TestView& view, const char* id, const std::string& widget, const std::string& purpose, const std::string& any,
                std::string& selected, const std::vector<FacetCount>& values, const std::function<std::string(const std::string&)>& name,
                float width)
{
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    const std::string current = selected.empty() ? any : name(selected);
    const bool open = ImGui::BeginCombo(id, Shown(app, current).c_str());
    RecordWidget(view, widget, {.role = Role::Disclosure, .name = ComboName(app, purpose, current), .on = open});
    if (open) {
        if (Choice(app, Shown(app, any).c_str(), selected.empty())) { selected.clear(); changed = true; }
        RecordWidget(view, widget + ".any", {.role = Role::Option, .name = any, .on = selected.empty()});
        for (const FacetCount& f : values) {
            if (f.value.empty()) continue; // (products without one: a merchant's upload; "any" shows them)
            std::string label = app.messages.Format("search.facet_count", {{"name", name(f.value)}, {"count", f.count}});
            if (Choice(app, (Shown(app, label) + "##" + f.value).c_str(), selected == f.value)) { selected = f.value; changed = true; }
            RecordWidget(view, widget + "." + f.value, {.role = Role::Option, .name = label, .on = selected == f.value});
        }
        ImGui::EndCombo();
    }
    return changed;
}

// The search box and the filters, in reading order (mirrored right to left).
void DrawFilters(App& app, TestView& view, const SearchResult& r)
{
    const Messages& m = app.messages;
    BrowseState& b = app.browse;
    float width = ImGui::GetContentRegionAvail().x;
    float spacing = ImGui::GetStyle().ItemSpacing.x;
    // A phone: the search box on its own line, the four filters two by two under it.
    const bool narrow = width < Px(app, 640);
    const float half = (width - spacing) / 2;
    const float w_search = narrow ? width : width * 0.34f, w_category = narrow ? half : width * 0.16f;
    const float w_origin = narrow ? half : width * 0.16f, w_band = narrow ? half : width * 0.14f;
    const float w_sort = narrow ? half : width * 0.20f - spacing * 4;
    std::vector<std::function<void()>> controls;
    controls.push_back([&] {
        ImGui::SetNextItemWidth(w_search);
        if (ImGui::InputTextWithHint("##search", Shown(app, m.Format("search.hint")).c_str(), b.text, sizeof b.text)) b.dirty = true;
        RecordWidget(view, "search.box", {.role = Role::TextField, .name = m.Format("search.hint"), .value = b.text, .on = ImGui::IsItemActive()});
    });
    controls.push_back([&] {
        b.dirty |= FacetCombo(app, view, "##category", "search.category", m.Format("a11y.category"), m.Format("search.any_category"),
                              b.category, r.categories, [&](const std::string& v) { return CategoryLabel(app, v); }, w_category);
    });
    controls.push_back([&] {
        b.dirty |= FacetCombo(app, view, "##origin", "search.origin", m.Format("browse.col.origin"), m.Format("search.any_origin"),
                              b.origin, r.origins, [&](const std::string& v) { return CountryLabel(app, v); }, w_origin);
    });
    controls.push_back([&] {
        ImGui::SetNextItemWidth(w_band);
        std::string band_preview = b.price_band < 0 ? m.Format("search.any_price") : BandName(app, b.price_band);
        const bool open = ImGui::BeginCombo("##band", Shown(app, band_preview).c_str());
        RecordWidget(view, "search.price", {.role = Role::Disclosure, .name = ComboName(app, m.Format("browse.col.price"), band_preview), .on = open});
        if (open) {
            if (Choice(app, Shown(app, m.Format("search.any_price")).c_str(), b.price_band < 0)) { b.price_band = -1; b.dirty = true; }
            RecordWidget(view, "search.price.any", {.role = Role::Option, .name = m.Format("search.any_price"), .on = b.price_band < 0});
            for (int band = 0; band < kPriceBandCount; band++) {
                std::string label = m.Format("search.facet_count", {{"name", BandName(app, band)}, {"count", r.price_bands[band]}});
                if (Choice(app, (Shown(app, label) + "##" + std::to_string(band)).c_str(), b.price_band == band)) {
                    b.price_band = band;
                    b.dirty = true;
                }
                RecordWidget(view, "search.price." + std::to_string(band), {.role = Role::Option, .name = label, .on = b.price_band == band});
            }
            ImGui::EndCombo();
        }
    });
    controls.push_back([&] {
        // What is left of the row (it is the last control drawn left to right, the first right to left).
        ImGui::SetNextItemWidth(w_sort);
        static const std::pair<SearchOrder, const char*> orders[] = {
            {SearchOrder::Relevance, "sort.relevance"}, {SearchOrder::PriceAscending, "sort.price_asc"},
            {SearchOrder::PriceDescending, "sort.price_desc"}, {SearchOrder::Name, "sort.name"}};
        std::string order_preview;
        for (const auto& [o, key] : orders) if (o == b.order) order_preview = m.Format(key);
        const bool open = ImGui::BeginCombo("##sort", Shown(app, order_preview).c_str());
        RecordWidget(view, "search.sort", {.role = Role::Disclosure, .name = ComboName(app, m.Format("a11y.sort"), order_preview), .on = open});
        if (open) {
            for (const auto& [o, key] : orders) {
                if (Choice(app, (Shown(app, m.Format(key)) + "##" + key).c_str(), o == b.order)) { b.order = o; b.dirty = true; }
                RecordWidget(view, key, {.role = Role::Option, .name = m.Format(key), .on = o == b.order});
            }
            ImGui::EndCombo();
        }
    });
    std::vector<std::vector<size_t>> rows = narrow ? std::vector<std::vector<size_t>>{{0}, {1, 2}, {3, 4}}
                                                   : std::vector<std::vector<size_t>>{{0, 1, 2, 3, 4}};
    for (const std::vector<size_t>& row : rows)
        for (size_t i = 0; i < row.size(); i++) {
            if (i) ImGui::SameLine();
            controls[row[app.rtl ? row.size() - 1 - i : i]]();
        }
}

// The store's front: its categories as large buttons with their counts, while nothing is searched
// or chosen; one tap narrows the list (a kiosk shopper need not type at all).
void DrawCategories(App& app, TestView& view, const SearchResult& r)
{
    BrowseState& b = app.browse;
    if (b.text[0] != '\0' || !b.category.empty() || !b.origin.empty() || b.price_band >= 0 || r.categories.empty()) return;
    Label(app, app.messages.Format("home.categories"), Tone::Disabled);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float left = ImGui::GetCursorPosX(), right = ImGui::GetWindowContentRegionMax().x;
    // Rows filled in reading order; right to left, each row starts at the right edge, so the
    // first category is the rightmost of the first row.
    struct Chip { const FacetCount* facet; std::string name, label; float width; };
    // Each a tile with its category's picture (its first product's).
    std::vector<std::vector<Chip>> rows(1);
    float used = 0;
    for (const FacetCount& f : r.categories) {
        if (f.value.empty()) continue; // (no tile for products without a category; the server's pages have none either)
        std::string name = app.messages.Format("search.facet_count", {{"name", CategoryLabel(app, f.value)}, {"count", f.count}});
        std::string label = Shown(app, name);
        float width = PictureButtonWidth(app, label);
        if (!rows.back().empty() && left + used + style.ItemSpacing.x + width > right) {
            rows.emplace_back();
            used = 0;
        }
        used += (rows.back().empty() ? 0 : style.ItemSpacing.x) + width;
        rows.back().push_back({&f, std::move(name), std::move(label), width});
    }
    // More than two rows (a phone): one row that scrolls sideways, so the products stay in view.
    if (rows.size() > 2) {
        std::vector<Chip> all;
        for (std::vector<Chip>& row : rows)
            for (Chip& c : row) all.push_back(std::move(c));
        if (app.rtl) std::reverse(all.begin(), all.end());
        ImGui::BeginChild("##category_strip", ImVec2(0, ImGui::GetFrameHeight() + style.ScrollbarSize + style.ItemSpacing.y), false,
                          ImGuiWindowFlags_HorizontalScrollbar);
        if (app.rtl && ImGui::IsWindowAppearing()) ImGui::SetScrollX(1e6f); // (the first category at the right)
        for (size_t k = 0; k < all.size(); k++) {
            if (k > 0) ImGui::SameLine();
            const FacetCount& f = *all[k].facet;
            if (PictureButton(app, ("##cat." + f.value).c_str(), all[k].label, CategoryPicture(app, f.value))) {
                b.category = f.value;
                b.dirty = true;
            }
            RecordWidget(view, "home.category." + f.value, {.role = Role::Button, .name = all[k].name});
        }
        ImGui::EndChild();
        ImGui::Spacing();
        return;
    }
    for (std::vector<Chip>& row : rows) {
        float row_width = -style.ItemSpacing.x;
        for (const Chip& c : row) row_width += style.ItemSpacing.x + c.width;
        if (app.rtl) std::reverse(row.begin(), row.end());
        for (size_t k = 0; k < row.size(); k++) {
            if (k > 0) ImGui::SameLine();
            else ImGui::SetCursorPosX(app.rtl ? std::max(left, right - row_width) : left);
            const FacetCount& f = *row[k].facet;
            if (PictureButton(app, ("##cat." + f.value).c_str(), row[k].label, CategoryPicture(app, f.value))) {
                b.category = f.value;
                b.dirty = true;
            }
            RecordWidget(view, "home.category." + f.value, {.role = Role::Button, .name = row[k].name});
        }
    }
    ImGui::Spacing();
}

} // namespace

void DrawBrowse(App& app, TestView& view)
{
    const Messages& m = app.messages;
    BeginFullScreenWindow("##browse");
    DrawTopBar(app, view);
    SetNextTextRole(Role::Heading, "browse.heading", 1);
    Paragraph(app, m.Format("browse.heading"));

    const SearchResult& before = BrowseResults(app);
    DrawCategories(app, view, before);
    DrawFilters(app, view, before);
    const SearchResult& r = BrowseResults(app); // the filters may have changed it
    int count = int(r.total);
    // How many, and the switch between cards and the list, at the other end of the line.
    {
        std::string switch_label = Shown(app, m.Format(app.browse.list_view ? "browse.view_grid" : "browse.view_list"));
        float switch_width = ImGui::CalcTextSize(switch_label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        float left = ImGui::GetCursorPosX(), right = ImGui::GetWindowContentRegionMax().x;
        ImGui::AlignTextToFramePadding();
        if (app.rtl) ImGui::SetCursorPosX(left + switch_width + ImGui::GetStyle().ItemSpacing.x);
        ImGui::BeginGroup();
        SetNextTextRole(Role::Status, "search.results"); // (read out as a search narrows)
        Label(app, m.Format("search.results", {{"count", int64_t(r.total)}}), Tone::Disabled);
        ImGui::EndGroup();
        ImGui::SameLine();
        ImGui::SetCursorPosX(app.rtl ? left : right - switch_width);
        if (ImGui::Button((switch_label + "##view").c_str())) SetListView(app, !app.browse.list_view);
        RecordWidget(view, "browse.view", {.role = Role::Button, .name = m.Format(app.browse.list_view ? "browse.view_grid" : "browse.view_list")});
    }
    if (!app.display_currency.empty()) {
        const CurrencyRate* rate = app.currency_rates.Find(app.display_currency);
        if (rate)
            Paragraph(app, m.Format("currency.note", {{"currency", CurrencyLabel(app, rate->currency)},
                                                      {"date", DateLabel(app, app.currency_rates.as_of)}}),
                      Tone::Disabled);
    }

    view.product_count = count;
    view.search_text = app.browse.text;
    view.search_category = app.browse.category;
    view.search_total = int64_t(r.total);
    view.first_rows.clear();
    view.card_with_tax.clear();
    view.browse_view = app.browse.list_view ? "list" : "grid";
    if (!app.browse.list_view) {
        size_t wanted = 0;
        DrawProductGrid(app, view, r, &wanted);
        if (wanted > r.hits.size()) {
            app.browse.limit = std::max(wanted + kBrowsePage, app.browse.limit * 2);
            app.browse.dirty = true;
        }
        ImGui::End();
        return;
    }

    // Logical columns; drawn mirrored right to left.
    enum { kName, kBrand, kSize, kOrigin, kStock, kPrice, kSku, kAdd, kColumns };
    static const char* const headers[kColumns] = {"browse.col.name", "browse.col.brand", "browse.col.size",
                                                  "browse.col.origin", "browse.col.stock", "browse.col.price",
                                                  "browse.col.sku", nullptr};
    static const float weights[kColumns] = {3.2f, 1.2f, 0.9f, 1.1f, 0.9f, 1.5f, 1.1f, 0.0f};
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    // A table remembers its column widths by id; mirrored columns are another table.
    if (ImGui::BeginTable(app.rtl ? "products_rtl" : "products", kColumns, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        if (app.browse.scroll_to_top) {
            ImGui::SetScrollY(0);
            app.browse.scroll_to_top = false;
        }
        for (int v = 0; v < kColumns; v++) {
            int c = VisualColumn(app, v, kColumns);
            std::string header = (headers[c] ? Shown(app, m.Format(headers[c])) : std::string()) + "##" + std::to_string(c);
            ImGui::TableSetupColumn(header.c_str(), c == kAdd ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                                    weights[c]);
        }
        TableHeaders(app);

        // Only visible rows are formatted and drawn: 10,000 products cost what 40 do.
        // Rows past those ordered so far ask for more (drawn next frame), so the scroll bar covers
        // every match from the start.
        ImGuiListClipper clipper;
        clipper.Begin(count);
        size_t wanted = 0;
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
                if (size_t(i) >= r.hits.size()) {
                    wanted = std::max(wanted, size_t(i) + 1);
                    ImGui::TableNextRow();
                    continue;
                }
                const Product& p = app.catalog.products[r.hits[size_t(i)]];
                int64_t available = Available(app, p.sku);
                std::string stock = available < 0 ? std::string()
                                  : available == 0 ? m.Format("inventory.out")
                                  : available <= kLowStock ? m.Format("inventory.low", {{"count", available}})
                                                           : m.Format("inventory.in_stock");
                std::string cells[kAdd] = {ProductTitle(app, p), p.brand, ProductSize(app, p),
                                           p.origin_iso.empty() ? std::string() : CountryLabel(app, p.origin_iso),
                                           stock, app.prices->Format(p.price), p.sku};
                std::string approx = ApproximatePrice(app, p.price);
                ImGui::TableNextRow();
                for (int c = 0; c < kAdd; c++) {
                    ImGui::TableSetColumnIndex(VisualColumn(app, c, kColumns));
                    if (c == kPrice) {
                        LabelAtEnd(app, cells[c]);
                        if (!approx.empty()) LabelAtEnd(app, approx, Tone::Disabled);
                    } else if (c == kName) {
                        // The name opens the product page.
                        if (Choice(app, (Shown(app, cells[c]) + "##open" + p.sku).c_str(), false)) {
                            OpenProduct(app, p.sku);
                        }
                        RecordWidget(view, "open." + p.sku, {.role = Role::Link, .name = cells[c], .value = ProductAddress(app, p.sku)});
                    } else {
                        Label(app, cells[c], c == kSku || (c == kStock && available == 0) ? Tone::Disabled : Tone::Normal);
                    }
                }
                ImGui::TableSetColumnIndex(VisualColumn(app, kAdd, kColumns));
                ImGui::PushID(i);
                ImGui::BeginDisabled(available == 0);
                if (RowButton(app, Shown(app, m.Format("browse.add")).c_str())) AddToCart(app, p.sku);
                ImGui::EndDisabled();
                ImGui::PopID();
                RecordWidget(view, "add." + p.sku, {.role = Role::Button, .name = m.Format("a11y.add_product", {{"product", cells[kName]}})});
                if (i < 3) {
                    view.first_rows.push_back({cells, cells + kAdd});
                    if (!approx.empty()) view.first_rows.back().push_back(approx);
                }
            }
        }
        view.list_scroll = ImGui::GetScrollY() / view.dpr;
        ImGui::EndTable();
        if (wanted > r.hits.size()) {
            app.browse.limit = std::max(wanted + kBrowsePage, app.browse.limit * 2);
            app.browse.dirty = true;
        }
    }
    ImGui::End();
}

} // namespace bondstore::web
