// TestHook: a small, read-only window into the app for tests and benchmarks.
//
//   window.bondstore.state()   -> JSON of what is on screen (locale, product count, first rows,
//                                 where the main controls are, in CSS pixels)
//   window.bondstore.missingGlyphs(text) -> the characters of `text` the font atlas cannot draw
//   window.bondstore.firstFrame -> a Promise resolved with performance.now() at the first frame
//                                 that shows the catalog
//
// The app fills a TestView every frame it draws; the hook serialises it only when asked.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace bondstore::web {

struct WidgetRect {
    std::string id; // "lang.en"
    float x = 0, y = 0, w = 0, h = 0;
    std::string role, name; // to a screen reader (accessibility.h): "button", "Add to cart"
    std::string value;      // a text field's text (never a secret one's)
};

struct TestView {
    std::string screen;            // "loading", "browse", "error"
    std::string locale;
    bool rtl = false;              // the UI is laid out right to left
    std::string currency;          // the display currency, "" for yuan only
    float width = 0, height = 0;   // of the canvas, in CSS pixels (the units of the widget rects)
    float dpr = 1;                 // device pixels per CSS pixel (ImGui works in device pixels)
    int atlas_glyphs = 0, atlas_width = 0, atlas_height = 0;
    float atlas_build_ms = 0;      // the last font atlas build
    std::vector<std::pair<std::string, float>> startup_ms; // named start-up steps and their cost
    int product_count = 0;
    // A large catalog (actions/catalog_pages.h): paged, products loaded here, searching offline,
    // the whole catalog kept (a kiosk).
    bool catalog_paged = false, catalog_offline = false, whole_catalog_kept = false;
    int loaded_products = 0;
    float list_scroll = 0;         // how far the product list is scrolled, CSS pixels
    std::vector<std::vector<std::string>> first_rows; // cells of the first rows as shown
    std::string browse_view;       // "grid" (cards) or "list" (the table)
    std::vector<std::string> card_with_tax; // the first cards' "≈ ¥… with tax", as shown
    std::string brand;             // the store's brand id, and the colours drawn: "light", "dark", "high_contrast"
    std::string scheme;
    int images_loading = 0;        // pictures on their way
    std::string attract_sku;       // the featured product on the kiosk's attract screen ("" = a category or none)
    std::vector<WidgetRect> widgets;
    std::vector<std::pair<std::string, long long>> cart; // sku, qty
    std::string quote_json;        // the cart's TaxQuote as core/wire.h writes it ("" if none)
    std::string product_sku, product_quote_json; // the product page's product, and its one-unit quote
    std::string product_description; // its description as shown ("" while a large catalog's full product is on its way)
    std::string product_image;     // its picture: "none", "loading", "failed", "ready"
    int product_image_size[2] = {}; // its size in pixels, once ready
    int product_pictures = 0, product_picture = 0; // how many it has, which is shown
    bool product_zoomed = false;
    std::vector<std::string> product_related; // the related products shown (SKUs)
    std::string search_text;       // what is in the search box
    std::string search_category; // the category chosen, "" = all
    int64_t search_total = 0;      // products matching it and the filters
    std::string error;
    std::string order_no, order_status; // the order screen's order
    std::string order_reason;           // why it ended, when the screen says so ("payer_mismatch")
    std::string order_hold;             // customs holding it, when the screen says so ("inspection")
    std::string order_waybill;          // the carrier's waybill, when the screen shows it
    std::string order_tracking;         // the latest tracking stage shown ("delivered"), "" for none
    int frame = 0;
    std::array<float, 240> imgui_ms{}; // ImGui CPU time of the last frames, by frame number mod 240
    // The accessibility tree (accessibility.h): items described, times written to the page, and
    // the cost of publishing it each of the last frames (ms, by frame number mod 240).
    int a11y_items = 0, a11y_writes = 0;
    std::array<float, 240> a11y_ms{};
    float mouse_x = 0, mouse_y = 0;  // where ImGui sees the pointer
    std::string hovered_window;      // which ImGui window it is over
    bool kiosk = false;
    int kiosk_wipes = 0;             // shoppers the kiosk has forgotten
    double kiosk_idle = 0;           // its idle time, seconds
    bool full_screen = false;        // the page is full screen
    int idle_warning = -1;           // seconds left on the idle warning; -1: none shown
    // The merchant screen: who is signed in, core's check of the chosen file (valid, rejected,
    // has errors), its problems ("row:code"), the upload's HTTP status, products, chart days, orders.
    std::string merchant_id;
    std::array<int64_t, 3> merchant_check{};
    std::vector<std::string> merchant_problems;
    int merchant_upload_status = 0, merchant_products = 0, merchant_days = 0, merchant_refunds = 0;
    std::vector<std::string> merchant_returns; // "ORDER status[ goods_back]" per return shown
    std::vector<std::string> merchant_tax_differences; // orders whose tax bill differs, as shown
    int64_t merchant_orders = 0;
    std::array<int64_t, 2> merchant_fixup{}; // a plain export's review: rows, rows not checked yet
    // The operator screen: the places listed ("store:orders", "" for shoppers' own devices), the
    // kiosks ("id store state"), the place chosen and the orders listed for it ("ORDER kiosk
    // status"), the rejections, parked messages and merchants shown.
    std::vector<std::string> operator_places, operator_kiosks, operator_orders;
    std::string operator_place;
    int operator_rejections = 0, operator_parked = 0, operator_merchants = 0;
    std::string operator_stats_month;             // the month whose figures are shown ("" while loading)
    std::vector<std::string> operator_stats;      // "dimension:key:orders" per row shown
    std::vector<std::string> form_problems; // "field:code" shown under the checkout's fields
    std::string handoff_url;         // the link in the QR code shown, "" if none
    bool seal_key = false;           // a kiosk has the key to seal queued orders to
    bool kiosk_enrolled = false;     // a kiosk holds its token (it may send sealed orders)
    std::string kiosk_store;         // the experience store it was enrolled in ("" for none)
    std::string keyboard;            // the on-screen keyboard shown: "latin", "digits", "" (none)
    bool offline = false;            // the last request could not reach the server
    int outbox = 0;                  // orders placed offline, not yet answered by the server
    std::string checkout_fields;     // every buyer field and the order's number and secret, joined
                                     // (empty once a kiosk has forgotten its shopper)
};

// The view the hook reports; the app writes it.
TestView& CurrentTestView();

// Tells the page that the first catalog frame was drawn (resolves window.bondstore.firstFrame).
void SignalFirstFrame();

} // namespace bondstore::web
