#include "web/screens/browse.h"

#include "web/app.h"
#include "web/platform/test_hook.h"
#include "web/screens/widgets.h"

#include "core/i18n_bundle.h"

#include <imgui.h>

#include <functional>

namespace bondstore::web {

namespace {

std::string TitleIn(const Product& p, const char* locale)
{
    const std::string* t = p.title.Find(locale);
    return t ? *t : std::string();
}

std::string CategoryName(const App& app, const std::string& key)
{
    std::string name = app.messages.Format("category." + key);
    return name == "category." + key ? key : name; // an uploaded category without a message
}

std::string BandName(const App& app, int band)
{
    std::string low = app.prices->Format(PriceBandLow(band));
    if (band + 1 >= kPriceBandCount) return app.messages.Format("search.band_from", {{"low", low}});
    return app.messages.Format("search.band_range", {{"low", low}, {"high", app.prices->Format(PriceBandLow(band + 1))}});
}

// A combo whose items are "any" plus the facet values with their counts.
bool FacetCombo(const char* id, const std::string& any, std::string& selected, const std::vector<FacetCount>& values,
                const std::function<std::string(const std::string&)>& name, const Messages& m, float width)
{
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    std::string preview = selected.empty() ? any : name(selected);
    if (ImGui::BeginCombo(id, preview.c_str())) {
        if (ImGui::Selectable(any.c_str(), selected.empty())) { selected.clear(); changed = true; }
        for (const FacetCount& f : values) {
            std::string label = m.Format("search.facet_count", {{"name", name(f.value)}, {"count", f.count}});
            if (ImGui::Selectable((label + "##" + f.value).c_str(), selected == f.value)) { selected = f.value; changed = true; }
        }
        ImGui::EndCombo();
    }
    return changed;
}

void DrawFilters(App& app, TestView& view, const SearchResult& r)
{
    const Messages& m = app.messages;
    BrowseState& b = app.browse;
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::SetNextItemWidth(width * 0.34f);
    if (ImGui::InputTextWithHint("##search", m.Format("search.hint").c_str(), b.text, sizeof b.text)) b.dirty = true;
    RecordWidget(view, "search.box");
    ImGui::SameLine();
    b.dirty |= FacetCombo("##category", m.Format("search.any_category"), b.category, r.categories,
                          [&](const std::string& v) { return CategoryName(app, v); }, m, width * 0.16f);
    RecordWidget(view, "search.category");
    ImGui::SameLine();
    b.dirty |= FacetCombo("##origin", m.Format("search.any_origin"), b.origin, r.origins,
                          [&](const std::string& v) { return CountryName(v, app.locale); }, m, width * 0.16f);
    RecordWidget(view, "search.origin");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width * 0.14f);
    std::string band_preview = b.price_band < 0 ? m.Format("search.any_price") : BandName(app, b.price_band);
    if (ImGui::BeginCombo("##band", band_preview.c_str())) {
        if (ImGui::Selectable(m.Format("search.any_price").c_str(), b.price_band < 0)) { b.price_band = -1; b.dirty = true; }
        for (int band = 0; band < kPriceBandCount; band++) {
            std::string label = m.Format("search.facet_count", {{"name", BandName(app, band)}, {"count", r.price_bands[band]}});
            if (ImGui::Selectable(label.c_str(), b.price_band == band)) { b.price_band = band; b.dirty = true; }
        }
        ImGui::EndCombo();
    }
    RecordWidget(view, "search.price");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    static const std::pair<SearchOrder, const char*> orders[] = {
        {SearchOrder::Relevance, "sort.relevance"}, {SearchOrder::PriceAscending, "sort.price_asc"},
        {SearchOrder::PriceDescending, "sort.price_desc"}, {SearchOrder::Name, "sort.name"}};
    std::string order_preview;
    for (const auto& [o, key] : orders) if (o == b.order) order_preview = m.Format(key);
    if (ImGui::BeginCombo("##sort", order_preview.c_str())) {
        for (const auto& [o, key] : orders)
            if (ImGui::Selectable(m.Format(key).c_str(), o == b.order)) { b.order = o; b.dirty = true; }
        ImGui::EndCombo();
    }
    RecordWidget(view, "search.sort");
}

} // namespace

void DrawBrowse(App& app, TestView& view)
{
    const Messages& m = app.messages;
    BeginFullScreenWindow("##browse");
    DrawTopBar(app, view);
    ImGui::TextUnformatted(m.Format("browse.heading").c_str());

    const SearchResult& before = BrowseResults(app);
    DrawFilters(app, view, before);
    const SearchResult& r = BrowseResults(app); // the filters may have changed it
    int count = int(r.hits.size());
    ImGui::TextDisabled("%s", m.Format("search.results", {{"count", int64_t(r.total)}}).c_str());

    view.product_count = count;
    view.search_text = app.browse.text;
    view.search_total = int64_t(r.total);
    view.first_rows.clear();

    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("products", 6, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(m.Format("browse.col.sku").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(m.Format("browse.col.title_zh").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(m.Format("browse.col.title_en").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(m.Format("browse.col.brand").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(m.Format("browse.col.price").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(m.Format("browse.col.action").c_str(), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();

        // Only visible rows are formatted and drawn: 10,000 products cost what 40 do.
        ImGuiListClipper clipper;
        clipper.Begin(count);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
                const Product& p = app.catalog.products[r.hits[size_t(i)]];
                std::string cells[5] = {p.sku, TitleIn(p, "zh-Hans"), TitleIn(p, "en"), p.brand, app.prices->Format(p.price)};
                ImGui::TableNextRow();
                for (int c = 0; c < 5; c++) {
                    ImGui::TableSetColumnIndex(c);
                    if (c == 4) AlignRight(cells[c]);
                    ImGui::TextUnformatted(cells[c].c_str());
                }
                ImGui::TableSetColumnIndex(5);
                ImGui::PushID(i);
                if (ImGui::SmallButton(m.Format("browse.add").c_str())) AddToCart(app, p.sku);
                ImGui::PopID();
                RecordWidget(view, "add." + p.sku);
                if (i < 3) view.first_rows.push_back({cells, cells + 5});
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace bondstore::web
