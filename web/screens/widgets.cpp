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

void DrawTopBar(App& app, TestView& view)
{
    ImGui::TextUnformatted(app.messages.Format("app.title").c_str());

    struct Button { std::string label, id; bool current; };
    std::vector<Button> buttons;
    if (app.screen != Screen::Cart)
        buttons.push_back({app.messages.Format("browse.cart_button", {{"count", app.cart.ItemCount()}}), "nav.cart", false});
    for (const LocaleInfo& l : BundledLocales())
        buttons.push_back({app.messages.Format("lang." + l.tag), "lang." + l.tag, l.tag == app.locale});

    const ImGuiStyle& style = ImGui::GetStyle();
    float total = 0;
    for (const Button& b : buttons) total += ImGui::CalcTextSize(b.label.c_str()).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - total + style.ItemSpacing.x);
    for (size_t i = 0; i < buttons.size(); i++) {
        const Button& b = buttons[i];
        if (b.current) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
        bool clicked = ImGui::Button((b.label + "##" + b.id).c_str());
        if (b.current) ImGui::PopStyleColor();
        RecordWidget(view, b.id);
        if (clicked && b.id == "nav.cart") app.screen = Screen::Cart;
        else if (clicked && !b.current && b.id.rfind("lang.", 0) == 0) RequestLocale(app, b.id.substr(5));
        if (i + 1 < buttons.size()) ImGui::SameLine();
    }
    ImGui::Separator();
}

} // namespace bondstore::web
