#include "web/screens/loading.h"

#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include <imgui.h>

namespace bondstore::web {

void DrawLoading(App& app, TestView& view)
{
    BeginFullScreenWindow("##loading");
    // Until ICU and the fonts are in there are no messages to show and no glyphs to show them
    // with: a spinner says the page is alive.
    bool can_translate = app.icu_ready && app.font_loaded && !app.font_dirty;
    const ImVec2 size = ImGui::GetWindowSize();
    if (!can_translate) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImVec2 centre(ImGui::GetWindowPos().x + size.x / 2, ImGui::GetWindowPos().y + size.y / 2);
        float start = float(ImGui::GetTime() * 6.0);
        draw->PathArcTo(centre, Px(app, 18), start, start + 4.5f, 24);
        draw->PathStroke(ImGui::GetColorU32(ImGuiCol_TextDisabled), 0, Px(app, 4));
        ImGui::End();
        view.error = app.load_error;
        return;
    }
    const std::string said = app.load_error.empty() ? app.messages.Format("app.loading")
                                                    : app.messages.Format("app.load_failed", {{"reason", app.load_error}});
    const std::string text = Shown(app, said);
    ImVec2 t = ImGui::CalcTextSize(text.c_str());
    ImGui::SetCursorPos(ImVec2((size.x - t.x) / 2, (size.y - t.y) / 2));
    ImGui::TextUnformatted(text.c_str());
    SetNextTextRole(app.load_error.empty() ? Role::Status : Role::Alert, "app.loading");
    DescribeText({.name = said});
    ImGui::End();
    view.error = app.load_error;
}

} // namespace bondstore::web
