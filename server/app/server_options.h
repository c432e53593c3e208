// ServerOptions: what bondstore-server is told on its command line and in its environment.
#pragma once

#include "server/customs/signature_algorithm.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bondstore {

constexpr int kDefaultWholeCatalogMax = 1000;

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;              // 0 = any free port (tests)
    std::string data_dir = "bondstore-data";
    std::string web_dir;          // the built web app (index.html, .wasm, …)
    std::string seed_catalog;     // catalog file loaded into an empty store on first start
    std::string images_dir;       // product images served under /images/ ("" = none)
    std::string flags_dir;        // country flags, "xx.png" (Debian's iso-flags-png-320x240); "" = none
    std::string brand;            // the store's brand file (core/brand/brand.h); "" = the built-in look
    int kiosk_idle = 90;          // seconds without a touch before a kiosk warns, then forgets its shopper
    // A catalog of at most this many products is sent whole to browsers, which then search it
    // themselves; a larger one a page at a time, searched on the server (issue 19: measured in
    // docs/web-app.md, "Large catalogs").
    int whole_catalog_max = kDefaultWholeCatalogMax;
    std::string tax_table;        // the tax table (assets/tax/tax-table.json)
    std::string hs_keywords;      // the HS keyword table (assets/customs/hs-keywords.json); "" = none
    std::string currency_rates;   // display-currency rates (assets/currency-rates.json); "" = none
    std::string database;         // "" = SQLite in data_dir; else a PostgreSQL URI or conninfo
    int db_connections = 8;       // PostgreSQL connections (one per worker thread)
    std::string data_key_file;    // "" = data-key in data_dir (created if missing)
    int payment_timeout = 900;    // seconds an order may stay unpaid before it expires
    std::string payment;          // the payment provider: "" = none (checkout says payment is unavailable),
                                  // "sandbox" (no money moves), "wechat" (docs/payments.md)
    std::string wechat_pay;       // the WeChat Pay account (core/wire/wechat_pay_json.h)
    std::string alipay;           // the Alipay account (core/wire/alipay_json.h)
    int payment_query_after = 30; // seconds without news of a started payment before the provider is asked
    std::string carrier;          // who ships paid orders: "" = none (the list's waybill is customs_config's
                                  // waybill_prefix + order number), "sf" (docs/carriers.md)
    std::string sf_express;       // the SF Express account (core/wire/sf_express_json.h)
    int64_t freight_fen = 0;      // the store's freight per order (fen), charged and declared
    int http_threads = 64;
    // The single window (docs/single-window.md).
    std::string customs_config;   // the enterprise's customs registration; default: the sample
    std::string single_window;    // the gateway URL the relay POSTs to; "" = relay off (messages wait)
    std::string ceb_xsd;          // customs' import schema (ceb_import_202205.xsd)
    std::string signing_key, signing_cert; // PEM; default: in data_dir, created self-signed
    std::string signing_key_name = "0001";
    std::optional<SignatureAlgorithm> signing_algorithm; // --signing-algorithm
    std::string receipt_token;    // bearer token receipts must carry; "" = receipts refused (from a file or the environment)
    std::string admin_token;      // bearer token of GET /api/admin/…; "" = admin API refused (likewise)
    std::string single_window_cert; // customs' certificate (PEM): receipts must be signed with it; "" = not checked
    // The DxpMsg ReceiverId: customs' exchange id for import messages (CLEARANCE.md §2).
    std::string single_window_receiver = "DXPEDCCEB0000002";
    // Announcement 179 (customs/plat_data_open.h): customs' realTimeDataUpload ("" = beside the
    // --single-window gateway: its origin + /ceb2grab/grab/realTimeDataUpload), and the addresses
    // customs' asks come from (platDataOpen answers no one else).
    std::string payment_data_upload;
    std::vector<std::string> customs_addresses = {"127.0.0.1", "::1"};
    std::string public_url;       // the store's public address ("https://shop.example/"); "" = http://bind:port/
    int relay_retry_ms = 1000;    // first retry after a failed delivery; doubles up to 5 minutes
    int relay_park_after = 86400; // seconds of failures after which a message is parked
    int relay_max_retry_ms = 300000;
    int relay_timeout_ms = 10000; // per delivery        // connections served at once (httplib holds a thread per
                                  // kept-alive connection; kiosks and browsers keep theirs)
    // Abuse (docs/security.md).
    std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"}; // peers whose X-Forwarded-For is read
    bool rate_limits = true;
    std::vector<std::pair<std::string, double>> rate_per_minute = {
        {"checkout", 10}, {"quote", 120}, {"search", 300}, {"kiosk", 30}, {"enroll", 10}};
    int64_t max_unpaid_per_buyer = 2, max_unpaid_per_client = 5, max_orders_per_buyer_hour = 10; // 0: no limit
    int db_wait_ms = 10000;             // the longest a request waits for a database connection
    int drain_seconds = 20;             // after SIGTERM: the longest the server finishes what it is doing
    int db_statement_timeout_ms = 30000; // PostgreSQL statement_timeout
    bool help = false;
    bool list_routes = false; // print every route (method and path, as docs/openapi.json names it) and stop
};

struct OptionsParse {
    ServerOptions options;
    std::string error; // empty when ok; a sentence for the operator
};

// Flags win over environment variables (BONDSTORE_PORT, BONDSTORE_BIND, BONDSTORE_DATA_DIR,
// // BONDSTORE_WEB_DIR, BONDSTORE_SEED_CATALOG, BONDSTORE_TAX_TABLE, BONDSTORE_CURRENCY_RATES,
// BONDSTORE_DATABASE, BONDSTORE_DATA_KEY_FILE, BONDSTORE_PAYMENT_TIMEOUT), which win over the
// built-in defaults. (BONDSTORE_DATA_KEY, the key itself, is read only from the environment.)
// `env` is a lookup so tests need not touch the process environment.
using EnvLookup = const char* (*)(const char*);
OptionsParse ParseServerOptions(const std::vector<std::string>& args, EnvLookup env);

std::string ServerUsage();

// http://localhost…, http://127.…, http://[::1]…: a URL that does not leave this machine.
bool LoopbackUrl(const std::string& url);
// Long and varied enough to be a secret: at least 32 characters, at least 10 different ones.
bool TokenStrongEnough(const std::string& token);

} // namespace bondstore
