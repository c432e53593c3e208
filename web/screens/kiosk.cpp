#include "web/screens/kiosk.h"

#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include <imgui.h>

namespace bondstore::web {

namespace {

// One line of text centred in the window, `scale` times the font size.
void Centred(App& app, const std::string& text, float y, float scale)
{
    std::string shown = Shown(app, text);
    ImGui::SetWindowFontScale(scale);
    ImVec2 t = ImGui::CalcTextSize(shown.c_str());
    ImGui::SetCursorPos(ImVec2((ImGui::GetWindowSize().x - t.x) / 2, y));
    ImGui::TextUnformatted(shown.c_str());
    ImGui::SetWindowFontScale(1.0f);
}

} // namespace

void DrawAttract(App& app, TestView& view)
{
    BeginFullScreenWindow("##attract");
    const Messages& m = app.messages;
    float h = ImGui::GetWindowSize().y;
    Centred(app, m.Format("kiosk.attract_title"), h * 0.38f, 2.0f);
    Centred(app, m.Format("kiosk.attract_touch"), h * 0.52f, 1.3f);
    // The whole screen is the button: any touch starts.
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##start", ImGui::GetWindowSize())) app.screen = Screen::Browse;
    RecordWidget(view, "kiosk.start");
    ImGui::End();
}

void DrawIdleWarning(App& app, TestView& view, int seconds_left)
{
    const Messages& m = app.messages;
    ImGuiIO& io = ImGui::GetIO();
    ImVec2 size(std::min(io.DisplaySize.x - Px(app, 40), Px(app, 560)), 0);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowFocus();
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::SetWindowFontScale(1.3f);
    Paragraph(app, m.Format("kiosk.idle_title"));
    ImGui::SetWindowFontScale(1.0f);
    Paragraph(app, m.Format("kiosk.idle_body", {{"seconds", int64_t(seconds_left)}}));
    ImGui::Spacing();
    // A touch target well over 44 × 44 px.
    if (ImGui::Button(Shown(app, m.Format("kiosk.continue")).c_str(), ImVec2(-1, Px(app, 64)))) app.kiosk.last_input = ImGui::GetTime();
    RecordWidget(view, "kiosk.continue");
    ImGui::End();
}

} // namespace bondstore::web
