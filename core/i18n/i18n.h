// i18n: ICU set-up, UI message catalogs (ICU MessageFormat) and locale-aware formatting.
//
// The same code runs natively (system ICU with its data library) and in WebAssembly (ICU
// cross-compiled, data handed over with InstallIcuData before the first ICU call). Locales are
// BCP 47 tags as the rest of Bondstore writes them: "zh-Hans", "en", "zh-Hant", "de-AT".
//
// Threading: a Messages or PriceFormatter is built once and then only read; ICU's formatters are
// not documented as safe for concurrent use, so a multi-threaded caller keeps one per thread or
// guards it (the server does the latter, for error messages only).
#pragma once

#include "core/base/money.h"
#include "core/base/problem.h"
#include "core/i18n/message_pattern.h"

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace bondstore {

// Hands ICU its data (the contents of an icudt*.dat archive). Only needed where ICU was built
// without a data library (the WebAssembly build). `data` must stay valid and unchanged for the
// life of the process. Returns false, with ICU's error name in `error`, if ICU rejects it.
bool InstallIcuData(const void* data, std::string* error);

// ICU's version string, e.g. "72.1" (both builds must report the same one).
std::string IcuVersion();

// A named argument for a message: an integer (plural/number arguments) or text.
using MessageValue = std::variant<int64_t, std::string>;
using MessageArgs = std::vector<std::pair<std::string, MessageValue>>;

// Converts text with an ICU transliterator ("Hans-Hant"); nothing if it cannot. ConvertText
// (text_conversion.h) is one. Passed in rather than called, so a program that never converts
// (the web app: its ICU data has no transliteration rules) does not link ICU's transliteration.
using TextConverter = std::optional<std::string> (*)(std::string_view text, std::string_view id);

// The UI messages for one locale with its fallback chain: a key missing from the first catalog is
// looked up in the next. Every pattern is compiled when loaded, so a broken one is found at load
// time, not when a shopper reaches the screen that shows it.
class Messages {
public:
    struct Catalog {
        std::string locale;    // "zh-Hans"
        std::string_view json; // flat object: {"key": "ICU MessageFormat pattern", …}
        // When set: every pattern taken from this catalog is converted with this ICU transliterator
        // ("Hans-Hant") and marked machine-converted. Without a converter, or when it cannot
        // convert, the text is kept as it is, still marked.
        std::string convert;
        std::optional<PseudoKind> pseudo; // pseudo-localise every pattern
        std::string format_locale;        // the locale for plural rules and numbers, if not `locale`
    };
    struct LoadProblem {
        std::string locale;
        std::string key;     // empty for a problem with the whole file
        std::string error;   // "json.syntax", "json.expected_string", or ICU's error name
    };

    Messages();
    ~Messages();
    Messages(Messages&&) noexcept;
    Messages& operator=(Messages&&) noexcept;

    // chain[0] is the locale shown; the rest are its fallbacks in order.
    static Messages Load(const std::vector<Catalog>& chain, std::vector<LoadProblem>* problems,
                         TextConverter convert = nullptr);

    // Formats `key` with `args`. A key found in no catalog yields the key itself, so a missing
    // translation is visible rather than blank.
    std::string Format(std::string_view key, const MessageArgs& args = {}) const;

    bool Has(std::string_view key) const;
    const std::string& locale() const { return locale_; }
    // The locale whose catalog supplied `key` ("" if none): lets a screen mark fallback text.
    std::string_view SourceLocale(std::string_view key) const;
    // True if `key`'s text was converted by machine from a fallback (zh-Hans → zh-Hant).
    bool MachineConverted(std::string_view key) const;
    // The pattern behind `key` as loaded (after conversion or pseudo-localisation), "" if none.
    std::string Pattern(std::string_view key) const;

private:
    struct Compiled;
    std::string locale_;
    std::map<std::string, std::unique_ptr<Compiled>, std::less<>> entries_;
};

// Formats CNY amounts for one locale ("¥1,234.50" in zh-Hans, "CN¥1,234.50" in en).
class PriceFormatter {
public:
    explicit PriceFormatter(std::string_view locale);
    ~PriceFormatter();
    PriceFormatter(PriceFormatter&&) noexcept;
    PriceFormatter& operator=(PriceFormatter&&) noexcept;

    std::string Format(Money amount) const;
    // An exact yuan amount with up to four decimals ("0.912" → "¥0.912"), for per-unit rates.
    // Returns "" if `yuan` is not a decimal number.
    std::string FormatYuanDecimal(std::string_view yuan) const;
    const std::string& locale() const { return locale_; }

private:
    struct Impl;
    std::string locale_;
    std::unique_ptr<Impl> impl_;
};

// A person-readable description of a problem in the messages' locale: where it is, then what is
// wrong ("products[3] (SKU FM-01), hs_code: the HS code must be 10 digits (got “19011”)").
std::string DescribeProblem(const Messages& messages, const Problem& problem);

} // namespace bondstore
