#include "web/actions/catalog_pages.h"
#include "web/actions/ordering.h"

#include "web/actions/labels.h"
#include "web/actions/settings.h"
#include "web/actions/shopping.h"
#include "web/platform/fetch.h"
#include "web/platform/offline_store.h"
#include "web/platform/preferences.h"
#include "web/platform/sealing.h"
#include "web/state/app.h"

#include "core/wire/order_json.h"
#include "core/wire/payment_json.h"
#include "core/wire/problem_json.h"
#include "core/wire/sealed_order_json.h"

#include <emscripten.h>

#include <algorithm>
#include <cctype>

namespace bondstore::web {

static const char* kInventoryUrl = "/api/inventory";
static const char* kOrdersUrl = "/api/orders";
static const char* kQueuedOrderUrl = "/api/orders/queued";
static const char* kSealKeyUrl = "/api/order-seal-key";
constexpr int kFollowRetryMs = 5000;
constexpr int kPaymentWatchMs = 2000;

void LoadInventory(App& app)
{
    if (app.paging.on) { // a large catalog: the cart's SKUs (the pages bring the rest)
        std::vector<std::string> skus;
        for (const CartLine& l : app.cart.lines) skus.push_back(l.sku);
        return AskForAvailability(app, skus);
    }
    FetchOrKept(kInventoryUrl, [&app](FetchResult r) {
        if (r.status != 200) return; // availability is a hint; the server checks at checkout
        if (r.kept && app.inventory_loaded) return;
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

// The server's refusal of an order, in the shopper's language (its message already is): a
// sentence in `notice`, and the problems with single fields.
static void ShowRefusal(App& app, const FetchResult& r, std::string* notice, std::vector<Problem>* problems)
{
    std::optional<ApiError> error = ParseApiErrorJson(r.body);
    if (!error) {
        *notice = app.messages.Format("checkout.network_error");
    } else if (error->code == "total_changed" && error->quoted_total) {
        *notice = app.messages.Format("checkout.total_changed", {{"amount", app.prices->Format(*error->quoted_total)}});
    } else if (error->code == "out_of_stock" && error->with_skus) {
        std::string items;
        for (const std::string& sku : error->skus) {
            const Product* p = app.catalog.FindBySku(sku);
            items += (items.empty() ? "" : ", ") + (p ? ProductTitle(app, *p) : sku);
        }
        *notice = app.messages.Format("checkout.out_of_stock", {{"items", items}});
        LoadInventory(app);
    } else {
        *notice = error->message;
        problems->clear();
        for (Problem p : error->problems) {
            p.section = "order";
            problems->push_back(std::move(p));
        }
    }
}

static void ScheduleOutbox(App& app)
{
    if (app.outbox_retry_scheduled || app.outbox.empty()) return;
    app.outbox_retry_scheduled = true;
    emscripten_async_call([](void* p) {
        App& app = *static_cast<App*>(p);
        app.outbox_retry_scheduled = false;
        SendOutbox(app);
    }, &app, kOfflineRetryMs);
}

// Puts `q` in the outbox; the shopper is told it is waiting only once IndexedDB has it on disk.
static void KeepQueued(App& app, QueuedOrder q)
{
    CheckoutState& f = app.checkout;
    f.busy = true;
    std::string row = QueuedOrderRecordToJson({q.body, q.locale, q.sealed});
    const int wipes = app.kiosk.wipes;
    OfflinePut(OfflineTable::Outbox, q.key, row, [&app, q, wipes](bool ok) mutable {
        CheckoutState& f = app.checkout;
        if (app.kiosk.wipes != wipes) { // its shopper is gone: the sealed order is sent, shown to no one
            if (!ok) return;
            q.shown.clear();
            q.follow.clear();
            app.outbox.push_back(q);
            ScheduleOutbox(app);
            return;
        }
        f.busy = false;
        if (!ok) { f.notice = app.messages.Format("checkout.network_error"); return; } // nothing kept: say so
        app.outbox.push_back(q);
        app.order = OrderState{};
        app.order.queued_key = q.key;
        app.cart = Cart();
        app.quote_dirty = true;
        f.problems.clear();
        f.keyed_body.clear();
        app.screen = Screen::Order;
        ScheduleOutbox(app);
    });
}

// The server could not be reached: the order goes to the outbox. A kiosk seals it to the server
// first (order_seal.h): what it keeps, and what its wipe leaves behind to be sent, no one at the
// kiosk can read. Without the server's key or WebCrypto it cannot, and says the order cannot be
// placed now.
static void QueueOrder(App& app)
{
    CheckoutState& f = app.checkout;
    if (f.keyed_body.empty()) return;
    QueuedOrder q{f.idempotency_key, f.keyed_body, app.locale, false, false, f.keyed_body, {}};
    if (!app.kiosk.on) return KeepQueued(app, std::move(q));
    // A kiosk keeps an order only sealed, and sends it only as an enrolled kiosk.
    if (app.seal_key.empty() || app.kiosk.token.empty()) { f.notice = app.messages.Format("checkout.kiosk_offline"); return; }
    // Sealed with it, the secret the shopper's phone follows the order by: shown as a QR code,
    // never kept (order_seal.h).
    q.follow = RandomKey();
    std::string plaintext = SealedOrderContentToJson({q.body, q.follow});
    f.busy = true;
    const int wipes = app.kiosk.wipes;
    SealForServer(app.seal_key, q.key, plaintext, [&app, q, wipes](std::string sealed) mutable {
        if (app.kiosk.wipes != wipes) return; // wiped meanwhile: nothing was kept, and no one is told
        app.checkout.busy = false;
        if (sealed.empty()) { app.checkout.notice = app.messages.Format("checkout.kiosk_offline"); return; }
        q.body = std::move(sealed);
        q.sealed = true;
        KeepQueued(app, std::move(q));
    });
}

void LoadSealKey(App& app)
{
    FetchOrKept(kSealKeyUrl, [&app](FetchResult r) {
        if (r.status == 200 && !r.body.empty()) app.seal_key = r.body;
    });
}

void LoadOutbox(App& app)
{
    OfflineList(OfflineTable::Outbox, [&app](std::vector<std::pair<std::string, std::string>> rows) {
        for (auto& [key, value] : rows) {
            std::optional<QueuedOrderRecord> record = ParseQueuedOrderRecordJson(value);
            if (!record) continue;
            bool known = false;
            for (const QueuedOrder& q : app.outbox) known = known || q.key == key;
            if (known) continue;
            QueuedOrder q{key, std::move(record->body), std::move(record->locale), false, record->sealed, {}, {}};
            if (!q.sealed) q.shown = q.body;
            app.outbox.push_back(std::move(q));
        }
        // The shopper who placed it sees it waiting, first thing; a kiosk's next shopper does not.
        if (!app.kiosk.on && !app.outbox.empty() && app.order.queued_key.empty() && app.order.receipt.order_no.empty()) {
            app.order.queued_key = app.outbox.front().key;
            app.screen = Screen::Order;
        }
        SendOutbox(app);
    });
}

void SendOutbox(App& app)
{
    for (QueuedOrder& q : app.outbox) {
        if (q.sending) continue;
        q.sending = true;
        std::string key = q.key;
        FetchHeaders headers = {{"Idempotency-Key", key}, {"Accept-Language", q.locale.empty() ? app.locale : q.locale}};
        if (!app.kiosk.token.empty()) headers.push_back(BearerAuthorization(app.kiosk.token)); // sealed ones need it
        FetchPost(kOrdersUrl, q.body, headers, [&app, key](FetchResult r) {
            auto it = std::find_if(app.outbox.begin(), app.outbox.end(), [&](const QueuedOrder& q) { return q.key == key; });
            if (it == app.outbox.end()) return; // forgotten meanwhile (a kiosk wipe)
            it->sending = false;
            // Not answered, or not yet: later. (A kiosk refused as not enrolled keeps its orders
            // until it is; one asked to slow down, until it may.)
            if (r.status == 0 || r.status >= 500 || r.status == 401 || r.status == 429) { ScheduleOutbox(app); return; }
            // Answered, accepted or not: the server has the last word, and the outbox lets go.
            // (A sealed order's refusal stays with the server, for the phone following it.)
            std::string shown = it->shown;
            OfflineDelete(OfflineTable::Outbox, key);
            app.outbox.erase(it);
            bool on_screen = app.order.queued_key == key;
            if (r.status == 201) {
                if (on_screen) {
                    app.order.queued_key.clear();
                    ShowReceipt(app, r.body);
                    Remember(app, "last_order", app.order.receipt.order_no + " " + app.order.secret);
                }
                LoadInventory(app);
            } else if (!shown.empty()) { // its shopper may still be here (never after a kiosk's wipe)
                std::string notice;
                std::vector<Problem> problems;
                ShowRefusal(app, r, &notice, &problems);
                if (!app.order.notice.empty()) app.order.notice += '\n'; // one refusal per line
                app.order.notice += app.messages.Format("order.queued_refused", {{"reason", notice}});
                if (on_screen) app.order.queued_key.clear();
                // What they wanted goes back into an empty cart, to change and order again.
                OrderRequestParse parsed = ParseOrderRequestJson(shown);
                if (app.cart.empty())
                    for (const OrderLineRequest& l : parsed.request.lines) AddToCart(app, l.sku, l.qty);
            }
            if (!app.kiosk.on && !app.outbox.empty() && app.order.queued_key.empty() && app.order.receipt.order_no.empty())
                app.order.queued_key = app.outbox.front().key;
            ScheduleOutbox(app);
        });
    }
}

void ForgetOutbox(App& app)
{
    for (auto it = app.outbox.begin(); it != app.outbox.end();) {
        if (it->sealed) { // still to be sent; unreadable here
            it->shown.clear();
            it->follow.clear();
            ++it;
            continue;
        }
        OfflineDelete(OfflineTable::Outbox, it->key);
        it = app.outbox.erase(it);
    }
}

static void ScheduleFollow(App& app)
{
    if (app.order.follow_scheduled || app.order.following.empty()) return;
    app.order.follow_scheduled = true;
    emscripten_async_call([](void* p) {
        App& app = *static_cast<App*>(p);
        app.order.follow_scheduled = false;
        FollowOrder(app);
    }, &app, kFollowRetryMs);
}

void StartFollowing(App& app, const std::string& key)
{
    bool ok = key.size() >= 26 && key.size() <= 200;
    for (char c : key) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    if (!ok) return;
    app.order = OrderState{};
    app.order.following = key;
    Remember(app, "follow", key);
    app.screen = Screen::Order;
    FollowOrder(app);
}

void StopFollowing(App& app)
{
    app.order.following.clear();
    Remember(app, "follow", "");
}

void FollowOrder(App& app)
{
    if (app.order.following.empty()) return;
    std::string key = app.order.following;
    FetchGetWith(kQueuedOrderUrl, {{"X-Follow-Secret", key}, {"Accept-Language", app.locale}}, [&app, key](FetchResult r) {
        if (app.order.following != key) return; // followed something else meanwhile
        if (r.status == 0 || r.status == 404 || r.status >= 500) { ScheduleFollow(app); return; } // not there yet
        app.order.following.clear();
        Remember(app, "follow", "");
        if (r.status == 200) {
            ShowReceipt(app, r.body);
            Remember(app, "last_order", app.order.receipt.order_no + " " + app.order.secret);
            return;
        }
        std::string notice;
        std::vector<Problem> problems;
        ShowRefusal(app, r, &notice, &problems);
        app.order.notice = app.messages.Format("order.queued_refused", {{"reason", notice}});
    });
}

void PlaceOrder(App& app)
{
    CheckoutState& f = app.checkout;
    if (f.busy) return;
    std::vector<Problem> problems;
    OrderRequest order = CheckoutRequest(app, &problems);
    f.problems = problems;
    f.attempted = true; // every field's problems show from now on
    f.notice.clear();
    if (HasErrors(problems)) return;
    std::string body = OrderRequestToJson(order);
    if (body != f.keyed_body) { // a new order, not a retry of the last one
        f.idempotency_key = RandomKey();
        f.keyed_body = body;
    }
    f.busy = true;
    if (!app.order.following.empty()) StopFollowing(app); // their own order now
    const int wipes = app.kiosk.wipes;
    FetchHeaders headers = {{"Idempotency-Key", f.idempotency_key}, {"Accept-Language", app.locale}};
    // An enrolled kiosk says so: its shoppers take turns at one address, so it is limited as a kiosk.
    if (!app.kiosk.token.empty()) headers.push_back(BearerAuthorization(app.kiosk.token));
    FetchPost(kOrdersUrl, body, headers, [&app, wipes](FetchResult r) {
        if (app.kiosk.wipes != wipes) return; // a kiosk's shopper gone meanwhile: shown to no one
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
        ShowRefusal(app, r, &f.notice, &f.problems);
        if (r.status == 0) { QueueOrder(app); return; }
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
        if (app.order.receipt.status != OrderStatus::PendingPayment) app.order.payment_qr.clear();
    });
}

// While a payment code is on screen, the order is read again every few seconds: the provider tells
// the server, and the screen moves to "paid" by itself.
static void WatchPayment(App& app)
{
    if (app.order.payment_watch) return;
    app.order.payment_watch = true;
    emscripten_async_call([](void* p) {
        App& app = *static_cast<App*>(p);
        app.order.payment_watch = false;
        if (app.order.payment_qr.empty() || app.order.receipt.status != OrderStatus::PendingPayment) return;
        RefreshOrder(app);
        WatchPayment(app);
    }, &app, kPaymentWatchMs);
}

void PayOrder(App& app, bool on_this_device)
{
    if (app.order.busy) return;
    app.order.busy = true;
    std::string no = app.order.receipt.order_no;
    PaymentAsk ask;
    if (on_this_device) {
        ask.channel = "redirect";
        ask.return_url = "/?order=" + no; // the provider's page sends the phone back here
        Remember(app, "last_order", no + " " + app.order.secret);
    }
    FetchPost(std::string(kOrdersUrl) + "/" + no + "/payment", PaymentAskToJson(ask), SecretHeaders(app), [&app](FetchResult r) {
        std::optional<PaymentStart> start = r.status == 200 ? ParsePaymentStartJson(r.body) : std::nullopt;
        if (!start) {
            app.order.busy = false;
            std::optional<ApiError> error = ParseApiErrorJson(r.body);
            app.order.notice = error ? error->message : app.messages.Format("checkout.network_error");
            return;
        }
        if (start->notification) {
            // The sandbox's signed notification goes where a real provider's server would post it.
            FetchPost(start->notify_url, SandboxNotificationToJson(*start->notification), {}, [&app](FetchResult) {
                app.order.busy = false;
                RefreshOrder(app);
            });
            return;
        }
        app.order.busy = false;
        if (!start->redirect_url.empty()) {
            OpenPage(start->redirect_url);
            return;
        }
        app.order.payment_qr = start->qr_code;
        WatchPayment(app);
    });
}

void ReturnToOrder(App& app, const std::string& order_no)
{
    // Only the order this browser placed: its number and lookup secret were kept when it left.
    std::string kept = LoadPreference("last_order");
    if (kept.rfind(order_no + " ", 0) != 0) return;
    app.order = OrderState{};
    app.order.receipt.order_no = order_no;
    app.order.secret = kept.substr(order_no.size() + 1);
    app.screen = Screen::Order;
    RefreshOrder(app);
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

void ReturnOrder(App& app)
{
    if (app.order.busy) return;
    app.order.busy = true;
    std::string url = std::string(kOrdersUrl) + "/" + app.order.receipt.order_no + "/return";
    FetchPost(url, "{}", SecretHeaders(app), [&app](FetchResult r) {
        app.order.busy = false;
        if (r.status == 200) return ShowReceipt(app, r.body);
        // The server's words (the 30 days since release are over, …), in the shopper's language.
        std::optional<ApiError> error = ParseApiErrorJson(r.body);
        app.order.notice = error ? error->message : app.messages.Format("checkout.network_error");
    });
}

} // namespace bondstore::web
