// App: the app's state — plain data, owned by main(), passed to every screen. Screens draw from it
// and change it only through the actions (actions/: session, settings, labels, shopping, ordering,
// merchant_desk). State includes nothing above it: no action, no screen.
#pragma once

#include "web/platform/font_atlas.h"
#include "web/state/keyboard.h"
#include "web/state/merchant_desk.h"
#include "web/state/operator_desk.h"

#include "core/brand/brand.h"
#include "core/cart/cart.h"
#include "core/catalog/bonded_stock.h"
#include "core/catalog/catalog.h"
#include "core/i18n/currency_rates.h"
#include "core/i18n/i18n.h"
#include "core/orders/order.h"
#include "core/search/search.h"
#include "core/storefront/shop_address.h"
#include "core/wire/experience_store_json.h"
#include "core/tax/tax.h"
#include "core/tax/tax_table.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bondstore::web {

enum class Screen { Attract, Browse, Product, Cart, Checkout, Order };

// A kiosk in a community experience store (?kiosk=1): a shared screen in a public place. After
// `idle_seconds` without a touch it warns for kIdleWarningSeconds, then forgets the shopper.
struct KioskState {
    bool on = false;
    double idle_seconds = 90;   // the server's --kiosk-idle (GET /api/kiosk), or ?idle=N (tests use a few seconds)
    double last_input = 0;      // ImGui time of the last touch, key or wheel
    // The attract screen's slides (featured products, then categories): which, since when.
    int slide = 0;
    double slide_started = -1;
    bool hold_slide = false;    // ?attract=hold: the first slide stays (an operator checking the screen, a screenshot)
    std::vector<std::string> featured; // GET /api/featured: the SKUs it shows ("" until answered: the app's own choice)
    int wipes = 0;              // how many shoppers it has forgotten
    std::string token;          // its own credential (POST /api/kiosks/enroll), kept across wipes
    std::string store;          // the experience store it stands in ("" for none), from its enrollment
};
constexpr double kIdleWarningSeconds = 20; // at least 20 s to continue (the kiosk's promise)

// How the app is shown (screens/theme.h): the device's pixel ratio, the shopper's text size and
// contrast (accessibility; remembered, except on a kiosk), touch sizing (a kiosk, or ?touch=1).
struct DisplayState {
    float dpr = 1;
    float text_scale = 1;
    bool high_contrast = false;
    bool dark = false;          // the brand's dark colours: the device asks for them (or ?scheme=dark)
    bool reduced_motion = false; // the device asks for less motion: no fades, nothing that pulses
    bool touch = false;
    // What ImGui's style was last built for.
    float built_scale = 0;
    bool built_contrast = false, built_touch = false, built_dark = false;
    int built_brand = -1;       // App::brand_version
};

// The checkout form, and what became of the last attempt to place the order.
struct CheckoutState {
    char buyer_name[64] = "", id_number[32] = "", buyer_phone[32] = "";
    char consignee_name[64] = "", consignee_phone[32] = "", address[256] = "", district[16] = "";
    bool buyer_receives = true;       // the consignee is the buyer
    std::vector<Problem> problems;    // core's checks, or the server's answer
    // Core checks the form as it is typed: a field's problems show once the shopper has left it
    // (or, for the ID number, typed all 18 characters), and every field's after a first attempt.
    std::vector<std::string> touched; // problem fields ("buyer.id_number") the shopper has finished
    bool attempted = false;           // "place order" was pressed
    bool edited = false;              // a field changed: check again
    size_t checked_touched = 0;       // how many were touched at the last check
    std::string notice;               // one translated sentence (total changed, out of stock, …)
    bool busy = false;                // a request is in flight
    // The Idempotency-Key of the request body it was made for: a retry of the same body reuses
    // it (the server answers the first result), an edited order gets a new one.
    std::string idempotency_key, keyed_body;
};

// The order just placed (or looked up), as the server reported it.
struct OrderState {
    OrderReceipt receipt;
    std::string secret;
    bool busy = false;
    std::string notice;
    std::string queued_key; // an order placed offline, waiting to be confirmed: its outbox key
    // A kiosk's queued order this phone follows (opened from its ?follow= code): the follow
    // secret sealed in the order, until the server has answered it (FollowOrder).
    std::string following;
    bool follow_scheduled = false;
    // A payment under way at the provider: the code to scan (kiosk, desktop) while the order is
    // unpaid, and whether the app is asking the server every few seconds if it is paid yet.
    std::string payment_qr;
    bool payment_watch = false;
};

