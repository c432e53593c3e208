#include "core/i18n/formatting.h"

#include "core/base/exact.h"
#include "core/i18n/icu_text.h"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>
#include <unicode/simpletz.h>
#include <unicode/ucurr.h>

#include <memory>

namespace bondstore {

using icu_text::LocaleOf;
using icu_text::Utf8;

std::string CountryName(std::string_view iso2, std::string_view locale)
{
    icu::Locale region("", std::string(iso2).c_str());
    icu::UnicodeString name;
    region.getDisplayCountry(LocaleOf(locale), name);
    std::string out = Utf8(name);
    return out.empty() ? std::string(iso2) : out;
}

std::string FormatQuantity(Decimal quantity, std::string_view unit, std::string_view locale)
{
    std::string number = FormatDecimal(quantity);
    icu::MeasureUnit measure;
    if (unit == "ml") measure = icu::MeasureUnit::getMilliliter();
    else if (unit == "L") measure = icu::MeasureUnit::getLiter();
    else if (unit == "g") measure = icu::MeasureUnit::getGram();
    else if (unit == "kg") measure = icu::MeasureUnit::getKilogram();
    else return {}; // counted units: the message "product.count" (plural rules per locale)
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = icu::number::NumberFormatter::withLocale(LocaleOf(locale))
                                 .unit(measure)
                                 .unitWidth(UNUM_UNIT_WIDTH_SHORT)
                                 .formatDecimal(icu::StringPiece(number), status)
                                 .toString(status);
    return U_FAILURE(status) ? number + " " + std::string(unit) : Utf8(out);
}

static std::string FormatMoment(UDate when_ms, int offset_minutes, icu::DateFormat::EStyle date_style,
                                icu::DateFormat::EStyle time_style, std::string_view locale)
{
    std::unique_ptr<icu::DateFormat> f(time_style == icu::DateFormat::kNone
                                           ? icu::DateFormat::createDateInstance(date_style, LocaleOf(locale))
                                           : icu::DateFormat::createDateTimeInstance(date_style, time_style, LocaleOf(locale)));
    if (!f) return {};
    // A fixed offset, not a zone name: no time-zone data needed (China has had no DST since 1991).
    f->adoptTimeZone(new icu::SimpleTimeZone(offset_minutes * 60 * 1000, icu::UnicodeString(u"Bondstore")));
    icu::UnicodeString out;
    f->format(when_ms, out);
    return Utf8(out);
}

std::string FormatDate(CalendarDate date, std::string_view locale)
{
    UDate ms = UDate(DaysSinceEpoch(date)) * 86400000.0;
    return FormatMoment(ms, 0, icu::DateFormat::kMedium, icu::DateFormat::kNone, locale);
}

std::string FormatDateTime(int64_t unix_seconds, int utc_offset_minutes, std::string_view locale)
{
    return FormatMoment(UDate(unix_seconds) * 1000.0, utc_offset_minutes, icu::DateFormat::kMedium,
                        icu::DateFormat::kShort, locale);
}

std::string FormatInCurrency(Money amount, std::string_view currency, Decimal rate, std::string_view locale)
{
    if (currency.size() != 3) return {};
    for (char c : currency)
        if (c < 'A' || c > 'Z') return {};
    // fen × rate / 100, exactly, to six decimals; ICU rounds it to the currency's own digits.
    Exact converted = Exact::Fen(amount) * Exact::FromDecimal(rate) / Exact::Integer(100);
    if (!converted.ok()) return {};
    std::string decimal = converted.ToDecimalString(6);
    UErrorCode status = U_ZERO_ERROR;
    char16_t iso[4] = {char16_t(currency[0]), char16_t(currency[1]), char16_t(currency[2]), 0};
    icu::CurrencyUnit unit(iso, status);
    icu::UnicodeString out = icu::number::NumberFormatter::withLocale(LocaleOf(locale))
                                 .unit(unit)
                                 .formatDecimal(icu::StringPiece(decimal), status)
                                 .toString(status);
    if (U_FAILURE(status)) return {};
    return Utf8(out);
}

std::string CurrencyName(std::string_view currency, std::string_view locale)
{
    if (currency.size() != 3) return std::string(currency);
    char16_t iso[4] = {char16_t(currency[0]), char16_t(currency[1]), char16_t(currency[2]), 0};
    UErrorCode status = U_ZERO_ERROR;
    UBool is_choice = false;
    int32_t length = 0;
    std::string tag = LocaleOf(locale).getName();
    const char16_t* name = ucurr_getName(iso, tag.c_str(), UCURR_LONG_NAME, &is_choice, &length, &status);
    if (U_FAILURE(status) || !name) return std::string(currency);
    return Utf8(icu::UnicodeString(name, length));
}

} // namespace bondstore
