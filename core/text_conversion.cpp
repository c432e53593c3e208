#include "text_conversion.h"

#include "i18n_bundle.h"

#include <unicode/translit.h>

#include <map>
#include <memory>

namespace bondstore {

std::optional<std::string> ConvertText(std::string_view text, std::string_view id)
{
    // Creating a transliterator parses its rules (milliseconds); one per id per thread, because
    // ICU does not promise that transliterate() on a shared instance is thread-safe.
    thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>, std::less<>> cache;
    auto it = cache.find(id);
    if (it == cache.end()) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), int32_t(id.size()))), UTRANS_FORWARD, status));
        if (U_FAILURE(status)) t.reset();
        it = cache.emplace(std::string(id), std::move(t)).first;
    }
    if (!it->second) return std::nullopt;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    it->second->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    return out;
}

void ComputeMachineTitles(std::vector<Product>& products)
{
    std::vector<LocaleInfo> targets;
    for (LocaleInfo& l : BundledLocales())
        if (!l.convert_from.empty()) targets.push_back(std::move(l));
    for (Product& p : products) {
        p.machine_title = {};
        for (const LocaleInfo& target : targets) {
            if (p.title.Find(target.tag)) continue;
            for (const auto& [from, id] : target.convert_from) {
                const std::string* source = p.title.Find(from);
                if (!source) continue;
                if (std::optional<std::string> converted = ConvertText(*source, id)) {
                    p.machine_title.Set(target.tag, std::move(*converted));
                    break;
                }
            }
        }
    }
}

} // namespace bondstore
