// Labels: text formatted by ICU for the current locale. Each is computed once and remembered until
// the language changes: building ICU formatters is costly in WebAssembly, and screens ask for the
// same labels every frame.
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/money.h"
#include "core/catalog/product.h"

#include <string>

namespace bondstore::web {

struct App;

// `amount` in the display currency, marked approximate ("≈ $27.50"); "" when yuan only.
std::string ApproximatePrice(App& app, Money amount);
std::string CountryLabel(App& app, const std::string& iso);        // "日本", "Japan"
std::string CategoryLabel(const App& app, const std::string& key); // "奶粉", "Infant formula"
std::string CurrencyLabel(App& app, const std::string& currency);  // "US Dollar"; "" → yuan
std::string DateLabel(App& app, CalendarDate date);                // "2025年1月31日"
std::string ProductSize(App& app, const Product& p);               // "50 ml", "3 pieces"
// A product's title for the shopper's locale along its fallback chain, with the mark for text
// converted by machine.
std::string ProductTitle(const App& app, const Product& p);

} // namespace bondstore::web
