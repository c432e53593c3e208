// TextConversion: text a locale lacks, made by machine from a locale it can be converted from
// (locales.json "convert_from": zh-Hant from zh-Hans, with ICU's "Hans-Hant" transliterator).
//
// ICU's transliteration rules are large (~900 KB) and the browser's filtered ICU data leaves
// them out, so conversion happens where the full data is: the server converts product titles
// when it publishes the catalog (Product::machine_title), and UI strings for zh-Hant are
// translated by hand. Natively, Messages::Load converts UI strings a catalog takes from a
// convert_from fallback.
#pragma once

#include "product.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// `text` through the ICU transliterator `id` ("Hans-Hant"). Nothing if this ICU has no such
// transliterator (no data). Transliterators are cached per thread.
std::optional<std::string> ConvertText(std::string_view text, std::string_view id);

// For every bundled locale with convert_from rules, the title a product lacks in that locale,
// converted from the first source locale it has: product.machine_title["zh-Hant"] = Hans-Hant of
// title["zh-Hans"]. Titles a merchant gave are never replaced.
void ComputeMachineTitles(std::vector<Product>& products);

} // namespace bondstore
