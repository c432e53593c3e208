// Checkout: taking a shopper's order. The request is read and checked by core (the same checks the
// browser ran), its lines priced from the published catalog, the buyer's personal data sealed and
// masked, and the order handed to the order store, which prices it with core and reserves its
// stock in one transaction. A retry with the same Idempotency-Key is answered as the first time.
//
// The HTTP route (api/order_routes.cpp) only maps the outcome to a status.
#pragma once

#include "server/catalog/published_catalog.h"
#include "server/security/personal_data.h"
#include "server/store/catalog_store.h"
#include "server/store/order_store.h"

#include "core/base/problem.h"
#include "core/customs/customs_config.h"
#include "core/tax/tax_table.h"

#include <string>
#include <vector>

namespace bondstore {

// What checkout needs from the running store.
struct CheckoutDesk {
    const PublishedCatalog& catalog;
    CatalogStore& catalogs;
    OrderStore& orders;
    const PersonalData& keys;
    const TaxTable& tax_table;
    const CustomsConfig& customs;
    Money freight;              // the store's freight per order (--freight-fen)
    int64_t payment_timeout = 900;
    OrderLimits limits;         // what one buyer and one client may hold at once
    std::string carrier;        // who ships paid orders ("" for none: customs_config's waybill_prefix)
};

struct CheckoutOutcome {
    enum class Kind {
        Created,      // answer: the receipt, with its lookup secret
        Replayed,     // answer: the first answer to this key, with its lookup secret
        KeyReused,    // the key was used for another request
        Invalid,      // problems: the body is not an order request (its shape)
        Refused,      // problems: the order is not acceptable (identity, lines, merchants, …)
        OutOfStock,   // skus: lines no single warehouse can fill
        TotalChanged, // quote: the shopper was shown another amount
        RulesRefused, // quote, reason: the tax rules refuse it (a limit, the positive list, …)
        Limited,      // reason, retry_after: the buyer or the client holds too many orders (OrderLimits)
        Failed,       // failure: for the operator's log
    } kind = Kind::Failed;
    std::string answer;
    std::vector<Problem> problems;
    std::vector<std::string> skus;
    TaxQuote quote;
    std::string reason, failure;
    int64_t retry_after = 0;
};

// Where an order comes from: the keyed hash of the client's address (its unpaid orders are
// counted; "" for a kiosk), and the enrolled kiosk and its experience store ("" for none).
struct OrderOrigin {
    std::string client_hash, kiosk, store;
};

// `key`: the request's Idempotency-Key (already checked for form); `body`: the order request's
// JSON (as sent, or opened from a kiosk's sealed body).
CheckoutOutcome TakeOrder(CheckoutDesk& desk, const std::string& key, const std::string& body, const OrderOrigin& origin);

// An order's answer as kept (no lookup secret), with its lookup secret added: what the shopper's
// app needs to follow its order.
std::string AnswerWithLookupSecret(const PersonalData& keys, const std::string& receipt_json);

// The same answer without its lookup secret: what is kept for replays and kiosk followers (the
// secret is derived from the order number and added when the answer is given).
std::string AnswerWithoutLookupSecret(const std::string& receipt_json);

// Idempotency keys: 1 to 200 printable ASCII characters.
bool IdempotencyKeyOk(const std::string& key);

} // namespace bondstore
