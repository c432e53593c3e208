// Formatting for people, through ICU, in the shopper's locale: country names ("日本", "Japan",
// "Япония"), quantities with units ("50 ml", "50毫升", "50 мл"), dates and times for the order
// timeline, and a price in a display currency, labelled approximate. (CNY prices: PriceFormatter
// in i18n.h; settlement is always CNY.)
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/decimal.h"
#include "core/base/money.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace bondstore {

// ICU's name for a region in a locale; the ISO code itself if ICU has none.
std::string CountryName(std::string_view iso2, std::string_view locale);

// "50 ml", "0.7 L", "800 g", "1.5 kg" in the locale's words and digits. "" for counted units
// ("piece", "sheet", …): those take plural forms, so they go through the message "product.count".
std::string FormatQuantity(Decimal quantity, std::string_view unit, std::string_view locale);

// "2025年1月31日", "Jan 31, 2025", "31.01.2025" (medium date style).
std::string FormatDate(CalendarDate date, std::string_view locale);

// A moment as a date and time in the given UTC offset (China: +480 minutes), medium date and
// short time: "2025年1月31日 14:05".
std::string FormatDateTime(int64_t unix_seconds, int utc_offset_minutes, std::string_view locale);

// `amount` (CNY) converted to `currency` at `rate` (units of the currency per yuan, exact
// decimal), rounded and formatted as the locale writes that currency: "US$41.10". "" if the
// code is not a three-letter ISO code. Shown through the message "price.approximate" ("≈ {amount}"):
// it is never the amount charged.
std::string FormatInCurrency(Money amount, std::string_view currency, Decimal rate, std::string_view locale);

// ICU's name for a currency in a locale ("US dollar", "美元"); the code if ICU has none.
std::string CurrencyName(std::string_view currency, std::string_view locale);

} // namespace bondstore
