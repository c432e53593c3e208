#include "web/screens/kiosk.h"

#include "web/actions/labels.h"
#include "web/actions/shopping.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/brand/featured.h"
#include "core/i18n/i18n_bundle.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

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

// The products the attract screen shows: the server's choice (GET /api/featured), or before it
// answers, the same rule without the sales (core/brand/featured.h).
static std::vector<const Product*> AttractProducts(const App& app)
{
    std::vector<std::string> skus = app.kiosk.featured.empty() ? ChooseFeatured(app.brand, app.catalog, {}).skus : app.kiosk.featured;
    std::vector<const Product*> out;
    for (const std::string& sku : skus)
        if (const Product* p = app.catalog.FindBySku(sku)) out.push_back(p);
    return out;
}

constexpr double kSlideSeconds = 5.0, kFadeSeconds = 0.6;

void DrawAttract(App& app, TestView& view)
{
    BeginFullScreenWindow("##attract");
    const Messages& m = app.messages;
    const ImVec2 size = ImGui::GetWindowSize(), origin = ImGui::GetWindowPos();
    const double now = ImGui::GetTime();
    KioskState& k = app.kiosk;
    if (k.slide_started < 0) k.slide_started = now;
    std::vector<const Product*> slides = AttractProducts(app);
    if (!slides.empty() && !k.hold_slide && now - k.slide_started >= kSlideSeconds) {
        k.slide = (k.slide + 1) % int(slides.size());
        k.slide_started = now;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();

    // The store: its logo and name, large, at the top.
    const float logo = std::min(size.x, size.y) * 0.12f;
    std::string name(ChooseText(app.brand.name, {}, app.locale_chain).text);
    if (!app.brand.logo.empty())
        DrawFittedPicture(app, app.brand.logo, origin.x + (size.x - logo) / 2, origin.y + size.y * 0.05f, origin.x + (size.x + logo) / 2,
                          origin.y + size.y * 0.05f + logo);
    Centred(app, name, size.y * 0.05f + logo + Px(app, 12), 2.0f);
    std::string tagline(ChooseText(app.brand.tagline, {}, app.locale_chain).text);
    Centred(app, tagline.empty() ? m.Format("kiosk.attract_title") : tagline, size.y * 0.05f + logo + Px(app, 12) + ImGui::GetFontSize() * 2.6f, 1.0f);

    // The featured product, fading in over the last one.
    view.attract_sku.clear();
    if (!slides.empty()) {
        k.slide %= int(slides.size());
        const Product& p = *slides[size_t(k.slide)];
        view.attract_sku = p.sku;
        const float t = app.display.reduced_motion ? 1.0f : float(std::min(1.0, (now - k.slide_started) / kFadeSeconds));
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, t);
        const float side = std::min(size.x * 0.7f, size.y * 0.38f), top = size.y * 0.27f;
        const ImVec2 card_min(origin.x + (size.x - side) / 2 - Px(app, 24), origin.y + top - Px(app, 24));
        const ImVec2 card_max(origin.x + (size.x + side) / 2 + Px(app, 24), origin.y + top + side + ImGui::GetFontSize() * 6.5f);
        draw->AddRectFilled(card_min, card_max, ImGui::GetColorU32(SurfaceColor(app)), ImGui::GetStyle().FrameRounding * 2);
        if (!p.images.empty())
            DrawFittedPicture(app, p.images.front(), origin.x + (size.x - side) / 2, origin.y + top, origin.x + (size.x + side) / 2,
                              origin.y + top + side);
        float y = top + side + Px(app, 12);
        Centred(app, ProductTitle(app, p), y, 1.3f);
        y += ImGui::GetFontSize() * 1.3f + Px(app, 10);
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Accent));
        Centred(app, app.prices->Format(p.price), y, 1.6f);
        ImGui::PopStyleColor();
        y += ImGui::GetFontSize() * 1.6f + Px(app, 8);
        int64_t with_tax = PriceWithTax(app, p.sku);
        if (with_tax >= 0) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
            Centred(app, m.Format("card.with_tax", {{"amount", app.prices->Format(Money{with_tax})}}), y, 1.1f);
            ImGui::PopStyleColor();
        }
        ImGui::PopStyleVar();
        // Where the slides are: a dot each.
        const float dot = Px(app, 5), dots_y = origin.y + size.y * 0.80f;
        for (size_t i = 0; i < slides.size(); i++) {
            float x = origin.x + size.x / 2 + (float(i) - float(slides.size() - 1) / 2) * dot * 4;
            draw->AddCircleFilled(ImVec2(x, dots_y), dot, ImGui::GetColorU32(int(i) == k.slide ? ImGuiCol_CheckMark : ImGuiCol_Border));
        }
    }

    // "Touch the screen to start", on the accent, gently breathing.
    std::string touch = Shown(app, m.Format("kiosk.attract_touch"));
    ImGui::SetWindowFontScale(1.4f);
    const ImVec2 t = ImGui::CalcTextSize(touch.c_str());
    const ImVec2 pad(Px(app, 28), Px(app, 16));
    const ImVec2 pill_min(origin.x + (size.x - t.x) / 2 - pad.x, origin.y + size.y * 0.86f);
    const ImVec2 pill_max(pill_min.x + t.x + pad.x * 2, pill_min.y + t.y + pad.y * 2);
    const float breath = app.display.reduced_motion ? 1.0f : 0.85f + 0.15f * float(0.5 + 0.5 * std::sin(now * 2.4));
    ImVec4 accent = InkColor(app, Ink::Accent);
    accent.w = breath;
    draw->AddRectFilled(pill_min, pill_max, ImGui::GetColorU32(accent), (pill_max.y - pill_min.y) / 2);
    const Rgb on = Scheme(app).on_accent;
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pill_min.x + pad.x, pill_min.y + pad.y),
                  app.display.high_contrast ? IM_COL32_WHITE : IM_COL32(on.r, on.g, on.b, 255), touch.c_str());
    ImGui::SetWindowFontScale(1.0f);

    // The whole screen is the button: any touch starts.
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##start", ImGui::GetWindowSize())) {
        app.screen = Screen::Browse;
        k.slide_started = -1;
    }
    RecordWidget(view, "kiosk.start", {.role = Role::Button, .name = app.messages.Format("kiosk.attract_touch")});
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
    SetNextTextRole(Role::Alert, "kiosk.idle_title");
    Paragraph(app, m.Format("kiosk.idle_title"));
    ImGui::SetWindowFontScale(1.0f);
    Paragraph(app, m.Format("kiosk.idle_body", {{"seconds", int64_t(seconds_left)}}));
    ImGui::Spacing();
    // A touch target well over 44 × 44 px.
    if (ImGui::Button(Shown(app, m.Format("kiosk.continue")).c_str(), ImVec2(-1, Px(app, 64)))) app.kiosk.last_input = ImGui::GetTime();
    RecordWidget(view, "kiosk.continue", {.role = Role::Button, .name = m.Format("kiosk.continue")});
    ImGui::End();
}

} // namespace bondstore::web
