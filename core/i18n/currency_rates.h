// CurrencyRates: the store's rates for showing prices in a shopper's own currency. Settlement is
// always in yuan; a converted price is for orientation only and is shown marked approximate
// (formatting.h FormatInCurrency, message "price.approximate").
//
// File format (assets/currency-rates.json, served at /api/currency-rates; core/wire/currency_rates_json.h):
//   {"as_of": "2026-11-20", "rates": {"USD": "0.1381", "JPY": "21.3"}}
// a rate being how many units of the currency one yuan buys, as an exact decimal string.
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/decimal.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CurrencyRate {
    std::string currency; // ISO 4217, "USD"
    Decimal per_yuan;     // units of `currency` for 1 yuan
};

struct CurrencyRates {
    CalendarDate as_of;
    std::vector<CurrencyRate> rates; // in file order (the order a menu lists them)

    const CurrencyRate* Find(std::string_view currency) const;
};

} // namespace bondstore
