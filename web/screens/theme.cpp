#include "web/screens/theme.h"

#include "web/state/app.h"
#include "web/state/display.h"

namespace bondstore::web {

namespace {

ImVec4 Color(Rgb c, float alpha = 1) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); }

// `a` moved towards `b` by `t` (0–1).
ImVec4 Mix(ImVec4 a, ImVec4 b, float t) { return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1); }

// The store's colours (core/brand/brand.h): text on the page and on surfaces (cards, fields,
// menus), the accent for what is chosen, hovered or focused. Buttons are surfaces tinted with the
// accent, their text the brand's text colour; primary buttons (PrimaryButton) are the accent
// itself with the on-accent text. The brand file's contrast check covers these pairs: a tint of
// at most 30% keeps text on a button within a hair of its ratio on the surface.
void BrandColorsToStyle(const BrandColors& b, bool dark, ImGuiStyle& style)
{
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    const ImVec4 page = Color(b.page), surface = Color(b.surface), text = Color(b.text), accent = Color(b.accent);
    c[ImGuiCol_Text] = text;
    c[ImGuiCol_TextDisabled] = Color(b.muted);
    c[ImGuiCol_WindowBg] = page;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = surface;
    c[ImGuiCol_Border] = Color(b.border);
    c[ImGuiCol_FrameBg] = surface;
    c[ImGuiCol_FrameBgHovered] = Mix(surface, accent, 0.10f);
    c[ImGuiCol_FrameBgActive] = Mix(surface, accent, 0.18f);
    c[ImGuiCol_Button] = Mix(surface, accent, 0.12f);
    c[ImGuiCol_ButtonHovered] = Mix(surface, accent, 0.22f);
    c[ImGuiCol_ButtonActive] = Mix(surface, accent, 0.30f);
    c[ImGuiCol_Header] = Mix(surface, accent, 0.16f);
    c[ImGuiCol_HeaderHovered] = Mix(surface, accent, 0.24f);
    c[ImGuiCol_HeaderActive] = Mix(surface, accent, 0.30f);
    c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = accent;
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_Separator] = c[ImGuiCol_TableBorderLight] = c[ImGuiCol_TableBorderStrong] = Color(b.border);
    c[ImGuiCol_TableHeaderBg] = Mix(page, text, 0.06f);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(text.x, text.y, text.z, 0.035f);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = Color(b.border);
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrabActive] = Mix(Color(b.border), text, 0.3f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, dark ? 0.6f : 0.35f);
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
    if (scale == d.built_scale && d.high_contrast == d.built_contrast && d.touch == d.built_touch && d.dark == d.built_dark &&
        d.built_brand == app.brand_version)
        return;
    ImGuiStyle style;
    if (d.high_contrast) HighContrastColors(style);
    else BrandColorsToStyle(d.dark ? app.brand.dark : app.brand.light, d.dark, style);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.CellPadding = ImVec2(8, 6);
    style.WindowPadding = ImVec2(16, 14);
    // The brand's corners: fields, buttons, menus, cards (windows stay square: they are the page).
    style.FrameRounding = style.ChildRounding = style.PopupRounding = style.GrabRounding = app.brand.corner_radius;
    style.ScrollbarRounding = app.brand.corner_radius;
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
    d.built_dark = d.dark;
    d.built_brand = app.brand_version;
    app.font_dirty = true; // glyphs at the new size
}

ImVec4 InkColor(const App& app, Ink ink)
{
    bool hc = app.display.high_contrast, dark = app.display.dark && !hc;
    switch (ink) {
    case Ink::Problem: return hc ? ImVec4(0.6f, 0.0f, 0.0f, 1) : dark ? ImVec4(1.0f, 0.55f, 0.52f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1);
    case Ink::Warning: return hc ? ImVec4(0.45f, 0.2f, 0.0f, 1) : dark ? ImVec4(1.0f, 0.75f, 0.35f, 1) : ImVec4(0.65f, 0.35f, 0.0f, 1);
    case Ink::Accent: return hc ? ImVec4(0.0f, 0.2f, 0.6f, 1) : Color(Scheme(app).accent);
    }
    return ImVec4(0, 0, 0, 1);
}

const BrandColors& Scheme(const App& app) { return app.display.dark ? app.brand.dark : app.brand.light; }

ImVec4 PageColor(const App& app) { return app.display.high_contrast ? ImVec4(1, 1, 1, 1) : Color(Scheme(app).page); }

ImVec4 SurfaceColor(const App& app) { return app.display.high_contrast ? ImVec4(1, 1, 1, 1) : Color(Scheme(app).surface); }

bool PrimaryButton(const App& app, const char* label, const ImVec2& size)
{
    if (app.display.high_contrast) return ImGui::Button(label, size); // black on grey, with its border
    const BrandColors& b = Scheme(app);
    const ImVec4 accent = Color(b.accent), toward = app.display.dark ? ImVec4(1, 1, 1, 1) : ImVec4(0, 0, 0, 1);
    ImGui::PushStyleColor(ImGuiCol_Button, accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, Mix(accent, toward, 0.12f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, Mix(accent, toward, 0.24f));
    ImGui::PushStyleColor(ImGuiCol_Text, Color(b.on_accent));
    // A disabled primary button is drawn as ImGui draws any disabled item (faded): its text must
    // still be told from its background, which fading both keeps.
    bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

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
