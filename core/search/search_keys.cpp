#include "core/search/search_keys.h"

#include "core/i18n/i18n_bundle.h"

#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace bondstore {

struct PinyinTransliterator::Impl {
    std::unique_ptr<icu::Transliterator> t;
    std::unordered_map<UChar32, std::string> cache; // a catalog repeats the same few thousand characters
};

PinyinTransliterator::PinyinTransliterator() : impl_(std::make_unique<Impl>())
{
    UErrorCode status = U_ZERO_ERROR;
    impl_->t.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) impl_->t.reset();
}

PinyinTransliterator::~PinyinTransliterator() = default;
bool PinyinTransliterator::ok() const { return impl_->t != nullptr; }

PinyinTransliterator::Keys PinyinTransliterator::Transliterate(std::string_view utf8)
{
    Keys out;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    for (int32_t i = 0; i < text.length();) {
        UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        UErrorCode status = U_ZERO_ERROR;
        if (impl_->t && uscript_getScript(c, &status) == USCRIPT_HAN) {
            auto it = impl_->cache.find(c);
            if (it == impl_->cache.end()) {
                icu::UnicodeString one(c);
                impl_->t->transliterate(one);
                std::string syllable;
                one.toUTF8String(syllable);
                syllable.erase(std::remove(syllable.begin(), syllable.end(), ' '), syllable.end());
                it = impl_->cache.emplace(c, syllable).first;
            }
            out.full += it->second;
            if (!it->second.empty()) out.initials += it->second[0];
            continue;
        }
        icu::UnicodeString one(u_tolower(c));
        std::string s;
        one.toUTF8String(s);
        out.full += s;
        out.initials += s;
    }
    return out;
}

void ComputeSearchKeys(std::vector<Product>& products, const std::vector<std::string>& locales)
{
    PinyinTransliterator pinyin;
    for (Product& p : products) {
        p.search = {};
        if (const std::string* zh = p.title.Find("zh-Hans"); zh && pinyin.ok()) {
            PinyinTransliterator::Keys k = pinyin.Transliterate(*zh);
            p.search.pinyin = std::move(k.full);
            p.search.initials = std::move(k.initials);
        }
    }
    for (const std::string& locale : locales) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale::forLanguageTag(locale, status), status));
        if (U_FAILURE(status) || !collator) continue;
        // Sort keys once per name, then byte comparisons: far cheaper than comparing strings
        // through the collator n·log n times.
        std::vector<std::string> chain = FallbackChain(locale);
        std::vector<std::string> keys(products.size());
        std::vector<uint8_t> buffer(256);
        for (size_t i = 0; i < products.size(); i++) {
            // The name as the shopper of `locale` sees it (machine-converted for zh-Hant).
            std::string_view n = ChooseText(products[i].title, products[i].machine_title, chain).text;
            icu::UnicodeString name = icu::UnicodeString::fromUTF8(icu::StringPiece(n.data(), int32_t(n.size())));
            int32_t length = collator->getSortKey(name, buffer.data(), int32_t(buffer.size()));
            if (length > int32_t(buffer.size())) {
                buffer.resize(size_t(length));
                length = collator->getSortKey(name, buffer.data(), int32_t(buffer.size()));
            }
            keys[i].assign(reinterpret_cast<const char*>(buffer.data()), size_t(length));
        }
        std::vector<uint32_t> order(products.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
        for (size_t position = 0; position < order.size(); position++)
            products[order[position]].search.rank.emplace_back(locale, int32_t(position));
    }
}

} // namespace bondstore
