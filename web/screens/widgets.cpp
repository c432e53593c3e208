#include "web/screens/widgets.h"

#include "web/actions/labels.h"
#include "web/actions/settings.h"
#include "web/platform/fetch.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/state/app.h"
#include "web/state/display.h"
#include "web/platform/images.h"

#include "core/catalog/picture_sizes.h"
#include "core/storefront/shop_address.h"

#include "core/i18n/i18n_bundle.h"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace bondstore::web {

ImTextureID TextureOf(unsigned gl_texture) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(gl_texture)); }

void BeginFullScreenWindow(const char* id)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // No background of its own: the page colour is the GL clear colour (PageColor), and a second
    // full-screen fill costs a software-rendered kiosk (SwiftShader) a frame's worth of pixels.
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
}

void RecordWidget(TestView& view, const std::string& id, Description d)
{
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    float k = 1 / view.dpr; // in CSS pixels, as the page and the tests see them
    view.widgets.push_back({id, min.x * k, min.y * k, (max.x - min.x) * k, (max.y - min.y) * k, RoleName(d.role), d.name,
                            d.role == Role::TextField && !d.secret ? d.value : std::string()});
    DescribeItem(id, std::move(d));
}

void RecordRect(TestView& view, const std::string& id)
{
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    float k = 1 / view.dpr;
    view.widgets.push_back({id, min.x * k, min.y * k, (max.x - min.x) * k, (max.y - min.y) * k, "", "", ""});
}

std::string ProductAddress(const App& app, const std::string& sku)
{
    return ShopAddressUrl({.screen = ShopScreen::Product, .locale = app.locale, .sku = sku});
}

std::string ComboName(const App& app, const std::string& purpose, const std::string& value)
{
    return app.messages.Format("a11y.combo", {{"name", purpose}, {"value", value}});
}

void SameLineIfFits(const std::string& label)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + style.FramePadding.x * 2;
    float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= limit) ImGui::SameLine();
}

void AlignRight(const std::string& text)
{
    float width = ImGui::CalcTextSize(text.c_str()).x;
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - width);
}

