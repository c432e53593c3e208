#include "web/screens/operator.h"

#include "web/actions/operator_desk.h"
#include "web/platform/test_hook.h"
#include "web/screens/back_office.h"
#include "web/screens/text_layout.h"
#include "web/screens/theme.h"
#include "web/screens/widgets.h"
#include "web/state/app.h"
#include "web/state/display.h"

#include "core/i18n/formatting.h"
#include "core/i18n/i18n.h"
#include "core/i18n/i18n_bundle.h"

#include <imgui.h>

#include <algorithm>
#include <map>
#include <vector>

namespace bondstore::web {

namespace {

constexpr int kChinaMinutes = 480; // times are shown on China's clock, where the stores are

// An experience store's name in the operator's language ("" names shoppers' own devices); its id
// if the directory does not have it.
std::string PlaceName(const App& app, const std::string& store)
{
    if (store.empty()) return app.messages.Format("operator.online");
    for (const ExperienceStore& s : app.stores.stores)
        if (s.id == store) return std::string(ChooseText(s.name, {}, app.locale_chain).text);
    return store;
}

std::string When(const App& app, int64_t unix_seconds) { return FormatDateTime(unix_seconds, kChinaMinutes, app.prices->locale()); }

ImGuiTableFlags TableFlags() { return ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp; }

// Where orders came from: a row per place, a bar as long as its orders; choosing one lists them.
void DrawPlaces(App& app, TestView& view)
{
    const Messages& m = app.messages;
    OperatorDesk& d = app.operations;
    struct Totals {
        int64_t orders = 0, goods = 0, tax = 0;
    };
    std::map<std::string, Totals> by_store; // (shoppers' own devices, "", first)
    for (const ExperienceStore& s : app.stores.stores) by_store[s.id]; // (a store without orders too)
    for (const StoreActivity::Place& p : d.activity.places) {
        Totals& t = by_store[p.store];
        t.orders += p.orders;
        t.goods += p.goods_fen;
        t.tax += p.tax_fen;
    }
    by_store[""];
    int64_t most = 1;
    for (const auto& [store, t] : by_store) most = std::max(most, t.orders);
    SetNextTextRole(Role::Heading, "operator.places", 2);
    Label(app, m.Format("operator.places"));
    view.operator_places.clear();
    for (const auto& [store, t] : by_store) {
        ImGui::PushID(store.c_str());
        std::string name = PlaceName(app, store);
        std::string figures = m.Format("operator.place_figures", {{"orders", t.orders}, {"goods", app.prices->Format(Money{t.goods})},
                                                                  {"tax", app.prices->Format(Money{t.tax})}});
        ImGui::ProgressBar(float(t.orders) / float(most), ImVec2(Px(app, 160), 0), std::to_string(t.orders).c_str());
        ImGui::SameLine();
        bool chosen = d.place && *d.place == store;
        if (ImGui::Selectable(Shown(app, name + " · " + figures).c_str(), chosen)) ChoosePlace(app, store);
        RecordWidget(view, "operator.place." + (store.empty() ? std::string("online") : store),
                     {.role = Role::Option, .name = name + " · " + figures, .on = chosen});
        view.operator_places.push_back(store + ":" + std::to_string(t.orders));
        ImGui::PopID();
    }
}

void DrawKiosks(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const OperatorDesk& d = app.operations;
    view.operator_kiosks.clear();
    if (d.activity.kiosks.empty()) return;
    ImGui::Spacing();
    SetNextTextRole(Role::Heading, "operator.kiosks", 2);
    Label(app, m.Format("operator.kiosks"));
    if (!ImGui::BeginTable("##kiosks", 5, TableFlags())) return;
    TableColumns(app, {{"operator.col_kiosk", 2.0f}, {"operator.col_store", 2.0f}, {"operator.col_state", 1.2f},
                  {"operator.col_last_contact", 1.6f}, {"operator.col_orders", 0.8f}});
    for (const StoreActivity::Kiosk& k : d.activity.kiosks) {
        int64_t orders = 0;
        for (const StoreActivity::Place& p : d.activity.places)
            if (p.kiosk == k.id) orders += p.orders;
        ImGui::TableNextRow();
        TableCell(app, 0, 5);
        Label(app, k.name.empty() ? k.id : k.name + " (" + k.id + ")");
        TableCell(app, 1, 5);
        Label(app, k.store.empty() ? std::string() : PlaceName(app, k.store));
        TableCell(app, 2, 5);
        Label(app, m.Format("operator.kiosk_state." + k.state), k.state == "enrolled" ? Tone::Normal : Tone::Disabled);
        TableCell(app, 3, 5);
        Label(app, k.last_seen_at ? When(app, k.last_seen_at) : m.Format("operator.never"), Tone::Disabled);
        TableCell(app, 4, 5);
        LabelAtEnd(app, std::to_string(orders));
        view.operator_kiosks.push_back(k.id + " " + k.store + " " + k.state);
    }
    ImGui::EndTable();
}

void DrawPlaceOrders(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const OperatorDesk& d = app.operations;
    view.operator_orders.clear();
    view.operator_place = d.place.value_or("-");
    if (!d.place) return;
    ImGui::Spacing();
    SetNextTextRole(Role::Heading, "operator.orders_at", 2);
    Label(app, m.Format("operator.orders_at", {{"place", PlaceName(app, *d.place)}}));
    if (d.orders.orders.empty()) return Label(app, m.Format("operator.no_orders"), Tone::Disabled);
    if (!ImGui::BeginTable("##orders", 5, TableFlags())) return;
    TableColumns(app, {{"operator.col_order", 2.0f}, {"operator.col_placed", 1.6f}, {"operator.col_kiosk", 1.2f}, {"operator.col_status", 1.4f},
                  {"operator.col_amount", 1.0f}});
    for (const OrderOverview::Order& o : d.orders.orders) {
        ImGui::TableNextRow();
        TableCell(app, 0, 5);
        Label(app, o.order_no);
        TableCell(app, 1, 5);
        Label(app, When(app, o.placed_at), Tone::Disabled);
        TableCell(app, 2, 5);
        Label(app, o.kiosk);
        TableCell(app, 3, 5);
        Label(app, m.Format(std::string("order.status.") + StatusCode(o.status)));
        TableCell(app, 4, 5);
        LabelAtEnd(app, app.prices->Format(Money{o.amount_fen}));
        view.operator_orders.push_back(o.order_no + " " + o.kiosk + " " + StatusCode(o.status));
    }
    ImGui::EndTable();
}

void DrawStores(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const OperatorDesk& d = app.operations;
    std::vector<float> orders;
    int64_t total = 0, at_stores = 0;
    for (const StoreActivity::Day& day : d.activity.days) {
        orders.push_back(float(day.orders));
        total += day.orders;
        at_stores += day.at_stores;
    }
    ImGui::BeginChild("##stores");
    if (!d.activity.days.empty())
        Label(app, m.Format("merchant.period", {{"from", d.activity.from}, {"to", d.activity.to}}), Tone::Disabled);
    DayChart(app, view, "operator", "##orders", m.Format("operator.chart_orders", {{"count", total}, {"at_stores", at_stores}}), orders, false);
    DrawPlaces(app, view);
    DrawKiosks(app, view);
    DrawPlaceOrders(app, view);
    ImGui::EndChild();
}

// The relay to the single window, customs' rejections, tax bills that differ, refunds.
void DrawCustoms(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const OperatorDesk& d = app.operations;
    ImGui::BeginChild("##customs");
    const RelayStatus& r = d.relay;
    if (!r.on) {
        Paragraph(app, m.Format("operator.relay_off"));
    } else {
        SetNextTextRole(Role::Status, "operator.relay");
        Paragraph(app, m.Format("operator.relay", {{"pending", r.pending}, {"failing", r.failing}, {"sent", r.sent}, {"parked", r.parked_total}}),
                  r.failing || r.parked_total ? Tone::Normal : Tone::Disabled);
        if (r.pending > 0) Label(app, m.Format("operator.relay_oldest", {{"minutes", r.oldest_age_s / 60}}), Tone::Disabled);
    }
    for (const RelayStatus::Parked& p : r.parked)
        Paragraph(app, m.Format("operator.parked_entry", {{"order", p.order_no}, {"kind", p.kind}, {"attempts", p.attempts}, {"error", p.error}}));
    view.operator_parked = int(r.parked.size());
    ImGui::Separator();
    SetNextTextRole(Role::Heading, "operator.rejections", 2);
    Label(app, m.Format("operator.rejections", {{"count", int64_t(d.rejections.rejections.size())}}));
    for (const CustomsRejections::Rejection& x : d.rejections.rejections)
        Paragraph(app, m.Format("operator.rejection_entry", {{"order", x.order_no}, {"merchant", x.merchant}, {"place", PlaceName(app, x.store)},
                                                             {"code", x.code}, {"info", x.info}, {"date", When(app, x.rejected_at)}}));
    view.operator_rejections = int(d.rejections.rejections.size());
    ImGui::Separator();
    std::vector<std::string> differing;
    DrawTaxDifferences(app, d.tax_bills, differing);
    if (!d.tax_bills.bills.empty()) ImGui::Separator();
    DrawRefunds(app, d.refunds);
    ImGui::EndChild();
}

// A dimension of the statistics: a row per key, a bar as long as its goods value.
void DrawStatisticsTable(App& app, TestView& view, const StatisticsTable& t)
{
    const Messages& m = app.messages;
    ImGui::Spacing();
    SetNextTextRole(Role::Heading, "operator.stats." + t.dimension, 2);
    Label(app, m.Format("operator.stats_by." + t.dimension));
    int64_t most = 1;
    for (const StatisticsRow& r : t.rows) most = std::max(most, r.figures.goods_fen);
    for (const StatisticsRow& r : t.rows) {
        std::string key = r.key;
        if (t.dimension == "origin") key = r.key.empty() ? m.Format("operator.stats_none") : CountryName(r.key, app.prices->locale());
        else if (t.dimension == "store") key = PlaceName(app, r.key);
        else if (t.dimension == "outcome") key = m.Format("operator.stats_outcome." + r.key);
        else if (r.key.empty()) key = m.Format("operator.stats_none");
        const StatisticsFigures& f = r.figures;
        ImGui::ProgressBar(float(f.goods_fen) / float(most), ImVec2(Px(app, 160), 0), app.prices->Format(Money{f.goods_fen}).c_str());
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        Label(app, key + " · " + m.Format("operator.stats_row", {{"orders", f.orders}, {"qty", f.qty}, {"tax", app.prices->Format(Money{f.tax_fen()})}}));
        view.operator_stats.push_back(t.dimension + ":" + r.key + ":" + std::to_string(f.orders));
    }
}

// The regulator's figures of a month: the totals, orders per day, each dimension; the month's
// CSV and workbook to download.
void DrawStatistics(App& app, TestView& view)
{
    const Messages& m = app.messages;
    OperatorDesk& d = app.operations;
    view.operator_stats.clear();
    if (d.stats_month.empty()) LoadStatistics(app, FormatIsoDate(app.today).substr(0, 7));
    ImGui::BeginChild("##stats");
    if (ImGui::Button(Shown(app, m.Format("operator.stats_previous")).c_str())) StepStatisticsMonth(app, -1);
    RecordWidget(view, "operator.stats_previous", {.role = Role::Button, .name = m.Format("operator.stats_previous")});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    SetNextTextRole(Role::Heading, "operator.stats_month", 2);
    Label(app, m.Format("operator.stats_month", {{"month", d.stats_month}}));
    ImGui::SameLine();
    if (ImGui::Button(Shown(app, m.Format("operator.stats_next")).c_str())) StepStatisticsMonth(app, +1);
    RecordWidget(view, "operator.stats_next", {.role = Role::Button, .name = m.Format("operator.stats_next")});
    ImGui::SameLine();
    if (ImGui::Button(Shown(app, m.Format("operator.stats_csv")).c_str())) DownloadStatistics(app, "csv");
    RecordWidget(view, "operator.stats_csv", {.role = Role::Button, .name = m.Format("operator.stats_csv")});
    ImGui::SameLine();
    if (ImGui::Button(Shown(app, m.Format("operator.stats_xlsx")).c_str())) DownloadStatistics(app, "xlsx");
    RecordWidget(view, "operator.stats_xlsx", {.role = Role::Button, .name = m.Format("operator.stats_xlsx")});
    view.operator_stats_month = d.stats_loaded ? d.stats_month : std::string();
    if (d.stats_loaded) {
        const StatisticsFigures& t = d.stats.total;
        SetNextTextRole(Role::Status, "operator.stats_total");
        Paragraph(app, m.Format("operator.stats_total", {{"orders", t.orders}, {"goods", app.prices->Format(Money{t.goods_fen})},
                                                         {"tariff", app.prices->Format(Money{t.tariff_fen})},
                                                         {"consumption", app.prices->Format(Money{t.consumption_tax_fen})},
                                                         {"vat", app.prices->Format(Money{t.vat_fen})}, {"released", t.released},
                                                         {"rejected", t.rejected}, {"returned", t.returned}}));
        for (const StatisticsTable& table : d.stats.tables) {
            if (table.dimension != "day") continue;
            std::vector<float> orders;
            for (const StatisticsRow& r : table.rows) orders.push_back(float(r.figures.orders));
            DayChart(app, view, "operator", "##stats_days", m.Format("operator.stats_days", {{"count", t.orders}}), orders, false);
        }
        for (const StatisticsTable& table : d.stats.tables)
            if (table.dimension != "day") DrawStatisticsTable(app, view, table);
    }
    ImGui::EndChild();
}

void DrawMerchants(App& app, TestView& view)
{
    const Messages& m = app.messages;
    const OperatorDesk& d = app.operations;
    ImGui::BeginChild("##merchants");
    if (d.merchants.merchants.empty()) Label(app, m.Format("operator.no_merchants"), Tone::Disabled);
    for (const MerchantAccounts::Merchant& merchant : d.merchants.merchants) {
        SetNextTextRole(Role::Heading, "operator.merchant." + merchant.merchant, 2);
        Label(app, merchant.merchant);
        ImGui::Indent();
        for (const MerchantAccounts::Token& t : merchant.tokens)
            Label(app, m.Format("operator.token_entry", {{"label", t.label}, {"prefix", t.hash_prefix}, {"date", t.created_at},
                                                         {"state", m.Format(t.revoked ? "operator.token_state.revoked" : "operator.token_state.active")}}),
                  t.revoked ? Tone::Disabled : Tone::Normal);
        ImGui::Unindent();
    }
    view.operator_merchants = int(d.merchants.merchants.size());
    ImGui::EndChild();
}

} // namespace

void DrawOperator(App& app, TestView& view)
{
    const Messages& m = app.messages;
    OperatorDesk& d = app.operations;
    BeginFullScreenWindow("##operator");
    DrawTopBar(app, view);
    ImGui::SetWindowFontScale(1.2f);
    SetNextTextRole(Role::Heading, "operator.title", 1);
    Label(app, m.Format("operator.title"));
    ImGui::SetWindowFontScale(1.0f);
    if (!d.signed_in) {
        view.screen = "operator_sign_in";
        if (DrawTokenSignIn(app, view, {"operator", d.token, sizeof d.token, d.busy, m.Format("operator.sign_in_note"), m.Format("operator.token"),
                                        m.Format("merchant.sign_in"), d.notice}))
            SignInOperator(app);
        ImGui::End();
        return;
    }
    view.screen = "operator";
    Label(app, m.Format("operator.signed_in"), Tone::Disabled);
    const std::string sign_out = Shown(app, m.Format("merchant.sign_out"));
    if (app.rtl) // (under the line, at its reading start: beside it would be off the screen)
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(sign_out.c_str()).x -
                             ImGui::GetStyle().FramePadding.x * 2);
    else
        ImGui::SameLine();
    if (ImGui::SmallButton(sign_out.c_str())) SignOutOperator(app);
    RecordWidget(view, "operator.sign_out", {.role = Role::Button, .name = m.Format("merchant.sign_out")});
    // (Tabs keep their ids across languages: "###", so a language switch keeps the open one.)
    if (ImGui::BeginTabBar("##operator_tabs")) {
        struct Tab {
            const char* key;
            void (*draw)(App&, TestView&);
        };
        static const Tab tabs[] = {{"operator.tab_stores", DrawStores}, {"operator.tab_customs", DrawCustoms},
                                   {"operator.tab_stats", DrawStatistics}, {"operator.tab_merchants", DrawMerchants}};
        for (int i = 0; i < 4; i++) {
            const std::string name = m.Format(tabs[i].key);
            bool open = ImGui::BeginTabItem((Shown(app, name) + "###" + tabs[i].key).c_str());
            RecordWidget(view, tabs[i].key, {.role = Role::Option, .name = name, .on = open});
            if (!open) continue;
            if (d.tab != i) {
                if (d.tab != -1) RefreshOperator(app); // (signing in read them)
                d.tab = i;
            }
            tabs[i].draw(app, view);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

} // namespace bondstore::web
