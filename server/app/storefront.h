// Storefront: everything one running server holds — its options, its stores, the published
// catalog, the web app's files, its keys and the translated error texts. Built by main(), handed
// to the routes; plain data with explicit ownership.
#pragma once

#include "server/app/server_options.h"
#include "server/carriers/carrier.h"
#include "server/carriers/dispatch.h"
#include "server/catalog/pictures.h"
#include "server/catalog/published_catalog.h"
#include "server/customs/order_relay.h"
#include "server/operations/metrics.h"
#include "server/customs/plat_data_open.h"
#include "server/customs/signature_verifier.h"
#include "server/http/app_shell.h"
#include "server/http/error_reply.h"
#include "server/http/static_files.h"
#include "server/payments/cashier.h"
#include "server/payments/payment_provider.h"
#include "server/security/order_seal.h"
#include "server/security/personal_data.h"
#include "server/security/rate_limit.h"
#include "server/store/stores.h"

#include "core/brand/brand.h"
#include "core/tax/tax_table.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace bondstore {

struct Storefront {
    ServerOptions options;
    std::unique_ptr<Stores> stores;
    PublishedCatalog catalog;
    StaticFiles web;
    AppShell shell; // index.html as the frame of every page (http/app_shell.h)
    StaticFiles images; // product images (--images-dir), under /images/
    Thumbnails thumbnails; // of those, at the sizes the app draws (/thumbnails/{size}/NAME)
    std::unique_ptr<Flags> flags; // country flags (--flags-dir), under /flags/
    Brand brand;                                     // the store's look (--brand)
    std::shared_ptr<const CachedBody> brand_body;    // GET /api/brand
    std::shared_ptr<const CachedBody> brand_logo;    // GET /brand/NAME (its logo); null = none
    ErrorReply errors;
    Metrics metrics; // what this process saw, for GET /metrics (operations/metrics.h)
    OrderRelay* relay = nullptr;         // the relay's worker, once started (GET /api/ready); null without one
    std::atomic<bool> stopping{false};   // SIGTERM came: draining (GET /api/ready answers 503)
    TaxTable tax_table;
    std::shared_ptr<const CachedBody> tax_table_body; // GET /api/tax-table: the file as loaded
    std::shared_ptr<const CachedBody> hs_keywords_body; // GET /api/hs-keywords; null = none
    std::shared_ptr<const CachedBody> currency_rates_body; // GET /api/currency-rates; null = none
    std::optional<PersonalData> personal_data;             // the data key (personal_data.h)
    std::optional<OrderSeal> order_seal;                   // what kiosks seal queued orders to (from the data key)
    CustomsConfig customs;               // who the store declares as (always read: checkout needs it)
    RelayFiles relay_files;              // where the relay's configuration came from
    std::optional<RelayKit> relay_kit;   // schema and signer: loaded when the relay or receipts are on
    std::unique_ptr<SignatureVerifier> customs_signature; // customs' certificate: receipts must be signed (optional)
    RateLimit rate_limit;                // per client (security/rate_limit.h)
    OrderLimits order_limits;            // per buyer and client (store/order_store.h)
    std::string page_policy;             // the web app page's Content-Security-Policy (http/security_headers.h)
    std::unique_ptr<PaymentProvider> payment_provider; // --payment; null = none (payment unavailable)
    std::unique_ptr<Cashier> cashier;                  // over payment_provider, the stores and the data key
    std::unique_ptr<Carrier> carrier;                  // --carrier; null = none (no waybills asked for)
    std::unique_ptr<Dispatch> dispatch;                // over carrier, the stores and the data key
    std::unique_ptr<PlatDataOpen> plat_data_open;      // customs' asks for raw payment data (179); null without the relay kit
};

// Opens the stores (SQLite in options.data_dir, or PostgreSQL), validates the seed catalog and loads it into an empty
// store, publishes the catalog, loads the tax table, the web app and the error texts. On failure returns false
// with a multi-line explanation for the operator in `error` (e.g. which file, product and field
// of the seed catalog is wrong).
bool OpenStorefront(Storefront& storefront, std::string* error);

} // namespace bondstore
