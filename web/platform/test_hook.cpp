#include "web/platform/test_hook.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace bondstore::web {

TestView& CurrentTestView()
{
    static TestView view;
    return view;
}

void SignalFirstFrame()
{
    EM_ASM({
        if (window.bondstore && window.bondstore._firstFrame) window.bondstore._firstFrame(performance.now());
    });
}

} // namespace bondstore::web

extern "C" EMSCRIPTEN_KEEPALIVE const char* bondstore_state_json()
{
    using bondstore::web::CurrentTestView;
    static std::string out;
    const auto& v = CurrentTestView();
    nlohmann::ordered_json j;
    j["screen"] = v.screen;
    j["locale"] = v.locale;
    j["rtl"] = v.rtl;
    j["currency"] = v.currency;
    j["viewport"] = {{"w", v.width}, {"h", v.height}, {"dpr", v.dpr}};
    nlohmann::ordered_json startup = nlohmann::ordered_json::object();
    for (const auto& [step, ms] : v.startup_ms) startup[step] = ms;
    j["startupMs"] = startup;
    j["atlas"] = {{"glyphs", v.atlas_glyphs}, {"w", v.atlas_width}, {"h", v.atlas_height}, {"buildMs", v.atlas_build_ms}};
    j["productCount"] = v.product_count;
    j["paging"] = {{"on", v.catalog_paged}, {"offline", v.catalog_offline}, {"wholeKept", v.whole_catalog_kept},
                   {"loaded", v.loaded_products}};
    j["listScroll"] = v.list_scroll;
    j["firstRows"] = v.first_rows;
    j["browseView"] = v.browse_view;
    j["cardWithTax"] = v.card_with_tax;
    j["brand"] = v.brand;
    j["scheme"] = v.scheme;
    j["attractSku"] = v.attract_sku;
    j["imagesLoading"] = v.images_loading;
    nlohmann::ordered_json widgets = nlohmann::ordered_json::object();
    for (const auto& w : v.widgets) {
        widgets[w.id] = {{"x", w.x}, {"y", w.y}, {"w", w.w}, {"h", w.h}, {"role", w.role}, {"name", w.name}};
        if (!w.value.empty()) widgets[w.id]["value"] = w.value;
    }
    j["widgets"] = widgets;
    j["frame"] = v.frame;
    // The last frames' ImGui CPU time, oldest first.
    nlohmann::ordered_json imgui_ms = nlohmann::ordered_json::array();
    for (int k = std::max(1, v.frame - int(v.imgui_ms.size()) + 1); k <= v.frame; k++) imgui_ms.push_back(v.imgui_ms[size_t(k) % v.imgui_ms.size()]);
    j["imguiMs"] = imgui_ms;
    nlohmann::ordered_json a11y_ms = nlohmann::ordered_json::array();
    for (int k = std::max(1, v.frame - int(v.a11y_ms.size()) + 1); k <= v.frame; k++) a11y_ms.push_back(v.a11y_ms[size_t(k) % v.a11y_ms.size()]);
    j["a11y"] = {{"items", v.a11y_items}, {"writes", v.a11y_writes}, {"ms", a11y_ms}};
    j["search"] = {{"text", v.search_text}, {"total", v.search_total}, {"category", v.search_category}};
    j["mouse"] = {v.mouse_x, v.mouse_y};
    j["hoveredWindow"] = v.hovered_window;
    nlohmann::ordered_json cart = nlohmann::ordered_json::array();
    for (const auto& [sku, qty] : v.cart) cart.push_back({{"sku", sku}, {"qty", qty}});
    j["cart"] = cart;
    if (!v.quote_json.empty()) j["quote"] = nlohmann::ordered_json::parse(v.quote_json, nullptr, false);
    if (v.screen == "product" && !v.product_sku.empty())
        j["product"] = {{"sku", v.product_sku}, {"quote", nlohmann::ordered_json::parse(v.product_quote_json, nullptr, false)},
                        {"image", v.product_image}, {"description", v.product_description}, {"imageSize", {v.product_image_size[0], v.product_image_size[1]}},
                        {"pictures", v.product_pictures}, {"picture", v.product_picture}, {"zoomed", v.product_zoomed},
                        {"related", v.product_related}};
    if (!v.error.empty()) j["error"] = v.error;
    if (!v.order_no.empty() || !v.order_status.empty())
        j["order"] = {{"no", v.order_no}, {"status", v.order_status}, {"reason", v.order_reason}, {"hold", v.order_hold},
                      {"waybill", v.order_waybill}, {"tracking", v.order_tracking}};
    j["kiosk"] = {{"on", v.kiosk}, {"wipes", v.kiosk_wipes}, {"idleWarning", v.idle_warning}, {"idle", v.kiosk_idle},
                  {"fullScreen", v.full_screen}};
    j["buyerData"] = v.checkout_fields;
    j["offline"] = v.offline;
    j["keyboard"] = v.keyboard;
    if (v.screen == "checkout") j["formProblems"] = v.form_problems;
    if (v.screen.rfind("merchant", 0) == 0)
        j["merchant"] = {{"id", v.merchant_id}, {"check", v.merchant_check}, {"problems", v.merchant_problems},
                         {"uploadStatus", v.merchant_upload_status}, {"products", v.merchant_products},
                         {"days", v.merchant_days}, {"orders", v.merchant_orders}, {"refunds", v.merchant_refunds},
                         {"returns", v.merchant_returns}, {"taxDifferences", v.merchant_tax_differences},
                         {"fixup", v.merchant_fixup}};
    if (v.screen.rfind("operator", 0) == 0)
        j["operator"] = {{"places", v.operator_places}, {"kiosks", v.operator_kiosks}, {"place", v.operator_place},
                         {"orders", v.operator_orders}, {"rejections", v.operator_rejections}, {"parked", v.operator_parked},
                         {"merchants", v.operator_merchants}, {"statsMonth", v.operator_stats_month}, {"stats", v.operator_stats}};
    if (!v.handoff_url.empty()) j["handoff"] = {{"url", v.handoff_url}};
    j["sealKey"] = v.seal_key;
    j["kioskEnrolled"] = v.kiosk_enrolled;
    j["kioskStore"] = v.kiosk_store;
    j["outbox"] = v.outbox;
    out = j.dump();
    return out.c_str();
}

// The characters of `utf8` the font atlas has no glyph for (they would be drawn as boxes).
extern "C" EMSCRIPTEN_KEEPALIVE const char* bondstore_missing_glyphs(const char* utf8)
{
    static std::string out;
    out.clear();
    ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    const char* end = utf8 + std::strlen(utf8);
    for (const char* p = utf8; p < end;) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        if (!font || (c > ' ' && !font->FindGlyphNoFallback(ImWchar(c)))) out.append(p, size_t(n));
        p += n;
    }
    return out.c_str();
}