// The store's payment provider, from GET /api/health: "" = none (payment unavailable).
struct PaymentSettings {
    bool loaded = false;
    std::string provider;
    bool sandbox = false;
};

// An order placed while the server could not be reached, kept in IndexedDB with its
// Idempotency-Key until the server has answered it (ordering.h).
struct QueuedOrder {
    std::string key;   // the Idempotency-Key, also its key in the outbox
    std::string body;  // the request, as it will be sent (on a kiosk: sealed, platform/sealing.h)
    std::string locale;
    bool sending = false;
    bool sealed = false;
    std::string shown;  // the request in the clear, in memory only, while its shopper may look
    std::string follow; // a sealed order's follow secret (its QR code), in memory only, likewise
};

constexpr int kOfflineRetryMs = 4000; // how often the app asks again while the server is unreachable

// The browse screen's search and filters, and the results core found for them.
struct BrowseState {
    char text[256] = "";
    std::string category, origin; // "" = any
    int price_band = -1;
    SearchOrder order = SearchOrder::Relevance;
    bool dirty = true;
    SearchResult result;
    std::string searched_text;          // the text `result` is for, normalised
    ProductSet narrowing;               // its text matches: the next, longer text searches only these
    // Rows fetched in order: the first page, and more as the list scrolls towards them (a search
    // returns every count, but orders only what is shown).
    size_t limit = 0;
    std::string signature;              // the query `limit` is for
    std::string result_for;             // a paged catalog: the query `result` is the server's answer to
    bool scroll_to_top = false;         // a new query: its list starts at its first row
    bool list_view = false;             // the products as a table instead of cards (remembered)
};
constexpr size_t kBrowsePage = 200;

// A catalog too large to send whole (GET /api/catalog/page, actions/catalog_pages.h): what this
// browser has of it. App::catalog holds the products loaded so far — the rows lists have shown,
// the products opened, the cart's — and the server searches the rest.
struct CatalogPaging {
    bool on = false;                 // the catalog comes a page at a time
    bool offline = false;            // the server cannot be reached: search what is here
    int64_t product_count = 0;       // in the whole catalog
    std::unordered_map<std::string, uint32_t> loaded; // SKU → index in App::catalog.products
    std::unordered_map<std::string, size_t> stocked;  // SKU → index in App::inventory
    std::unordered_set<std::string> full;              // SKUs loaded in full (their page was opened)
    std::unordered_set<std::string> origins;           // origin countries whose names have glyphs
    std::string asked;               // the rows asked for and not yet answered ("" = none)
    bool index_stale = false;        // products arrived since App::search_index was built
    bool whole_asked = false;        // a kiosk: the whole catalog is being (or was) kept for offline use
    bool whole_kept = false;         //   … and is kept
    bool whole_loading = false;      //   … and is being read back, the server being unreachable
};

// The address bar in step with the screens (actions/navigation.h).
struct AddressState {
    bool started = false;  // the page's own address has been opened
    ShopAddress shown;     // the address the history has for the current screen
    std::string title;     // the page's title, as last set
    std::string lang;      // <html lang>, as last set
};

// The product page: which picture shows, the picture zoomed to fill the screen, the quantity.
struct ProductPageState {
    int picture = 0;          // index into Product::images
    bool zoomed = false;
    float zoom = 1;           // 1–4, in the zoomed view
    float pan_x = 0, pan_y = 0; // device pixels the zoomed picture is moved by
    int64_t qty = 1;
};

// QR codes encoded once per text, not every frame (a screen shows one or two at a time); drawn by
// screens/handoff.h. Kept here, not in a screen, so forgetting a shopper forgets them too.
struct QrCode {
    std::string text;
    int size = 0;               // modules per side
    std::vector<bool> modules;  // size × size, row by row; true = dark
};
struct QrCodes {
    QrCode code[2];
    int next = 0;
};