namespace {

// A label without the arrow drawn before or after it ("← Products"): a screen reader would read
// the arrow's name.
std::string TrimmedArrow(const std::string& label)
{
    // An arrow of U+2190–U+21FF, in UTF-8: E2 86 xx or E2 87 xx.
    auto arrow_at = [](const std::string& s, size_t i) {
        return i + 3 <= s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
               (static_cast<unsigned char>(s[i + 1]) == 0x86 || static_cast<unsigned char>(s[i + 1]) == 0x87);
    };
    std::string s = label;
    if (arrow_at(s, 0)) s.erase(0, 3);
    if (s.size() >= 3 && arrow_at(s, s.size() - 3)) s.erase(s.size() - 3);
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

// A combo wide enough for the widest of `labels` (as drawn), so no language name or currency
// name is cut off in any locale.
float ComboWidth(App& app, const std::vector<std::string>& labels)
{
    float widest = 0;
    for (const std::string& l : labels) widest = std::max(widest, ImGui::CalcTextSize(Shown(app, l).c_str()).x);
    return widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
}

std::vector<LocaleInfo> MenuLocales(const App& app)
{
    std::vector<LocaleInfo> out = BundledLocales();
    if (app.pseudo_locales)
        for (LocaleInfo& l : PseudoLocales()) out.push_back(std::move(l));
    return out;
}

std::vector<std::string> CurrencyCodes(const App& app)
{
    std::vector<std::string> codes = {""}; // yuan only
    for (const CurrencyRate& r : app.currency_rates.rates) codes.push_back(r.currency);
    return codes;
}

void LanguageMenu(App& app, TestView& view, float width)
{
    const LocaleInfo* current = FindLocale(app.locale);
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##lang", Shown(app, current ? current->name : app.locale).c_str(), ImGuiComboFlags_HeightLargest);
    RecordWidget(view, "lang.menu",
                 {.role = Role::Disclosure, .name = ComboName(app, app.messages.Format("app.language"), current ? current->name : app.locale), .on = open});
    if (!open) return;
    bool pseudo_header = false;
    for (const LocaleInfo& l : MenuLocales(app)) {
        if (!l.pseudo_from.empty() && !pseudo_header) {
            ImGui::Separator();
            Label(app, app.messages.Format("app.test_locales"), Tone::Disabled);
            pseudo_header = true;
        }
        if (Choice(app, (Shown(app, l.name) + "##" + l.tag).c_str(), l.tag == app.locale) && l.tag != app.locale)
            RequestLocale(app, l.tag);
        RecordWidget(view, "lang." + l.tag, {.role = Role::Option, .name = l.name, .on = l.tag == app.locale});
    }
    ImGui::EndCombo();
}

void CurrencyMenu(App& app, TestView& view, float width)
{
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##currency", Shown(app, CurrencyLabel(app, app.display_currency)).c_str(), ImGuiComboFlags_HeightLargest);
    RecordWidget(view, "currency.menu",
                 {.role = Role::Disclosure, .name = ComboName(app, app.messages.Format("app.currency"), CurrencyLabel(app, app.display_currency)), .on = open});
    if (!open) return;
    for (const std::string& code : CurrencyCodes(app)) {
        if (Choice(app, (Shown(app, CurrencyLabel(app, code)) + "##" + code).c_str(), code == app.display_currency))
            SetDisplayCurrency(app, code);
        RecordWidget(view, "currency." + (code.empty() ? std::string("CNY") : code),
                     {.role = Role::Option, .name = CurrencyLabel(app, code), .on = code == app.display_currency});
    }
    ImGui::EndCombo();
}

// Text size and contrast, for shoppers who need them (theme.h).
const char* const kTextScaleKeys[] = {"display.text_normal", "display.text_large", "display.text_largest"};

std::vector<std::string> DisplayLabels(const App& app)
{
    std::vector<std::string> out;
    for (const char* key : kTextScaleKeys) out.push_back(app.messages.Format(key));
    out.push_back(app.messages.Format("display.high_contrast"));
    out.push_back(app.messages.Format("display.dark"));
    out.push_back(app.messages.Format("display.menu"));
    return out;
}

void DisplayMenu(App& app, TestView& view, float width)
{
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##display", Shown(app, app.messages.Format("display.menu")).c_str(), ImGuiComboFlags_HeightLargest);
    RecordWidget(view, "display.menu", {.role = Role::Disclosure, .name = app.messages.Format("display.menu"), .on = open});
    if (!open) return;
    for (size_t k = 0; k < std::size(kTextScales); k++) {
        if (Choice(app, (Shown(app, app.messages.Format(kTextScaleKeys[k])) + "##" + kTextScaleKeys[k]).c_str(),
                   app.display.text_scale == kTextScales[k]))
            SetTextScale(app, kTextScales[k]);
        RecordWidget(view, kTextScaleKeys[k],
                     {.role = Role::Option, .name = app.messages.Format(kTextScaleKeys[k]), .on = app.display.text_scale == kTextScales[k]});
    }
    ImGui::Separator();
    if (Choice(app, Shown(app, app.messages.Format("display.high_contrast")).c_str(), app.display.high_contrast))
        SetHighContrast(app, !app.display.high_contrast);
    RecordWidget(view, "display.high_contrast",
                 {.role = Role::Checkbox, .name = app.messages.Format("display.high_contrast"), .on = app.display.high_contrast});
    if (Choice(app, Shown(app, app.messages.Format("display.dark")).c_str(), app.display.dark)) SetDarkColors(app, !app.display.dark);
    RecordWidget(view, "display.dark", {.role = Role::Checkbox, .name = app.messages.Format("display.dark"), .on = app.display.dark});
    ImGui::EndCombo();
}

// The store's logo (a frame's height, square) and name, at the reading start; one widget.
float StoreNameWidth(const App& app, const std::string& shown_name)
{
    float logo = app.brand.logo.empty() ? 0 : ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    return logo + ImGui::CalcTextSize(shown_name.c_str()).x;
}

void StoreName(App& app, TestView& view, const std::string& name, const std::string& shown_name)
{
    const float side = ImGui::GetFrameHeight(), gap = ImGui::GetStyle().ItemInnerSpacing.x;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = StoreNameWidth(app, shown_name);
    ImGui::Dummy(ImVec2(width, side));
    RecordWidget(view, "app.title", {.role = Role::Text, .name = name});
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float text_x = at.x;
    if (!app.brand.logo.empty()) {
        float logo_x = app.rtl ? at.x + width - side : at.x;
        DrawFittedPicture(app, app.brand.logo, logo_x, at.y, logo_x + side, at.y + side);
        if (!app.rtl) text_x += side + gap;
    }
    ImGui::PushFont(nullptr);
    draw->AddText(ImVec2(text_x, at.y + (side - ImGui::GetFontSize()) / 2), ImGui::GetColorU32(ImGuiCol_Text), shown_name.c_str());
    ImGui::PopFont();
}

} // namespace

void DrawTopBar(App& app, TestView& view)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string name(ChooseText(app.brand.name, {}, app.locale_chain).text);
    std::string title = Shown(app, name);
    std::string cart;
    if (app.screen != Screen::Cart && !InBackOffice(app))
        cart = Shown(app, app.messages.Format("browse.cart_button", {{"count", app.cart.ItemCount()}}));
    std::vector<std::string> names;
    for (const LocaleInfo& l : MenuLocales(app)) names.push_back(l.name);
    const float language_width = ComboWidth(app, names);
    bool currencies = app.currency_rates_loaded && !app.currency_rates.rates.empty() && !InBackOffice(app);
    std::vector<std::string> currency_names;
    for (const std::string& code : CurrencyCodes(app)) currency_names.push_back(CurrencyLabel(app, code));
    const float currency_width = currencies ? ComboWidth(app, currency_names) : 0;
    const float display_width = ComboWidth(app, DisplayLabels(app));
    const float cart_width = cart.empty() ? 0 : ImGui::CalcTextSize(cart.c_str()).x + style.FramePadding.x * 2;
    float controls = language_width + display_width + style.ItemSpacing.x + (currencies ? currency_width + style.ItemSpacing.x : 0) +
                     (cart.empty() ? 0 : cart_width + style.ItemSpacing.x);
    const float left_edge = ImGui::GetCursorPosX(), right_edge = ImGui::GetWindowContentRegionMax().x;
    const float title_width = StoreNameWidth(app, title);
    // A phone is too narrow for the name and the controls on one line: the name gets its own, and
    // the controls wrap.
    const bool one_line = title_width + style.ItemSpacing.x * 2 + controls <= right_edge - left_edge;

