#include "core/i18n/text_conversion.h"

#include "core/i18n/i18n_bundle.h"
#include "core/i18n/icu_text.h"

#include <unicode/translit.h>

#include <map>
#include <memory>

namespace bondstore {

static std::unique_ptr<icu::Transliterator> MakeTransliterator(std::string_view id)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(icu_text::U(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
}

static std::string Transliterate(icu::Transliterator& t, std::string_view text)
{
    icu::UnicodeString s = icu_text::U(text);
    t.transliterate(s);
    return icu_text::Utf8(s);
}

std::optional<std::string> ConvertText(std::string_view text, std::string_view id)
{
    // Creating a transliterator parses its rules (tens of milliseconds for Hans-Hant); loading a
    // catalog converts hundreds of strings, so one is kept per id. Per thread, because ICU does
    // not promise that transliterate() on a shared instance is thread-safe; only the threads that
    // load message catalogs (start-up) ever hold one.
    thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>, std::less<>> cache;
    auto it = cache.find(id);
    if (it == cache.end()) it = cache.emplace(std::string(id), MakeTransliterator(id)).first;
    if (!it->second) return std::nullopt;
    return Transliterate(*it->second, text);
}

struct MachineText::Transliterators {
    std::map<std::string, std::unique_ptr<icu::Transliterator>, std::less<>> by_id;
};

MachineText::MachineText() : transliterators_(std::make_unique<Transliterators>())
{
    for (LocaleInfo& l : BundledLocales())
        if (!l.convert_from.empty()) targets_.push_back(std::move(l));
}

MachineText::~MachineText() = default;

LocalizedText MachineText::Missing(const LocalizedText& given)
{
    LocalizedText made;
    for (const LocaleInfo& target : targets_) {
        if (given.Find(target.tag)) continue;
        for (const auto& [from, id] : target.convert_from) {
            const std::string* source = given.Find(from);
            if (!source) continue;
            auto& by_id = transliterators_->by_id;
            auto it = by_id.find(id);
            if (it == by_id.end()) it = by_id.emplace(id, MakeTransliterator(id)).first;
            if (!it->second) continue;
            made.Set(target.tag, Transliterate(*it->second, *source));
            break;
        }
    }
    return made;
}

} // namespace bondstore
