#include "web/screens/loading.h"

#include "web/app.h"
#include "web/platform/test_hook.h"
#include "web/screens/widgets.h"

#include <imgui.h>

namespace bondstore::web {

void DrawLoading(App& app, TestView& view)
{
    BeginFullScreenWindow("##loading");
    // Until ICU and the font are in, only the built-in Latin font and untranslated text exist.
    bool can_translate = app.icu_ready && app.font_loaded && !app.font_dirty;
    const ImVec2 size = ImGui::GetWindowSize();
    std::string text = can_translate ? app.messages.Format("app.loading") : std::string("Bondstore");
    if (can_translate && !app.load_error.empty())
        text = app.messages.Format("app.load_failed", {{"reason", app.load_error}});
    ImVec2 t = ImGui::CalcTextSize(text.c_str());
    ImGui::SetCursorPos(ImVec2((size.x - t.x) / 2, (size.y - t.y) / 2));
    ImGui::TextUnformatted(text.c_str());
    ImGui::End();
    view.error = app.load_error;
}

} // namespace bondstore::web
