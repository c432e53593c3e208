#include "web/screens/widgets.h"

#include "web/app.h"
#include "web/platform/test_hook.h"

#include "core/i18n_bundle.h"

#include <imgui.h>

namespace bondstore::web {

void BeginFullScreenWindow(const char* id)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void RecordWidget(TestView& view, const std::string& id)
{
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    view.widgets.push_back({id, min.x, min.y, max.x - min.x, max.y - min.y});
}

void AlignRight(const std::string& text)
{
    float width = ImGui::CalcTextSize(text.c_str()).x;
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
}

void DrawLanguageSwitch(App& app, TestView& view)
{
    std::vector<LocaleInfo> locales = BundledLocales();
    const ImGuiStyle& style = ImGui::GetStyle();
    float total = 0;
    std::vector<std::string> labels;
    for (const LocaleInfo& l : locales) {
        labels.push_back(app.messages.Format("lang." + l.tag));
        total += ImGui::CalcTextSize(labels.back().c_str()).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - total + style.ItemSpacing.x);
    for (size_t i = 0; i < locales.size(); i++) {
        bool current = locales[i].tag == app.locale;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button((labels[i] + "##lang-" + locales[i].tag).c_str()) && !current) SetLocale(app, locales[i].tag);
        if (current) ImGui::PopStyleColor();
        RecordWidget(view, "lang." + locales[i].tag);
        if (i + 1 < locales.size()) ImGui::SameLine();
    }
}

} // namespace bondstore::web
