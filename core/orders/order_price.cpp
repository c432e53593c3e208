#include "core/orders/order_price.h"

namespace bondstore {

OrderPrice PriceOrder(QuoteRequest request, Money annual_used, Money shown_total, Money shown_freight, const TaxTable& table)
{
    OrderPrice p;
    request.annual_used = annual_used;
    p.quote = Quote(request, table);
    if (!p.quote.accepted()) p.refusal = p.quote.reason;
    // Nobody pays a number they were not shown.
    else if (p.quote.amount_to_pay != shown_total || p.quote.freight != shown_freight) p.refusal = "total_changed";
    return p;
}

} // namespace bondstore
