#include "core/i18n/i18n.h"

#include "core/base/decimal.h"
#include "core/i18n/icu_text.h"

#include <nlohmann/json.hpp>

#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/udata.h>
#include <unicode/uversion.h>

namespace bondstore {

bool InstallIcuData(const void* data, std::string* error)
{
    UErrorCode status = U_ZERO_ERROR;
    udata_setCommonData(data, &status);
    if (U_FAILURE(status)) {
        if (error) *error = u_errorName(status);
        return false;
    }
    return true;
}

std::string IcuVersion()
{
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    return buf;
}

using icu_text::U;
using icu_text::Utf8;

// --- Messages ---------------------------------------------------------------------------------

struct Messages::Compiled {
    std::string locale; // catalog that supplied it
    bool machine_converted = false;
    std::unique_ptr<icu::MessageFormat> format;
};

Messages::Messages() = default;
Messages::~Messages() = default;
Messages::Messages(Messages&&) noexcept = default;
Messages& Messages::operator=(Messages&&) noexcept = default;

Messages Messages::Load(const std::vector<Catalog>& chain, std::vector<LoadProblem>* problems, TextConverter convert)
{
    Messages m;
    if (!chain.empty()) m.locale_ = chain.front().locale;
    auto report = [&](const std::string& locale, std::string key, std::string error) {
        if (problems) problems->push_back({locale, std::move(key), std::move(error)});
    };
    for (const Catalog& c : chain) {
        auto doc = nlohmann::json::parse(c.json.begin(), c.json.end(), nullptr, false);
        if (doc.is_discarded()) { report(c.locale, {}, "json.syntax"); continue; }
        if (!doc.is_object()) { report(c.locale, {}, "json.expected_object"); continue; }
        UErrorCode locale_status = U_ZERO_ERROR;
        icu::Locale locale = icu::Locale::forLanguageTag(c.format_locale.empty() ? c.locale : c.format_locale, locale_status);
        if (U_FAILURE(locale_status)) { report(c.locale, {}, "locale.invalid"); continue; }
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            if (!it.key().empty() && it.key()[0] == '@') continue; // metadata ("@source_hashes")
            if (m.entries_.count(it.key())) continue;               // an earlier catalog has it
            if (!it.value().is_string()) { report(c.locale, it.key(), "json.expected_string"); continue; }
            const std::string& text = it.value().get_ref<const std::string&>();
            std::optional<std::string> converted;
            if (!c.convert.empty() && convert) converted = convert(text, c.convert); // none: keep the text
            icu::UnicodeString pattern = U(converted ? *converted : text);
            if (c.pseudo) pattern = U(Pseudolocalize(Utf8(pattern), *c.pseudo));
            UErrorCode status = U_ZERO_ERROR;
            UParseError parse_error;
            auto format = std::make_unique<icu::MessageFormat>(pattern, locale, parse_error, status);
            if (U_FAILURE(status)) { report(c.locale, it.key(), u_errorName(status)); continue; }
            auto compiled = std::make_unique<Compiled>();
            compiled->locale = c.locale;
            compiled->machine_converted = !c.convert.empty();
            compiled->format = std::move(format);
            m.entries_.emplace(it.key(), std::move(compiled));
        }
    }
    return m;
}

bool Messages::Has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::string_view Messages::SourceLocale(std::string_view key) const
{
    auto it = entries_.find(key);
    return it == entries_.end() ? std::string_view() : std::string_view(it->second->locale);
}

bool Messages::MachineConverted(std::string_view key) const
{
    auto it = entries_.find(key);
    return it != entries_.end() && it->second->machine_converted;
}

std::string Messages::Pattern(std::string_view key) const
{
    auto it = entries_.find(key);
    if (it == entries_.end()) return {};
    icu::UnicodeString pattern;
    it->second->format->toPattern(pattern);
    return Utf8(pattern);
}

std::string Messages::Format(std::string_view key, const MessageArgs& args) const
{
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::string(key);
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const auto& [name, value] : args) {
        names.push_back(U(name));
        if (const int64_t* i = std::get_if<int64_t>(&value)) values.emplace_back(*i);
        else values.emplace_back(U(std::get<std::string>(value)));
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out;
    it->second->format->format(names.data(), values.data(), int32_t(values.size()), out, status);
    if (U_FAILURE(status)) return std::string(key);
    return Utf8(out);
}

// --- PriceFormatter ---------------------------------------------------------------------------

struct PriceFormatter::Impl {
    icu::number::LocalizedNumberFormatter formatter;
    icu::number::LocalizedNumberFormatter rate_formatter; // 2–4 fraction digits
};

PriceFormatter::PriceFormatter(std::string_view locale) : locale_(locale), impl_(std::make_unique<Impl>())
{
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale loc = icu::Locale::forLanguageTag(locale, status);
    if (U_FAILURE(status)) loc = icu::Locale::getRoot();
    status = U_ZERO_ERROR;
    icu::CurrencyUnit cny(u"CNY", status);
    impl_->formatter = icu::number::NumberFormatter::withLocale(loc).unit(cny);
    impl_->rate_formatter = impl_->formatter.precision(icu::number::Precision::minMaxFraction(2, 4));
}

PriceFormatter::~PriceFormatter() = default;
PriceFormatter::PriceFormatter(PriceFormatter&&) noexcept = default;
PriceFormatter& PriceFormatter::operator=(PriceFormatter&&) noexcept = default;

std::string PriceFormatter::Format(Money amount) const
{
    // Formatted from the exact decimal string, never through a double.
    std::string text = FormatYuan(amount);
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = impl_->formatter.formatDecimal(icu::StringPiece(text), status).toString(status);
    if (U_FAILURE(status)) return "CNY " + text;
    return Utf8(out);
}

std::string PriceFormatter::FormatYuanDecimal(std::string_view yuan) const
{
    if (!ParseDecimal(yuan, true).ok()) return {};
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out =
        impl_->rate_formatter.formatDecimal(icu::StringPiece(yuan.data(), int32_t(yuan.size())), status).toString(status);
    return U_FAILURE(status) ? std::string() : Utf8(out);
}

// --- Problems ---------------------------------------------------------------------------------

std::string DescribeProblem(const Messages& messages, const Problem& p)
{
    // Index and row go in as text: a row number is a label, not a quantity ("row 1234", not "1,234").
    MessageArgs args = {
        {"section", p.section}, {"index", std::to_string(p.index)}, {"row", std::to_string(p.row)}, {"sku", p.sku},
        {"field", p.field},     {"value", p.value}, {"limit", p.limit},
    };
    std::string where;
    if (p.row >= 0) where = messages.Format("problem.where.row", args);
    else if (p.index >= 0) where = messages.Format(p.sku.empty() ? "problem.where.item" : "problem.where.item_sku", args);
    if (!p.field.empty()) where += (where.empty() ? "" : " ") + messages.Format("problem.where.field", args);
    std::string what = messages.Format("problem." + p.code, args);
    return where.empty() ? what : messages.Format("problem.sentence", {{"where", where}, {"what", what}});
}

} // namespace bondstore
