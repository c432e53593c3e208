#include "web/screens/handoff.h"

#include "web/actions/catalog_pages.h"
#include "web/actions/ordering.h"
#include "web/actions/shopping.h"
#include "web/platform/preferences.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/cart/cart_handoff.h"

#include <imgui.h>
#include <qrcodegen.hpp>


namespace bondstore::web {

std::string HandoffBase()
{
    // ?handoff=URL on a kiosk that reaches the store by another name (localhost), else this
    // page's origin.
    std::string base = PageQueryValue("handoff");
    return base.empty() ? PageOrigin() + "/" : base;
}

bool DrawQrCode(App& app, const std::string& text, float size)
{
    if (text.size() > kMaxQrText) return false;
    QrCodes& codes = app.qr_codes;
    QrCode* c = codes.code[0].text == text ? &codes.code[0] : codes.code[1].text == text ? &codes.code[1] : nullptr;
    if (!c || c->size == 0) {
        c = &codes.code[codes.next];
        codes.next = 1 - codes.next;
        qrcodegen::QrCode qr = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
        c->text = text;
        c->size = qr.getSize();
        c->modules.assign(size_t(c->size) * size_t(c->size), false);
        for (int y = 0; y < c->size; y++)
            for (int x = 0; x < c->size; x++) c->modules[size_t(y) * size_t(c->size) + size_t(x)] = qr.getModule(x, y);
    }
    const int quiet = 4; // modules of white around the code, as scanners expect
    const float module = std::max(1.0f, std::floor(size / float(c->size + 2 * quiet)));
    const float side = module * float(c->size + 2 * quiet);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##qr", ImVec2(side, side));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32_WHITE);
    for (int y = 0; y < c->size; y++)
        for (int x = 0; x < c->size; x++)
            if (c->modules[size_t(y) * size_t(c->size) + size_t(x)]) {
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
    SetNextTextRole(Role::Heading, "handoff.title", 2);
    Paragraph(app, m.Format("handoff.title"));
    ImGui::SetWindowFontScale(1.0f);
    Paragraph(app, m.Format("handoff.body"), Tone::Disabled);
    ImGui::Spacing();
    if (!fits) {
        Paragraph(app, m.Format("handoff.too_long"));
        if (ImGui::Button(Shown(app, m.Format("handoff.close")).c_str(), ImVec2(-FLT_MIN, 0))) app.handoff_open = false;
        RecordWidget(view, "handoff.close", {.role = Role::Button, .name = m.Format("handoff.close")});
        ImGui::End();
        return;
    }
    ImGui::SetCursorPosX((ImGui::GetWindowSize().x - side) / 2);
    DrawQrCode(app, url, side);
    RecordWidget(view, "handoff.qr", {.role = Role::Image, .name = m.Format("a11y.qr_code")});
    ImGui::Spacing();
    if (ImGui::Button(Shown(app, m.Format("handoff.close")).c_str(), ImVec2(-FLT_MIN, 0))) app.handoff_open = false;
    RecordWidget(view, "handoff.close", {.role = Role::Button, .name = m.Format("handoff.close")});
    ImGui::End();
    view.handoff_url = url;
}

void TakeHandoff(App& app)
{
    if (app.handoff_link.empty()) return;
    // A large catalog's products may not be loaded yet: each is added once it is.
    for (const CartLine& l : ParseCartHandoff(app.handoff_link))
        AskForProduct(app, l.sku, [&app, l] {
            SetCartQty(app, l.sku, l.qty);
            if (app.paging.on) LoadInventory(app); // its availability
        });
    app.handoff_link.clear();
    ForgetPageQuery("cart"); // a reload must not add it again
    app.screen = Screen::Cart;
}

} // namespace bondstore::web