    // The controls left to right. On one line, each after the last; else each after the last if
    // it fits, or at the start of a new line.
    float x = 0; // where the next control may start (narrow: window coordinates)
    auto place = [&](float width, bool first) {
        if (one_line) {
            if (!first) ImGui::SameLine();
            return;
        }
        if (!first && x + style.ItemSpacing.x + width <= right_edge) {
            ImGui::SameLine();
            x += style.ItemSpacing.x;
        } else {
            x = left_edge;
        }
        ImGui::SetCursorPosX(x);
        x += width;
    };
    auto draw_controls = [&] {
        bool first = true;
        if (!cart.empty()) {
            place(cart_width, first);
            first = false;
            if (ImGui::Button((cart + "##nav.cart").c_str())) app.screen = Screen::Cart;
            RecordWidget(view, "nav.cart",
                         {.role = Role::Button, .name = app.messages.Format("browse.cart_button", {{"count", app.cart.ItemCount()}})});
        }
        if (currencies) {
            place(currency_width, first);
            first = false;
            CurrencyMenu(app, view, currency_width);
        }
        place(language_width, first);
        LanguageMenu(app, view, language_width);
        place(display_width, false);
        DisplayMenu(app, view, display_width);
    };
    ImGui::AlignTextToFramePadding();
    if (!one_line) {
        if (app.rtl) ImGui::SetCursorPosX(right_edge - title_width);
        StoreName(app, view, name, title);
        draw_controls();
    } else if (!app.rtl) {
        // Left to right: the store's name, then the controls at the right edge. Right to left, mirrored.
        StoreName(app, view, name, title);
        ImGui::SameLine(right_edge - controls);
        draw_controls();
    } else {
        draw_controls();
        ImGui::SameLine(right_edge - title_width);
        StoreName(app, view, name, title);
    }
    ImGui::Separator();
    // Offline: the kept catalog is shown, and orders wait on this device (ordering.h).
    if (!ServerReachable()) {
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Warning));
        SetNextTextRole(Role::Status, "offline.badge");
        Paragraph(app, app.outbox.empty() ? app.messages.Format("offline.badge")
                                          : app.messages.Format("offline.badge_waiting", {{"count", int64_t(app.outbox.size())}}));
        ImGui::PopStyleColor();
        RecordRect(view, "offline.badge");
    }
}

