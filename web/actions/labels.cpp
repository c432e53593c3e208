#include "web/actions/labels.h"

#include "web/state/app.h"

#include "core/i18n/formatting.h"
#include "core/i18n/i18n_bundle.h"

#include <functional>

namespace bondstore::web {

// The label under `key`, made once per locale.
static const std::string& Made(App& app, std::string key, const std::function<std::string()>& make)
{
    auto it = app.formatted.find(key);
    if (it != app.formatted.end()) return it->second;
    if (app.formatted.size() > 8192) app.formatted.clear(); // a long session of prices and dates
    return app.formatted.emplace(std::move(key), make()).first->second;
}

std::string ApproximatePrice(App& app, Money amount)
{
    const CurrencyRate* rate = app.currency_rates.Find(app.display_currency);
    if (!rate) return {};
    return Made(app, "approx." + rate->currency + "." + std::to_string(amount.fen), [&] {
        std::string converted = FormatInCurrency(amount, rate->currency, rate->per_yuan, app.prices->locale());
        return converted.empty() ? converted : app.messages.Format("price.approximate", {{"amount", converted}});
    });
}

std::string CountryLabel(App& app, const std::string& iso)
{
    return Made(app, "country." + iso, [&] { return CountryName(iso, app.prices->locale()); });
}

std::string CategoryLabel(const App& app, const std::string& key)
{
    std::string name = app.messages.Format("category." + key);
    return name == "category." + key ? key : name; // an uploaded category without a message
}

std::string CurrencyLabel(App& app, const std::string& currency)
{
    return Made(app, "currency." + currency, [&] {
        return currency.empty() ? app.messages.Format("currency.cny") : CurrencyName(currency, app.prices->locale());
    });
}

std::string DateLabel(App& app, CalendarDate date)
{
    return Made(app, "date." + FormatIsoDate(date), [&] { return FormatDate(date, app.prices->locale()); });
}

std::string ProductSize(App& app, const Product& p)
{
    // "50 ml", "0.7 L": measured units through ICU; "3 pieces": counted ones through a message.
    if (p.legal_unit.empty()) return {};
    return Made(app, "size." + FormatDecimal(p.legal_qty) + " " + p.legal_unit, [&] {
        std::string measured = FormatQuantity(p.legal_qty, p.legal_unit, app.prices->locale());
        if (!measured.empty() || p.legal_qty.scale != 0) return measured.empty() ? FormatDecimal(p.legal_qty) + " " + p.legal_unit : measured;
        return app.messages.Format("product.count", {{"count", p.legal_qty.units}, {"unit", p.legal_unit}});
    });
}

std::string ProductTitle(const App& app, const Product& p)
{
    TextChoice t = ChooseText(p.title, p.machine_title, app.locale_chain);
    std::string title(t.text);
    if (t.machine_converted) title += " (" + app.messages.Format("text.machine_converted") + ")";
    return title;
}

} // namespace bondstore::web
