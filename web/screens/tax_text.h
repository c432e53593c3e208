// TaxText: a TaxQuote in the shopper's words — its breakdown table, the notes that explain each
// amount, and the cross-border limits. The cart shows the whole cart's quote, the product page
// the quote for one unit; both come from core's Quote, the function the server charges with.
#pragma once

#include "core/i18n/i18n.h"
#include "core/tax/tax.h"

#include <string>

namespace bondstore::web {

struct App;

// The limits as message arguments ({single_limit}, {annual_limit}), formatted.
MessageArgs LimitArgs(const TaxQuote& q, const PriceFormatter& price);
// A note's arguments, with core's plain-yuan amounts formatted for the shopper.
MessageArgs NoteArgs(const TaxNote& note, const PriceFormatter& price);

// Goods, freight, tariff (if any), consumption tax, VAT, tax and the amount to pay, right-aligned
// amounts, mirrored right to left. `id`: the table's ImGui id.
void DrawQuoteBreakdown(App& app, const TaxQuote& q, const char* id);

} // namespace bondstore::web
