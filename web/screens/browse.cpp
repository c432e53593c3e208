#include "web/screens/browse.h"

#include "web/app.h"
#include "web/platform/test_hook.h"
#include "web/screens/widgets.h"

#include "core/i18n_bundle.h"

#include <imgui.h>

namespace bondstore::web {

static std::string TitleIn(const Product& p, const char* locale)
{
    const std::string* t = p.title.Find(locale);
    return t ? *t : std::string();
}

void DrawBrowse(App& app, TestView& view)
{
    const Messages& m = app.messages;
    BeginFullScreenWindow("##browse");

    DrawTopBar(app, view);
    ImGui::TextUnformatted(m.Format("browse.heading").c_str());
    int count = int(app.catalog.products.size());
    ImGui::TextDisabled("%s", m.Format("browse.count", {{"count", int64_t(count)}}).c_str());

    view.product_count = count;
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
                const Product& p = app.catalog.products[size_t(i)];
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
