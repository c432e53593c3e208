#include "core/i18n/currency_rates.h"

namespace bondstore {

const CurrencyRate* CurrencyRates::Find(std::string_view currency) const
{
    for (const CurrencyRate& r : rates)
        if (r.currency == currency) return &r;
    return nullptr;
}

} // namespace bondstore