void DrawFittedPicture(const App& app, const std::string& url, float min_x, float min_y, float max_x, float max_y)
{
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float w = max_x - min_x, h = max_y - min_y;
    const ShownImage& image = ImageAt(ThumbnailUrl(url, std::max(w, h)));
    if (image.state == ShownImage::State::Ready && image.width > 0 && image.height > 0) {
        float k = std::min(w / float(image.width), h / float(image.height));
        ImVec2 size(image.width * k, image.height * k);
        ImVec2 min(min_x + (w - size.x) / 2, min_y + (h - size.y) / 2);
        draw->AddImageRounded(TextureOf(image.texture), min, ImVec2(min.x + size.x, min.y + size.y), ImVec2(0, 0), ImVec2(1, 1),
                              IM_COL32_WHITE, app.brand.corner_radius * UiScale(app) * 0.5f);
        return;
    }
    draw->AddRectFilled(ImVec2(min_x, min_y), ImVec2(max_x, max_y), ImGui::GetColorU32(ImGuiCol_FrameBgHovered),
                        ImGui::GetStyle().FrameRounding);
}

float PictureButtonWidth(const App& app, const std::string& shown_label)
{
    (void)app;
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(shown_label.c_str()).x + style.FramePadding.x * 2;
}

bool PictureButton(const App& app, const char* id, const std::string& shown_label, const std::string& picture_url)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float height = ImGui::GetFrameHeight(), width = PictureButtonWidth(app, shown_label);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    ImGuiCol bg = ImGui::IsItemActive() ? ImGuiCol_ButtonActive : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered : ImGuiCol_Button;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(bg), style.FrameRounding);
    if (style.FrameBorderSize > 0)
        draw->AddRect(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding, 0, style.FrameBorderSize);
    // The picture at the reading start, inset; the label after it.
    const float inset = std::max(2.0f, style.FramePadding.y * 0.4f), side = height - inset * 2;
    const float pic_x = app.rtl ? at.x + width - inset - side : at.x + inset;
    if (!picture_url.empty()) DrawFittedPicture(app, picture_url, pic_x, at.y + inset, pic_x + side, at.y + inset + side);
    const float text_x = app.rtl ? at.x + style.FramePadding.x : at.x + inset + side + style.ItemInnerSpacing.x;
    draw->AddText(ImVec2(text_x, at.y + (height - ImGui::GetFontSize()) / 2), ImGui::GetColorU32(ImGuiCol_Text), shown_label.c_str());
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible) // (ImGui draws no focus mark on an invisible button)
        draw->AddRect(at, ImVec2(at.x + width, at.y + height), ImGui::GetColorU32(ImGuiCol_NavHighlight), style.FrameRounding, 0, 2.0f);
    return pressed;
}

bool BackButton(App& app, TestView& view, const char* message_key, const std::string& widget_id)
{
    const std::string label = Shown(app, app.messages.Format(message_key));
    if (app.rtl) {
        const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - width));
    }
    const bool pressed = ImGui::Button(label.c_str());
    RecordWidget(view, widget_id, {.role = Role::Button, .name = TrimmedArrow(app.messages.Format(message_key))});
    return pressed;
}

} // namespace bondstore::web
