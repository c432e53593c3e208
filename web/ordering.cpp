#include "web/ordering.h"

#include "web/platform/fetch.h"
#include "web/platform/preferences.h"

#include "core/wire.h"

#include <emscripten.h>
#include <nlohmann/json.hpp>

namespace bondstore::web {

static const char* kInventoryUrl = "/api/inventory";
static const char* kOrdersUrl = "/api/orders";

int64_t Available(const App& app, const std::string& sku)
{
    if (!app.inventory_loaded) return -1;
    for (const SkuAvailability& a : app.inventory)
        if (a.sku == sku) return a.available;
    return 0;
}

void LoadInventory(App& app)
{
    FetchGet(kInventoryUrl, [&app](FetchResult r) {
        if (r.status != 200) return; // availability is a hint; the server checks at checkout
        InventoryParse parsed = ParseInventoryJson(r.body);
        if (!parsed.ok()) return;
        app.inventory = std::move(parsed.items);
        app.inventory_loaded = true;
    });
}

OrderRequest CheckoutRequest(App& app, std::vector<Problem>* problems)
{
    CheckoutState& f = app.checkout;
    OrderRequest o;
    for (const CartLine& l : app.cart.lines) o.lines.push_back({l.sku, l.qty});
    o.buyer = {f.buyer_name, f.id_number, f.buyer_phone};
    if (f.buyer_receives) o.consignee = {f.buyer_name, f.buyer_phone, f.address, f.district};
    else o.consignee = {f.consignee_name, f.consignee_phone, f.address, f.district};
    const TaxQuote& q = CartQuote(app);
    o.expected_total = q.amount_to_pay;
    std::vector<Problem> found = ValidateOrderRequest(o, app.today);
    if (problems) *problems = std::move(found);
    return o;
}

static void ShowReceipt(App& app, const std::string& body)
{
    OrderReceiptParse parsed = ParseOrderReceiptJson(body);
    if (!parsed.ok()) return;
    if (!parsed.receipt.lookup_secret.empty()) app.order.secret = parsed.receipt.lookup_secret;
    app.order.receipt = std::move(parsed.receipt);
    app.order.notice.clear();
}

void PlaceOrder(App& app)
{
    CheckoutState& f = app.checkout;
    if (f.busy) return;
    std::vector<Problem> problems;
    OrderRequest order = CheckoutRequest(app, &problems);
    f.problems = problems;
    f.notice.clear();
    if (HasErrors(problems)) return;
    std::string body = OrderRequestToJson(order);
    if (body != f.keyed_body) { // a new order, not a retry of the last one
        f.idempotency_key = RandomKey();
        f.keyed_body = body;
    }
    f.busy = true;
    FetchPost(kOrdersUrl, body, {{"Idempotency-Key", f.idempotency_key}, {"Accept-Language", app.locale}},
              [&app](FetchResult r) {
        CheckoutState& f = app.checkout;
        f.busy = false;
        if (r.status == 201) {
            ShowReceipt(app, r.body);
            Remember(app, "last_order", app.order.receipt.order_no + " " + app.order.secret);
            app.cart = Cart();
            app.quote_dirty = true;
            f.problems.clear();
            f.keyed_body.clear();
            app.screen = Screen::Order;
            LoadInventory(app);
            return;
        }
        if (r.status == 0) { f.notice = app.messages.Format("checkout.network_error"); return; }
        // The server's answer: its message is already in the shopper's language.
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        std::string code = j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
        if (code == "total_changed" && j.contains("quote")) {
            Money amount{j["quote"].value("amount_to_pay_fen", int64_t(0))};
            f.notice = app.messages.Format("checkout.total_changed", {{"amount", app.prices->Format(amount)}});
        } else if (code == "out_of_stock" && j.contains("skus")) {
            std::string items;
            for (const auto& sku : j["skus"]) {
                const Product* p = sku.is_string() ? app.catalog.FindBySku(sku.get<std::string>()) : nullptr;
                items += (items.empty() ? "" : ", ") + (p ? ProductTitle(app, *p) : sku.dump());
            }
            f.notice = app.messages.Format("checkout.out_of_stock", {{"items", items}});
            LoadInventory(app);
        } else if (j.is_object() && j.contains("error")) {
            f.notice = j["error"].value("message", "");
            f.problems.clear();
            if (j["error"].contains("problems"))
                for (const auto& p : j["error"]["problems"]) {
                    Problem problem;
                    problem.code = p.value("code", "");
                    problem.field = p.value("field", "");
                    problem.section = "order";
                    f.problems.push_back(std::move(problem));
                }
        } else {
            f.notice = app.messages.Format("checkout.network_error");
        }
    });
}

static FetchHeaders SecretHeaders(const App& app)
{
    return {{"X-Order-Secret", app.order.secret}, {"Accept-Language", app.locale}};
}

void RefreshOrder(App& app)
{
    if (app.order.receipt.order_no.empty() || app.order.busy) return;
    app.order.busy = true;
    FetchGetWith(std::string(kOrdersUrl) + "/" + app.order.receipt.order_no, SecretHeaders(app), [&app](FetchResult r) {
        app.order.busy = false;
        if (r.status == 200) ShowReceipt(app, r.body);
    });
}

void PayOrderInSandbox(App& app)
{
    if (app.order.busy) return;
    app.order.busy = true;
    std::string url = std::string(kOrdersUrl) + "/" + app.order.receipt.order_no + "/payment";
    FetchPost(url, "{}", SecretHeaders(app), [&app](FetchResult r) {
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        if (r.status != 200 || !j.is_object() || !j.contains("notification")) {
            app.order.busy = false;
            app.order.notice = j.is_object() && j.contains("error") ? j["error"].value("message", "") : std::string();
            return;
        }
        // The sandbox's signed notification goes where a real provider's server would post it.
        FetchPost(j.value("notify_url", "/api/payments/sandbox/notify"), j["notification"].dump(), {}, [&app](FetchResult) {
            app.order.busy = false;
            RefreshOrder(app);
        });
    });
}

void CancelOrder(App& app)
{
    if (app.order.busy) return;
    app.order.busy = true;
    std::string url = std::string(kOrdersUrl) + "/" + app.order.receipt.order_no + "/cancel";
    FetchPost(url, "{}", SecretHeaders(app), [&app](FetchResult r) {
        app.order.busy = false;
        if (r.status == 200) ShowReceipt(app, r.body);
        LoadInventory(app);
    });
}

} // namespace bondstore::web
