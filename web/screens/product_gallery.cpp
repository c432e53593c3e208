#include "web/screens/product_gallery.h"

#include "web/actions/labels.h"
#include "web/platform/images.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/catalog/picture_sizes.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bondstore::web {

namespace {

// `image` fitted in `side` × `side` at `at`, moved by `dx`, clipped to the square; a quiet box
// while it loads, a word if it cannot be had. Reports the main picture's state to the test view.
void DrawLargePicture(App& app, TestView& view, const ShownImage& image, ImVec2 at, float side, float dx)
{
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + side, at.y + side);
    draw->AddRectFilled(at, end, ImGui::GetColorU32(SurfaceColor(app)), ImGui::GetStyle().FrameRounding);
    if (image.state == ShownImage::State::Ready && image.width > 0 && image.height > 0) {
        float k = std::min(side / float(image.width), side / float(image.height));
        ImVec2 size(image.width * k, image.height * k);
        ImVec2 min(at.x + (side - size.x) / 2 + dx, at.y + (side - size.y) / 2);
        draw->PushClipRect(at, end, true);
        draw->AddImage(TextureOf(image.texture), min, ImVec2(min.x + size.x, min.y + size.y));
        draw->PopClipRect();
        view.product_image = "ready";
        view.product_image_size[0] = image.width;
        view.product_image_size[1] = image.height;
        return;
    }
    view.product_image = image.state == ShownImage::State::Loading ? "loading" : "failed";
    if (image.state == ShownImage::State::Failed) {
        std::string text = Shown(app, app.messages.Format("product.no_image"));
        ImVec2 t = ImGui::CalcTextSize(text.c_str());
        draw->AddText(ImVec2(at.x + (side - t.x) / 2, at.y + (side - t.y) / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), text.c_str());
    }
}

void Show(App& app, const Product& p, int picture)
{
    int n = int(p.images.size());
    app.product_page.picture = n == 0 ? 0 : (picture % n + n) % n;
}

} // namespace

void DrawGallery(App& app, TestView& view, const Product& p, float side)
{
    ProductPageState& page = app.product_page;
    const int n = int(p.images.size());
    view.product_pictures = n;
    view.product_image = "none";
    if (n == 0) return;
    Show(app, p, page.picture);
    view.product_picture = page.picture;
    const std::string& url = p.images[size_t(page.picture)];

    // The picture: a tap zooms it; a drag sideways of more than a fifth of it shows the next one
    // (the previous one the other way; mirrored right to left, where the next is to the left).
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool tapped = ImGui::InvisibleButton("##picture", ImVec2(side, side));
    RecordWidget(view, "product.image", {.role = Role::Button, .name = app.messages.Format("a11y.zoom_picture", {{"product", ProductTitle(app, p)}})});
    float dx = ImGui::IsItemActive() ? ImGui::GetMouseDragDelta(0, 1.0f).x : 0;
    if (ImGui::IsItemActive()) page.pan_x = dx; // (kept for the release frame, when the delta is gone)
    if (ImGui::IsItemDeactivated()) {
        float swipe = page.pan_x;
        page.pan_x = 0;
        if (std::fabs(swipe) > side * 0.2f) {
            Show(app, p, page.picture + ((swipe < 0) != app.rtl ? 1 : -1));
            tapped = false;
        }
    }
    if (tapped && n > 0) {
        page.zoomed = true;
        page.zoom = 1;
        page.pan_x = page.pan_y = 0;
    }
    DrawLargePicture(app, view, ImageAt(ThumbnailUrl(url, side)), at, side, n > 1 ? dx : 0);
    if (n < 2) return;

    // Under it: the arrows at the ends, the other pictures between them.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float arrow = ImGui::GetFrameHeight(), thumb = std::min(arrow * 1.6f, (side - arrow * 2) / float(n) - style.ItemSpacing.x);
    const float x0 = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x0);
    if (ImGui::ArrowButton("##previous", ImGuiDir_Left)) Show(app, p, page.picture + (app.rtl ? 1 : -1));
    RecordWidget(view, app.rtl ? "product.next" : "product.previous",
                 {.role = Role::Button, .name = app.messages.Format(app.rtl ? "a11y.next_picture" : "a11y.previous_picture")});
    const float strip = float(n) * (thumb + style.ItemSpacing.x) - style.ItemSpacing.x;
    for (int v = 0; v < n; v++) {
        int i = app.rtl ? n - 1 - v : v;
        ImGui::SameLine();
        if (v == 0) ImGui::SetCursorPosX(x0 + (side - strip) / 2);
        ImGui::PushID(i);
        ImVec2 t = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##thumb", ImVec2(thumb, thumb))) Show(app, p, i);
        RecordWidget(view, "product.picture." + std::to_string(i),
                     {.role = Role::Option, .name = app.messages.Format("a11y.picture", {{"n", int64_t(i + 1)}, {"count", int64_t(n)}}),
                      .on = i == page.picture});
        DrawFittedPicture(app, p.images[size_t(i)], t.x, t.y, t.x + thumb, t.y + thumb);
        if (i == page.picture)
            ImGui::GetWindowDrawList()->AddRect(t, ImVec2(t.x + thumb, t.y + thumb), ImGui::GetColorU32(InkColor(app, Ink::Accent)),
                                                style.FrameRounding, 0, Px(app, 2));
        ImGui::PopID();
    }
    ImGui::SameLine();
    ImGui::SetCursorPosX(x0 + side - arrow);
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) Show(app, p, page.picture + (app.rtl ? -1 : 1));
    RecordWidget(view, app.rtl ? "product.previous" : "product.next",
                 {.role = Role::Button, .name = app.messages.Format(app.rtl ? "a11y.previous_picture" : "a11y.next_picture")});
}