struct App {
    // Loaded from the server. ICU must have its data before any other ICU call, and keeps
    // pointing into icu_data for the life of the page.
    std::vector<char> icu_data;
    bool icu_ready = false;
    FontAtlas font;
    bool font_loaded = false;
    bool font_dirty = false; // new glyphs to add before the next frame
    Catalog catalog;
    bool catalog_loaded = false;
    TaxTable tax_table;
    bool tax_table_loaded = false;
    std::vector<SkuAvailability> inventory; // from /api/inventory (what can still be ordered)
    bool inventory_loaded = false;
    CurrencyRates currency_rates;       // the store's, for showing approximate prices
    StoreDirectory stores;              // GET /api/stores: the experience stores and what they have on display
    bool currency_rates_loaded = false; // optional: a store without rates shows yuan only
    CatalogPaging paging;               // a large catalog: the pages loaded so far
    Brand brand = DefaultBrand();       // the store's look (GET /api/brand)
    bool brand_loaded = false;          // answered (or failed: the built-in look stays)
    int brand_version = 0;              // counts brands taken, so the style is rebuilt
    SearchIndex search_index;           // over catalog.products
    bool catalog_text_ready = false;    // indexed, and its text's glyphs (titles, country names) added
    std::string load_error;  // the last loading failure, shown while retrying

    // The shopper's session.
    Screen screen = Screen::Browse;
    KioskState kiosk;
    DisplayState display;
    OnScreenKeyboard keyboard; // a touch screen's (kiosk)
    MerchantDesk merchant;     // the merchant screen's (/merchant), instead of the shopper's
    OperatorDesk operations;   // the operator screen's (/operator), likewise
    BrowseState browse;
    std::string product_sku; // the product page's
    ProductPageState product_page;
    TaxQuote product_quote;        // its one-unit quote,
    std::string product_quote_key; // for this product, date and catalog version
    bool handoff_open = false; // "continue on your phone": the cart's QR code is shown
    QrCodes qr_codes;          // the codes on screen, encoded (their texts hold a cart, a follow secret or a payment)
    PaymentSettings payment;
    std::string handoff_link;  // ?cart=… of a page opened from such a code, until taken
    Cart cart;
    CheckoutState checkout;
    OrderState order;
    AddressState address;
    std::vector<QueuedOrder> outbox; // orders placed offline, oldest first
    std::string seal_key;            // GET /api/order-seal-key (a kiosk seals what it queues)
    bool outbox_retry_scheduled = false;
    CalendarDate today;        // in China; the date tax rules are taken from
    // The cart's tax quote, recomputed by core whenever the cart, catalog or date changes.
    TaxQuote quote;
    bool quote_dirty = true;
    int quote_version = 0;     // counts recomputations
    // What one unit of a product costs with its tax, as cards show it ("≈ ¥… with tax"): quoted by
    // core once per SKU, date and catalog version, not every frame (-1: not sold on its own).
    std::unordered_map<std::string, int64_t> with_tax;
    std::string with_tax_for;  // the date and catalog version they were quoted for
    // Each category's picture on the home screen's tiles (its first product's), for the products loaded.
    std::unordered_map<std::string, std::string> category_pictures;
    size_t category_pictures_for = 0; // products loaded when they were chosen (+1; 0 = never)

    // Presentation.
    std::string locale;
    std::vector<std::string> locale_chain; // locale and its fallbacks, for product text
    bool rtl = false;                      // the locale is written right to left
    std::unordered_map<std::string, std::string> visual_text; // logical → shaped, reordered (rtl)
    std::unordered_map<std::string, std::string> formatted;   // ICU-formatted labels, this locale
    // Text broken into a card's lines (screens/text_layout.h), by text, width and font size:
    // measured once, not every frame.
    std::unordered_map<std::string, std::vector<std::string>> clamped_lines;
    bool pseudo_locales = false;           // en-XA and ar-XB in the language menu (?pseudo=1)
    std::string display_currency;          // "" = yuan only; else also "≈ US$…" next to prices
    // A language chosen during a frame takes effect before the next one: screens hold references
    // to the messages and formatters while they draw.
    std::string requested_locale;
    Messages messages;
    std::unique_ptr<PriceFormatter> prices;
    float font_size = 18.0f; // CSS pixels, before the UI scale

    int frame = 0;
    bool first_catalog_frame_signalled = false;
    bool all_glyphs_added = false; // every locale's, after the first catalog frame
};

// The merchant's or the operator's screen, not the shop: no cart, no currencies, no addresses.
inline bool InBackOffice(const App& app) { return app.merchant.on || app.operations.on; }

} // namespace bondstore::web
