// TextConversion: text a locale lacks, made by machine from a locale it can be converted from
// (locales.json "convert_from": zh-Hant from zh-Hans, with ICU's "Hans-Hant" transliterator).
//
// ICU's transliteration rules are large (~900 KB) and the browser's filtered ICU data leaves
// them out, so conversion happens where the full data is: the server converts product titles
// when it publishes the catalog (Product::machine_title, from MachineText), and UI strings for zh-Hant are
// translated by hand. Natively, Messages::Load converts UI strings a catalog takes from a
// convert_from fallback.
#pragma once

#include "core/base/localized_text.h"
#include "core/i18n/i18n_bundle.h"

#include <memory>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// `text` through the ICU transliterator `id` ("Hans-Hant"). Nothing if this ICU has no such
// transliterator (no data). Transliterators are cached per thread.
std::optional<std::string> ConvertText(std::string_view text, std::string_view id);

// The text a LocalizedText lacks, converted by machine: for every bundled locale with
// convert_from rules, from the first source locale it has (zh-Hant = Hans-Hant of zh-Hans). Text
// given by a person is never replaced. One instance for one batch (a catalog being published):
// it keeps its transliterators for the batch and releases them with itself, so no server thread
// keeps one for good.
class MachineText {
public:
    MachineText();
    ~MachineText();
    LocalizedText Missing(const LocalizedText& given);

private:
    std::vector<LocaleInfo> targets_;
    struct Transliterators; // ICU's, made once per id for the batch
    std::unique_ptr<Transliterators> transliterators_;
};

} // namespace bondstore
