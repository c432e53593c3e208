// The store's display-currency rates as JSON: {"as_of": "2026-11-20", "rates": {"USD": "0.1381"}}.
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"
#include "core/i18n/currency_rates.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct CurrencyRatesParse {
    CurrencyRates rates;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};

// Problems: json.*, "currency.code_format" (not three capital letters, or CNY itself),
// "currency.rate_not_positive".
CurrencyRatesParse ParseCurrencyRatesJson(std::string_view json);
std::string CurrencyRatesToJson(const CurrencyRates& rates);

} // namespace bondstore
