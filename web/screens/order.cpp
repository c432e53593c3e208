#include "web/screens/order.h"

#include "web/actions/labels.h"
#include "web/actions/ordering.h"
#include "web/platform/fetch.h"
#include "web/platform/test_hook.h"
#include "web/screens/handoff.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/i18n/formatting.h"
#include "core/orders/shipment.h"
#include "core/wire/order_json.h"

#include <imgui.h>

namespace bondstore::web {

namespace {

// An order placed offline, kept on this device until the server has it; or, once the server has
// refused it, why.
void DrawWaitingOrder(App& app, TestView& view)
{
    const Messages& m = app.messages;
    OrderState& o = app.order;
    view.order_no.clear();
    view.order_status = o.notice.empty() ? "none" : "refused";
    const QueuedOrder* queued = nullptr;
    for (const QueuedOrder& q : app.outbox)
        if (q.key == o.queued_key) queued = &q;
    if (queued) {
        SetNextTextRole(Role::Heading, "order.queued_title", 1);
        Label(app, m.Format("order.queued_title"));
        Paragraph(app, m.Format(queued->sealed ? "order.queued_sealed_body" : "order.queued_body"), Tone::Disabled);
        OrderRequestParse parsed = ParseOrderRequestJson(queued->shown);
        for (const OrderLineRequest& l : parsed.request.lines) {
            const Product* p = app.catalog.FindBySku(l.sku);
            Label(app, m.Format("order.queued_line", {{"title", p ? ProductTitle(app, *p) : l.sku}, {"qty", l.qty}}));
        }
        Label(app, m.Format("order.queued_total", {{"amount", app.prices->Format(parsed.request.expected_total)}}));
        view.order_status = "queued";
        if (queued->sealed && !queued->follow.empty()) { // a kiosk's: the shopper follows it, and pays, on their phone
            ImGui::Spacing();
            Label(app, m.Format("order.follow_title"));
            Paragraph(app, m.Format("order.follow_body"), Tone::Disabled);
            std::string url = UrlWithQuery(HandoffBase(), {{"follow", queued->follow}});
            if (DrawQrCode(app, url, Px(app, 280))) view.handoff_url = url;
            RecordWidget(view, "order.follow_qr", {.role = Role::Image, .name = m.Format("a11y.qr_code")});
        }
    } else if (!o.following.empty()) {
        Label(app, m.Format("order.following_title"));
        Paragraph(app, m.Format("order.following_body"), Tone::Disabled);
        view.order_status = "following";
        // A kiosk that never comes back (its order lost with it) must not hold the phone forever.
        if (ImGui::Button(Shown(app, m.Format("order.follow_stop")).c_str())) {
            StopFollowing(app);
            app.screen = Screen::Browse;
        }
        RecordWidget(view, "order.follow_stop", {.role = Role::Button, .name = m.Format("order.follow_stop")});
    }
    if (!o.notice.empty()) Paragraph(app, o.notice);
    ImGui::Spacing();
    if (ImGui::Button(Shown(app, m.Format("order.continue")).c_str())) app.screen = Screen::Browse;
    RecordWidget(view, "order.continue", {.role = Role::Button, .name = m.Format("order.continue")});
}

} // namespace

void DrawOrder(App& app, TestView& view)
{
    const Messages& m = app.messages;
    OrderState& o = app.order;
    const OrderReceipt& r = o.receipt;
    BeginFullScreenWindow("##order");
    DrawTopBar(app, view);
    if (!o.queued_key.empty() || r.order_no.empty()) {
        DrawWaitingOrder(app, view);
        ImGui::End();
        return;
    }
    SetNextTextRole(Role::Heading, "order.title", 1);
    Label(app, m.Format("order.title", {{"order_no", r.order_no}}));
    std::string status = m.Format(std::string("order.status.") + StatusCode(r.status));
    SetNextTextRole(Role::Status, "order.status"); // (read out as the order moves on: paid, released, …)
    Label(app, m.Format("order.status_label", {{"status", status}}));
    Label(app, m.Format("order.amount", {{"amount", app.prices->Format(r.amount_to_pay)}, {"tax", app.prices->Format(r.tax_total)}}));
    // Why customs refused it, in the shopper's words: the receipt's code is in the rejection's
    // timeline entry ("CEB622 -621018").
    for (const OrderTimelineEntry& e : r.timeline) {
        if (e.status != OrderStatus::Rejected) continue;
        std::optional<int64_t> receipt = CustomsReceiptCodeOf(e.detail, "inventory");
        if (!receipt) receipt = CustomsReceiptCodeOf(e.detail, "order");
        const int64_t code = receipt.value_or(0);
        const char* key = code == -621005   ? "order.customs_reason.single_limit"
                          : code == -621018 ? "order.customs_reason.annual_limit"
                          : code == 100     ? "order.customs_reason.documents"
                                            : "order.customs_reason.other";
        Paragraph(app, m.Format(key, {{"code", std::to_string(code)}}));
        view.order_reason = "customs." + std::to_string(code);
    }
    // Customs holding the goods (review, inspection, detention): said as such, not only "declared".
    CustomsHold hold = CustomsHoldOf(r.status, r.customs);
    view.order_hold = CustomsHoldCode(hold);
    if (hold != CustomsHold::None) Paragraph(app, m.Format("order.hold." + view.order_hold));
    // A withdrawal asked of customs: nothing is given back until customs agrees; or it refused.
    if (r.status == OrderStatus::Withdrawing) Paragraph(app, m.Format("order.withdrawing"));
    for (const OrderTimelineEntry& e : r.timeline)
        if (e.status == OrderStatus::Cancelled && CustomsReceiptCodeOf(e.detail, "withdrawal")) {
            Paragraph(app, m.Format("order.withdrawn"));
            view.order_reason = "withdrawn";
        }
    if (r.status == OrderStatus::Declared)
        for (const OrderTimelineEntry& e : r.timeline)
            if (std::optional<int64_t> code = CustomsReceiptCodeOf(e.detail, "withdrawal")) {
                Paragraph(app, m.Format("order.withdraw_refused", {{"code", std::to_string(*code)}}));
                view.order_reason = "withdraw_refused";
            }
    // A return asked of customs, accepted (send the goods back by the day due), the goods back
    // (the refund follows), or refused (the goods stay the shopper's).
    // China time for every moment shown: the order's, customs' and the carrier's clock.
    auto when = [&](int64_t at) { return FormatDateTime(at, 480, app.prices->locale()); };
    const OrderReturn& ret = r.return_info;
    if (r.status == OrderStatus::Returning) {
        Paragraph(app, m.Format("order.returning", {{"date", when(ret.due_back_at)}}));
        view.order_reason = "returning";
    }
    if (r.status == OrderStatus::Returned && ret.requested_at != 0) {
        Paragraph(app, ret.goods_back_at != 0 ? m.Format("order.return_goods_back", {{"date", when(ret.goods_back_at)}})
                                               : m.Format("order.return_accepted", {{"date", when(ret.due_back_at)}}));
        view.order_reason = ret.goods_back_at != 0 ? "return_goods_back" : "return_accepted";
    }
    if (r.status == OrderStatus::Delivered)
        for (const OrderTimelineEntry& e : r.timeline)
            if (std::optional<int64_t> code = CustomsReceiptCodeOf(e.detail, "return")) {
                Paragraph(app, m.Format("order.return_refused", {{"code", std::to_string(*code)}}));
                view.order_reason = "return_refused";
            }
    // A payer who was not the buyer: customs would refuse the order, so it ended, refunded.
    for (const OrderTimelineEntry& e : r.timeline)
        if (e.status == OrderStatus::Cancelled && e.detail == "payer_mismatch") {
            Paragraph(app, m.Format("order.payer_mismatch"));
            view.order_reason = e.detail;
        }
    // The parcel: the carrier and its waybill once given, and where the parcel is (latest first).
    view.order_waybill.clear();
    view.order_tracking.clear();
    if (!r.shipment.carrier.empty()) {
        std::string carrier = m.Format("carrier.name." + r.shipment.carrier);
        if (r.shipment.waybill_no.empty()) {
            Paragraph(app, m.Format("order.shipment_pending", {{"carrier", carrier}}), Tone::Disabled);
        } else {
            Label(app, m.Format("order.shipment", {{"carrier", carrier}, {"waybill", r.shipment.waybill_no}}));
            view.order_waybill = r.shipment.waybill_no;
        }
        for (auto e = r.shipment.tracking.rbegin(); e != r.shipment.tracking.rend(); ++e) {
            std::string stage = m.Format(std::string("order.tracking.") + TrackingStageCode(e->stage));
            Label(app, m.Format("order.tracking_entry", {{"time", when(e->at)}, {"stage", stage}, {"place", e->place}}),
                  e == r.shipment.tracking.rbegin() ? Tone::Normal : Tone::Disabled);
        }
        if (!r.shipment.tracking.empty()) view.order_tracking = TrackingStageCode(r.shipment.tracking.back().stage);
    }
    if (r.status == OrderStatus::PendingPayment && r.pay_before)
        Paragraph(app, m.Format("order.pay_before", {{"time", when(r.pay_before)}}), Tone::Disabled);
    if (!o.secret.empty()) Paragraph(app, m.Format("order.secret", {{"secret", o.secret}}), Tone::Disabled);
    ImGui::Spacing();

    ImGui::BeginDisabled(o.busy);
    bool first = true; // the buttons wrap on a narrow screen
    auto button = [&](const char* key, const char* id) {
        std::string label = Shown(app, m.Format(key));
        if (!first) SameLineIfFits(label);
        first = false;
        bool pressed = ImGui::Button(label.c_str());
        RecordWidget(view, id, {.role = Role::Button, .name = m.Format(key)});
        return pressed;
    };
    // How the store takes payment: its provider (GET /api/health), the sandbox said as such, or
    // none at all (then the order waits until its deadline).
    const PaymentSettings& pay = app.payment;
    const bool payable = r.status == OrderStatus::PendingPayment && !(pay.loaded && pay.provider.empty());
    if (payable && (pay.provider == "sandbox" || !pay.loaded)) {
        if (button(pay.sandbox ? "order.pay_sandbox" : "order.pay_now", "order.pay")) PayOrder(app, false);
    } else if (payable) {
        std::string provider = m.Format("payment.provider." + pay.provider);
        auto pay_button = [&](const char* key, const char* id) {
            std::string label = Shown(app, m.Format(key, {{"provider", provider}}));
            if (!first) SameLineIfFits(label);
            first = false;
            bool pressed = ImGui::Button(label.c_str());
            RecordWidget(view, id, {.role = Role::Button, .name = m.Format(key, {{"provider", provider}})});
            return pressed;
        };
        if (pay_button("order.pay_qr", "order.pay")) PayOrder(app, false);
        // A kiosk is not the shopper's phone: it only shows the code.
        if (!app.kiosk.on && pay_button("order.pay_here", "order.pay_here")) PayOrder(app, true);
    }
    // Once declared (customs has the list, not yet released) a cancel is a withdrawal at customs.
    if ((r.status == OrderStatus::PendingPayment || r.status == OrderStatus::Paid || r.status == OrderStatus::Declared) &&
        button("order.cancel", "order.cancel"))
        CancelOrder(app);
    // Delivered goods go back within 30 days of release (the server says when that is over).
    if (r.status == OrderStatus::Delivered && button("order.return", "order.return")) ReturnOrder(app);
    if (button("order.refresh", "order.refresh")) RefreshOrder(app);
    if (button("order.continue", "order.continue")) app.screen = Screen::Browse;
    ImGui::EndDisabled();
    if (!o.notice.empty()) {
        SetNextTextRole(Role::Alert, "order.notice");
        Paragraph(app, o.notice);
    }
    if (r.status == OrderStatus::PendingPayment && pay.loaded && pay.provider.empty())
        Paragraph(app, m.Format("error.payment_unavailable"), Tone::Disabled);
    // A real provider's protocol spoken to its local stand-in: said plainly.
    if (r.status == OrderStatus::PendingPayment && pay.sandbox && pay.provider != "sandbox")
        Paragraph(app, m.Format("order.pay_demo", {{"provider", m.Format("payment.provider." + pay.provider)}}));
    // The provider's code for the shopper's phone; the screen moves on when the payment arrives.
    if (r.status == OrderStatus::PendingPayment && !o.payment_qr.empty()) {
        ImGui::Spacing();
        Paragraph(app, m.Format("order.pay_scan", {{"provider", m.Format("payment.provider." + pay.provider)},
                                                   {"amount", app.prices->Format(r.amount_to_pay)}}));
        DrawQrCode(app, o.payment_qr, Px(app, 300));
        RecordWidget(view, "order.payment_qr", {.role = Role::Image, .name = m.Format("a11y.qr_code")});
    }

    ImGui::Spacing();
    SetNextTextRole(Role::Heading, "order.timeline", 2);
    Label(app, m.Format("order.timeline"));
    ImGui::Separator();
    for (const OrderTimelineEntry& e : r.timeline)
        Label(app, m.Format("order.timeline_entry", {{"time", when(e.at)},
                                                     {"status", m.Format(std::string("order.status.") + StatusCode(e.status))}}),
              Tone::Disabled);
    // Customs' answers, as they arrived, in the shopper's words.
    if (!r.customs.empty()) {
        ImGui::Spacing();
        SetNextTextRole(Role::Heading, "order.customs", 2);
        Label(app, m.Format("order.customs"));
        ImGui::Separator();
        static const int64_t kKnownSteps[] = {2, 3, 4, 100, 120, 300, 399, 500, 501, 502, 503, 599, 700, 800, 899};
        for (const CustomsStep& c : r.customs) {
            std::string key = c.code < 0 ? "order.customs_step.error" : "order.customs_step.other";
            for (int64_t known : kKnownSteps)
                if (c.code == known) key = "order.customs_step." + std::to_string(known);
            std::string step = m.Format(key, {{"code", std::to_string(c.code)}});
            Label(app, m.Format("order.customs_entry", {{"time", when(c.at)}, {"message", m.Format("order.customs_message." + c.message)},
                                                        {"step", step}}),
                  Tone::Disabled);
        }
    }
    view.order_status = StatusCode(r.status);
    view.order_no = r.order_no;
    ImGui::End();
}

} // namespace bondstore::web
