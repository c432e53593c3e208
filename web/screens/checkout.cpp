#include "web/screens/checkout.h"

#include "web/actions/ordering.h"
#include "web/actions/shopping.h"
#include "web/platform/test_hook.h"
#include "web/screens/on_screen_keyboard.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace bondstore::web {

namespace {

// The text of a problem about one field, without the "where" (it is shown under the field).
std::string ProblemText(const Messages& m, const Problem& p)
{
    return m.Format("problem." + p.code, {{"value", p.value}, {"limit", p.limit}, {"field", p.field}});
}

void Field(App& app, TestView& view, const char* label_key, const char* id, char* buffer, size_t size,
           const std::vector<std::string>& fields, KeyboardLayout keys = KeyboardLayout::Latin)
{
    const std::string label = app.messages.Format(label_key);
    SkipNextText(); // (the field's name)
    Label(app, label);
    ImGui::SetNextItemWidth(-FLT_MIN);
    CheckoutState& form = app.checkout;
    bool changed = ImGui::InputText((std::string("##") + id).c_str(), buffer, size);
    WantKeyboard(app.keyboard, keys);
    KeepAboveKeyboard(app.keyboard);
    RecordWidget(view, std::string("checkout.") + id, {.role = Role::TextField, .name = label, .value = buffer, .on = ImGui::IsItemActive()});
    form.edited |= changed;
    // Finished with: left after an edit, or an ID number at its full length.
    bool finished = ImGui::IsItemDeactivatedAfterEdit() || (changed && fields.front() == "buyer.id_number" && std::strlen(buffer) >= 18);
    if (finished)
        for (const std::string& f : fields)
            if (std::find(form.touched.begin(), form.touched.end(), f) == form.touched.end()) form.touched.push_back(f);
    // Under the field, what core (or the server) found wrong with it.
    ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
    for (const Problem& p : form.problems)
        for (const std::string& f : fields)
            if (p.field == f && (form.attempted || std::find(form.touched.begin(), form.touched.end(), f) != form.touched.end())) {
                SetNextTextRole(Role::Alert, "checkout.problem." + p.field + "." + p.code);
                Paragraph(app, ProblemText(app.messages, p));
                view.form_problems.push_back(p.field + ":" + p.code);
            }
    ImGui::PopStyleColor();
}

} // namespace

void DrawCheckout(App& app, TestView& view)
{
    const Messages& m = app.messages;
    CheckoutState& f = app.checkout;
    // Core's checks, again after every change (the server runs the same ones).
    if (f.edited || f.touched.size() != f.checked_touched) {
        CheckoutRequest(app, &f.problems);
        f.edited = false;
        f.checked_touched = f.touched.size();
    }
    view.form_problems.clear();
    BeginFullScreenWindow("##checkout");
    DrawTopBar(app, view);
    if (BackButton(app, view, "checkout.back", "checkout.back")) app.screen = Screen::Cart;
    SetNextTextRole(Role::Heading, "checkout.title", 1);
    Label(app, m.Format("checkout.title"));
    ImGui::Spacing();

    float width = std::min(ImGui::GetContentRegionAvail().x, Px(app, 640));
    if (app.rtl) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - width);
    ImGui::BeginChild("##form", ImVec2(width, 0));
    SetNextTextRole(Role::Heading, "checkout.buyer", 2);
    Label(app, m.Format("checkout.buyer"));
    Paragraph(app, m.Format("checkout.buyer_note"), Tone::Disabled);
    Field(app, view, "checkout.name", "buyer_name", f.buyer_name, sizeof f.buyer_name, {"buyer.name"});
    Field(app, view, "checkout.id_number", "id_number", f.id_number, sizeof f.id_number, {"buyer.id_number"}, KeyboardLayout::Digits);
    Field(app, view, "checkout.phone", "buyer_phone", f.buyer_phone, sizeof f.buyer_phone, {"buyer.phone"}, KeyboardLayout::Digits);
    ImGui::Spacing();
    SetNextTextRole(Role::Heading, "checkout.consignee", 2);
    Label(app, m.Format("checkout.consignee"));
    ImGui::Checkbox(Shown(app, m.Format("checkout.same_person")).c_str(), &f.buyer_receives);
    RecordWidget(view, "checkout.same_person", {.role = Role::Checkbox, .name = m.Format("checkout.same_person"), .on = f.buyer_receives});
    if (!f.buyer_receives) {
        Field(app, view, "checkout.name", "consignee_name", f.consignee_name, sizeof f.consignee_name, {"consignee.name"});
        Field(app, view, "checkout.phone", "consignee_phone", f.consignee_phone, sizeof f.consignee_phone, {"consignee.phone"}, KeyboardLayout::Digits);
    }
    Field(app, view, "checkout.address", "address", f.address, sizeof f.address, {"consignee.address"});
    Field(app, view, "checkout.district", "district", f.district, sizeof f.district, {"consignee.district"}, KeyboardLayout::Digits);
    // Problems not about one of these fields (the lines, the stock, the limits).
    ImGui::PushStyleColor(ImGuiCol_Text, InkColor(app, Ink::Problem));
    for (const Problem& p : f.problems)
        if (p.field.rfind("buyer.", 0) != 0 && p.field.rfind("consignee.", 0) != 0) {
            SetNextTextRole(Role::Alert, "checkout.problem." + p.field + "." + p.code);
            Paragraph(app, ProblemText(m, p));
        }
    if (!f.notice.empty()) {
        SetNextTextRole(Role::Alert, "checkout.notice");
        Paragraph(app, f.notice);
    }
    ImGui::PopStyleColor();
    ImGui::Spacing();

    const TaxQuote& q = CartQuote(app);
    std::string label = f.busy ? m.Format("checkout.placing") : m.Format("checkout.place_order", {{"amount", app.prices->Format(q.amount_to_pay)}});
    ImGui::BeginDisabled(f.busy || app.cart.empty() || !q.accepted());
    if (PrimaryButton(app, Shown(app, label).c_str(), ImVec2(-FLT_MIN, 0))) PlaceOrder(app);
    ImGui::EndDisabled();
    RecordWidget(view, "checkout.place", {.role = Role::Button, .name = label});
    KeyboardRoom(app.keyboard);
    ImGui::EndChild();
    ImGui::End();
}

} // namespace bondstore::web
