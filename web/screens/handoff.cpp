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

std::string HandoffBase()
{
    // ?handoff=URL on a kiosk that reaches the store by another name (localhost), else this
    // page's origin.
    std::string base = PageQueryValue("handoff");
    return base.empty() ? PageOrigin() + "/" : base;
}

namespace {

// Codes encoded once per text, not every frame (a screen shows one or two at a time).
struct EncodedCodes {
    std::string text[2];
    std::unique_ptr<qrcodegen::QrCode> code[2];
    int next = 0;
};
EncodedCodes g_codes;

} // namespace

void ForgetQrCodes() { g_codes = EncodedCodes{}; }

bool DrawQrCode(const std::string& text, float size)
{
    if (text.size() > kMaxQrText) return false;
    EncodedCodes& c = g_codes;
    int slot = c.code[0] && c.text[0] == text ? 0 : c.code[1] && c.text[1] == text ? 1 : -1;
    if (slot < 0) {
        slot = c.next;
        c.next = 1 - c.next;
        c.code[slot] = std::make_unique<qrcodegen::QrCode>(qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM));
        c.text[slot] = text;
    }
    const qrcodegen::QrCode& qr = *c.code[slot];
    const int quiet = 4; // modules of white around the code, as scanners expect
    const float module = std::max(1.0f, std::floor(size / float(qr.getSize() + 2 * quiet)));
    const float side = module * float(qr.getSize() + 2 * quiet);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##qr", ImVec2(side, side));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32_WHITE);
    for (int y = 0; y < qr.getSize(); y++)
        for (int x = 0; x < qr.getSize(); x++)
            if (qr.getModule(x, y)) {
                ImVec2 min(at.x + module * float(x + quiet), at.y + module * float(y + quiet));
                draw->AddRectFilled(min, ImVec2(min.x + module, min.y + module), IM_COL32_BLACK);
            }
    return true;
}

void DrawHandoff(App& app, TestView& view)
{
    if (!app.handoff_open) return;
    const Messages& m = app.messages;
    std::string url = CartHandoffUrl(HandoffBase(), app.cart.lines);
    // A QR code holds at most 2,331 bytes at this error correction, and the encoder throws beyond
    // (which, without exceptions in WebAssembly, aborts): a cart too long for a code says so.
    const bool fits = url.size() <= kMaxQrText;

    ImGuiIO& io = ImGui::GetIO();
    const float side = Px(app, 360);
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
    ImGui::SetCursorPosX((ImGui::GetWindowSize().x - side) / 2);
    DrawQrCode(url, side);
    RecordWidget(view, "handoff.qr");
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
