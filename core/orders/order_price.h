// OrderPrice: what the store charges for an order, decided when it is taken. The server re-quotes
// every order with core (never trusting the client's figures) inside the order's transaction, once
// the buyer's annual total so far is known and locked — the annual limit depends on it — and
// refuses to charge an amount the shopper was not shown.
#pragma once

#include "core/base/money.h"
#include "core/tax/tax.h"
#include "core/tax/tax_table.h"

#include <string>

namespace bondstore {

struct OrderPrice {
    TaxQuote quote;
    // "" when the order may be taken at quote.amount_to_pay; "total_changed" when the shopper was
    // shown another amount or freight; else the tax rules' reason (quote.reason: a limit, the
    // positive list, …).
    std::string refusal;
    bool accepted() const { return refusal.empty(); }
};

// `request`: the order's lines and date, and the store's freight; `annual_used`: the buyer's
// annual total so far; `shown_total`, `shown_freight`: what the shopper's screen showed.
OrderPrice PriceOrder(QuoteRequest request, Money annual_used, Money shown_total, Money shown_freight, const TaxTable& table);

} // namespace bondstore
