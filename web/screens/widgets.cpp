#include "web/screens/widgets.h"

#include "web/actions/labels.h"
#include "web/actions/settings.h"
#include "web/platform/fetch.h"
#include "web/platform/test_hook.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/i18n/i18n_bundle.h"

#include <imgui.h>

#include <algorithm>
#include <vector>

namespace bondstore::web {

void BeginFullScreenWindow(const char* id)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void RecordWidget(TestView& view, const std::string& id)
{
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    float k = 1 / view.dpr; // in CSS pixels, as the page and the tests see them
    view.widgets.push_back({id, min.x * k, min.y * k, (max.x - min.x) * k, (max.y - min.y) * k});
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
    RecordWidget(view, "lang.menu");
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
        RecordWidget(view, "lang." + l.tag);
    }
    ImGui::EndCombo();
}

void CurrencyMenu(App& app, TestView& view, float width)
{
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##currency", Shown(app, CurrencyLabel(app, app.display_currency)).c_str(), ImGuiComboFlags_HeightLargest);
    RecordWidget(view, "currency.menu");
    if (!open) return;
    for (const std::string& code : CurrencyCodes(app)) {
        if (Choice(app, (Shown(app, CurrencyLabel(app, code)) + "##" + code).c_str(), code == app.display_currency))
            SetDisplayCurrency(app, code);
        RecordWidget(view, "currency." + (code.empty() ? std::string("CNY") : code));
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
    out.push_back(app.messages.Format("display.menu"));
    return out;
}

void DisplayMenu(App& app, TestView& view, float width)
{
    ImGui::SetNextItemWidth(width);
    bool open = ImGui::BeginCombo("##display", Shown(app, app.messages.Format("display.menu")).c_str(), ImGuiComboFlags_HeightLargest);
    RecordWidget(view, "display.menu");
    if (!open) return;
    for (size_t k = 0; k < std::size(kTextScales); k++) {
        if (Choice(app, (Shown(app, app.messages.Format(kTextScaleKeys[k])) + "##" + kTextScaleKeys[k]).c_str(),
                   app.display.text_scale == kTextScales[k]))
            SetTextScale(app, kTextScales[k]);
        RecordWidget(view, kTextScaleKeys[k]);
    }
    ImGui::Separator();
    if (Choice(app, Shown(app, app.messages.Format("display.high_contrast")).c_str(), app.display.high_contrast))
        SetHighContrast(app, !app.display.high_contrast);
    RecordWidget(view, "display.high_contrast");
    ImGui::EndCombo();
}

} // namespace

void DrawTopBar(App& app, TestView& view)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    std::string title = Shown(app, app.messages.Format("app.title"));
    std::string cart;
    if (app.screen != Screen::Cart && !app.merchant.on)
        cart = Shown(app, app.messages.Format("browse.cart_button", {{"count", app.cart.ItemCount()}}));
    std::vector<std::string> names;
    for (const LocaleInfo& l : MenuLocales(app)) names.push_back(l.name);
    const float language_width = ComboWidth(app, names);
    bool currencies = app.currency_rates_loaded && !app.currency_rates.rates.empty() && !app.merchant.on;
    std::vector<std::string> currency_names;
    for (const std::string& code : CurrencyCodes(app)) currency_names.push_back(CurrencyLabel(app, code));
    const float currency_width = currencies ? ComboWidth(app, currency_names) : 0;
    const float display_width = ComboWidth(app, DisplayLabels(app));
    const float cart_width = cart.empty() ? 0 : ImGui::CalcTextSize(cart.c_str()).x + style.FramePadding.x * 2;
    float controls = language_width + display_width + style.ItemSpacing.x + (currencies ? currency_width + style.ItemSpacing.x : 0) +
                     (cart.empty() ? 0 : cart_width + style.ItemSpacing.x);
    const float left_edge = ImGui::GetCursorPosX(), right_edge = ImGui::GetWindowContentRegionMax().x;
    const float title_width = ImGui::CalcTextSize(title.c_str()).x;
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
            RecordWidget(view, "nav.cart");
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
        ImGui::TextUnformatted(title.c_str());
        RecordWidget(view, "app.title");
        draw_controls();
    } else if (!app.rtl) {
        // Left to right: the store's name, then the controls at the right edge. Right to left, mirrored.
        ImGui::TextUnformatted(title.c_str());
        RecordWidget(view, "app.title");
        ImGui::SameLine(right_edge - controls);
        draw_controls();
    } else {
        draw_controls();
        ImGui::SameLine(right_edge - title_width);
        ImGui::TextUnformatted(title.c_str());
        RecordWidget(view, "app.title");
    }
    ImGui::Separator();
    // Offline: the kept catalog is shown, and orders wait on this device (ordering.h).
    if (!ServerReachable()) {
        ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Warning));
        Paragraph(app, app.outbox.empty() ? app.messages.Format("offline.badge")
                                          : app.messages.Format("offline.badge_waiting", {{"count", int64_t(app.outbox.size())}}));
        ImGui::PopStyleColor();
        RecordWidget(view, "offline.badge");
    }
}

} // namespace bondstore::web
