#include "text_conversion.h"

#include "i18n_bundle.h"
#include "icu_text.h"

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

void ComputeMachineTitles(std::vector<Product>& products)
{
    // One transliterator per id for this call, released after it: publishing runs on whichever
    // server thread took the upload, and none of them should keep one for good.
    std::map<std::string, std::unique_ptr<icu::Transliterator>, std::less<>> made;
    auto converter = [&](const std::string& id) {
        auto it = made.find(id);
        if (it == made.end()) it = made.emplace(id, MakeTransliterator(id)).first;
        return it->second.get();
    };
    std::vector<LocaleInfo> targets;
    for (LocaleInfo& l : BundledLocales())
        if (!l.convert_from.empty()) targets.push_back(std::move(l));
    for (Product& p : products) {
        p.machine_title = {};
        for (const LocaleInfo& target : targets) {
            if (p.title.Find(target.tag)) continue;
            for (const auto& [from, id] : target.convert_from) {
                const std::string* source = p.title.Find(from);
                icu::Transliterator* t = source ? converter(id) : nullptr;
                if (!t) continue;
                p.machine_title.Set(target.tag, Transliterate(*t, *source));
                break;
            }
        }
    }
}

} // namespace bondstore
