#include "web/screens/handoff.h"

#include "web/app.h"
#include "web/platform/preferences.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"

#include "core/cart_handoff.h"

#include <imgui.h>
#include <qrcodegen.hpp>

#include <memory>

namespace bondstore::web {

void DrawHandoff(App& app, TestView& view)
{
    if (!app.handoff_open) return;
    const Messages& m = app.messages;
    // The store's address as a phone reaches it: ?handoff=URL on a kiosk that reaches the store
    // by another name (localhost), else this page's origin.
    std::string base = PageQueryValue("handoff");
    if (base.empty()) base = PageOrigin() + "/";
    std::string url = CartHandoffUrl(base, app.cart.lines);
    // A QR code holds at most 2,331 bytes at this error correction, and the encoder throws beyond
    // (which, without exceptions in WebAssembly, aborts): a cart too long for a code says so.
    constexpr size_t kMaxLink = 1200; // still scannable from a phone at arm's length
    const bool fits = url.size() <= kMaxLink;
    // Encoded once per link, not every frame.
    static std::string encoded_url;
    static std::unique_ptr<qrcodegen::QrCode> encoded;
    if (!encoded || url != encoded_url) {
        encoded = std::make_unique<qrcodegen::QrCode>(qrcodegen::QrCode::encodeText(fits ? url.c_str() : "", qrcodegen::QrCode::Ecc::MEDIUM));
        encoded_url = url;
    }
    const qrcodegen::QrCode& qr = *encoded;

    ImGuiIO& io = ImGui::GetIO();
    const int quiet = 4; // modules of white around the code, as scanners expect
    const float module = std::max(1.0f, std::floor(Px(app, 360) / float(qr.getSize() + 2 * quiet)));
    const float side = module * float(qr.getSize() + 2 * quiet);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x - Px(app, 40), std::max(side + Px(app, 48), Px(app, 520))), 0));
    ImGui::SetNextWindowFocus();
    ImGui::Begin("##handoff", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::SetWindowFontScale(1.2f);
    Paragraph(app, m.Format("handoff.title"));
    ImGui::SetWindowFontScale(1.0f);
    Paragraph(app, m.Format("handoff.body"), Tone::Disabled);
    ImGui::Spacing();
    if (!fits) {
        Paragraph(app, m.Format("handoff.too_long"));
        if (ImGui::Button(Shown(app, m.Format("handoff.close")).c_str(), ImVec2(-FLT_MIN, 0))) app.handoff_open = false;
        RecordWidget(view, "handoff.close");
        ImGui::End();
        return;
    }
    // The code, black modules on white, centred.
    ImGui::SetCursorPosX((ImGui::GetWindowSize().x - side) / 2);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##qr", ImVec2(side, side));
    RecordWidget(view, "handoff.qr");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32_WHITE);
    for (int y = 0; y < qr.getSize(); y++)
        for (int x = 0; x < qr.getSize(); x++)
            if (qr.getModule(x, y)) {
                ImVec2 min(at.x + module * float(x + quiet), at.y + module * float(y + quiet));
                draw->AddRectFilled(min, ImVec2(min.x + module, min.y + module), IM_COL32_BLACK);
            }
    ImGui::Spacing();
    if (ImGui::Button(Shown(app, m.Format("handoff.close")).c_str(), ImVec2(-FLT_MIN, 0))) app.handoff_open = false;
    RecordWidget(view, "handoff.close");
    ImGui::End();
    view.handoff_url = url;
}

void TakeHandoff(App& app)
{
    if (app.handoff_link.empty()) return;
    for (const CartLine& l : ParseCartHandoff(app.handoff_link))
        if (app.catalog.FindBySku(l.sku)) SetCartQty(app, l.sku, l.qty);
    app.handoff_link.clear();
    ForgetPageQuery("cart"); // a reload must not add it again
    app.screen = Screen::Cart;
}

} // namespace bondstore::web
