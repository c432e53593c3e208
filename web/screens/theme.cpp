#include "web/screens/theme.h"

#include "web/state/app.h"
#include "web/state/display.h"

namespace bondstore::web {

namespace {

void LightColors(ImGuiStyle& style)
{
    ImGui::StyleColorsLight(&style);
}

// Black text on white, black borders, a thick dark-blue focus mark; the disabled tone stays dark
// enough to read (about 7:1).
void HighContrastColors(ImGuiStyle& style)
{
    ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), blue(0.0f, 0.2f, 0.6f, 1), light_blue(0.8f, 0.87f, 1.0f, 1);
    c[ImGuiCol_Text] = black;
    c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = white;
    c[ImGuiCol_Border] = black;
    c[ImGuiCol_FrameBg] = white;
    c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBgActive] = light_blue;
    c[ImGuiCol_Button] = ImVec4(0.85f, 0.85f, 0.85f, 1);
    c[ImGuiCol_ButtonHovered] = c[ImGuiCol_ButtonActive] = light_blue;
    c[ImGuiCol_Header] = c[ImGuiCol_HeaderHovered] = c[ImGuiCol_HeaderActive] = light_blue;
    c[ImGuiCol_CheckMark] = black;
    c[ImGuiCol_NavHighlight] = blue;
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.85f, 0.85f, 0.85f, 1);
    c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_TableBorderLight] = c[ImGuiCol_Separator] = black;
    c[ImGuiCol_TableRowBg] = white;
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.94f, 0.94f, 0.94f, 1);
    c[ImGuiCol_ScrollbarGrab] = ImVec4(0.3f, 0.3f, 0.3f, 1);
    style.FrameBorderSize = 1;
    style.WindowBorderSize = 1;
    style.PopupBorderSize = 2;
}

} // namespace

void ApplyTheme(App& app)
{
    DisplayState& d = app.display;
    float scale = UiScale(app);
    if (scale == d.built_scale && d.high_contrast == d.built_contrast && d.touch == d.built_touch) return;
    ImGuiStyle style;
    if (d.high_contrast) HighContrastColors(style);
    else LightColors(style);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.CellPadding = ImVec2(8, 6);
    style.WindowPadding = ImVec2(16, 14);
    style.FrameRounding = 4;
    if (d.touch) {
        // A control is the font size plus twice the frame padding: 18 + 2 × 13 = 44 CSS px high,
        // and a one-letter button (−, +) 8 + 2 × 18 = 44 wide.
        style.FramePadding = ImVec2(18, (kTouchTarget - app.font_size) / 2);
        style.ItemSpacing = ImVec2(12, 12);
        style.ScrollbarSize = 24;
        style.GrabMinSize = 24;
        style.TouchExtraPadding = ImVec2(4, 4);
    }
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
    d.built_scale = scale;
    d.built_contrast = d.high_contrast;
    d.built_touch = d.touch;
    app.font_dirty = true; // glyphs at the new size
}

ImVec4 InkColor(const App& app, Ink ink)
{
    bool hc = app.display.high_contrast;
    switch (ink) {
    case Ink::Problem: return hc ? ImVec4(0.6f, 0.0f, 0.0f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1);
    case Ink::Warning: return hc ? ImVec4(0.45f, 0.2f, 0.0f, 1) : ImVec4(0.65f, 0.35f, 0.0f, 1);
    }
    return ImVec4(0, 0, 0, 1);
}

ImVec4 PageColor(const App& app) { return app.display.high_contrast ? ImVec4(1, 1, 1, 1) : ImVec4(0.96f, 0.96f, 0.95f, 1); }

bool Choice(const App& app, const char* label, bool selected)
{
    // A selectable is as tall as its text plus the item spacing it spreads into; on a kiosk it
    // is made a full touch target.
    float height = app.display.touch ? Px(app, kTouchTarget) - ImGui::GetStyle().ItemSpacing.y : 0;
    return ImGui::Selectable(label, selected, 0, ImVec2(0, height));
}

bool RowButton(const App& app, const char* label)
{
    return app.display.touch ? ImGui::Button(label) : ImGui::SmallButton(label);
}

} // namespace bondstore::web