void DrawZoomedPicture(App& app, TestView& view, const Product& p)
{
    ProductPageState& page = app.product_page;
    view.product_zoomed = page.zoomed;
    if (!page.zoomed || p.images.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, PageColor(app));
    ImGui::Begin("##zoom", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    const ImVec2 size = ImGui::GetContentRegionAvail(), at = ImGui::GetCursorScreenPos();

    // The picture: the whole screen is the area a drag moves it in and the wheel zooms.
    ImGui::InvisibleButton("##zoomed", size);
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, 1.0f)) {
        page.pan_x += io.MouseDelta.x;
        page.pan_y += io.MouseDelta.y;
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0) page.zoom = std::clamp(page.zoom * (io.MouseWheel > 0 ? 1.25f : 0.8f), 1.0f, 4.0f);
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) page.zoom = page.zoom > 1.01f ? 1.0f : 2.5f;
    if (page.zoom <= 1.0f) page.pan_x = page.pan_y = 0;
    const float fit = std::min(size.x, size.y);
    const ShownImage& image = ImageAt(ThumbnailUrl(p.images[size_t(page.picture)], fit * page.zoom));
    if (image.state == ShownImage::State::Ready && image.width > 0 && image.height > 0) {
        float k = std::min(size.x / float(image.width), size.y / float(image.height)) * page.zoom;
        ImVec2 shown(image.width * k, image.height * k);
        // Never moved further than its own edge.
        page.pan_x = std::clamp(page.pan_x, -std::max(0.0f, (shown.x - size.x) / 2), std::max(0.0f, (shown.x - size.x) / 2));
        page.pan_y = std::clamp(page.pan_y, -std::max(0.0f, (shown.y - size.y) / 2), std::max(0.0f, (shown.y - size.y) / 2));
        ImVec2 min(at.x + (size.x - shown.x) / 2 + page.pan_x, at.y + (size.y - shown.y) / 2 + page.pan_y);
        ImGui::GetWindowDrawList()->AddImage(TextureOf(image.texture), min, ImVec2(min.x + shown.x, min.y + shown.y));
    }

    // The controls over it, at the top of the reading end: zoom out, zoom in, close.
    const ImGuiStyle& style = ImGui::GetStyle();
    std::string close = Shown(app, app.messages.Format("product.zoom_close"));
    const float close_w = ImGui::CalcTextSize(close.c_str()).x + style.FramePadding.x * 2, button = ImGui::GetFrameHeight();
    const float total = button * 2 + close_w + style.ItemSpacing.x * 2;
    ImGui::SetCursorScreenPos(ImVec2(app.rtl ? at.x : at.x + size.x - total, at.y));
    ImGui::PushID("zoom_out");
    if (ImGui::Button("-", ImVec2(button, 0))) page.zoom = std::max(1.0f, page.zoom / 1.5f);
    ImGui::PopID();
    RecordWidget(view, "product.zoom_out", {.role = Role::Button, .name = app.messages.Format("a11y.zoom_out")});
    ImGui::SameLine();
    ImGui::PushID("zoom_in");
    if (ImGui::Button("+", ImVec2(button, 0))) page.zoom = std::min(4.0f, page.zoom * 1.5f);
    ImGui::PopID();
    RecordWidget(view, "product.zoom_in", {.role = Role::Button, .name = app.messages.Format("a11y.zoom_in")});
    ImGui::SameLine();
    if (PrimaryButton(app, (close + "##zoom_close").c_str()) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) page.zoomed = false;
    RecordWidget(view, "product.zoom_close", {.role = Role::Button, .name = app.messages.Format("product.zoom_close")});
    ImGui::End();
}

} // namespace bondstore::web
