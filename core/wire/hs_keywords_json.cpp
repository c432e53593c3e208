#include "core/wire/hs_keywords_json.h"

#include "core/wire/json_reader.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;

HsKeywordParse ParseHsKeywordJson(std::string_view text)
{
    HsKeywordParse out;
    json j = wire::ParseObject(text, &out.problems);
    if (j.is_discarded()) return out;
    FieldReader r(j, "hs_keywords", -1, out.problems);
    const json* headings = r.Get("headings", true);
    if (!headings) return out;
    if (!headings->is_array()) {
        r.Report("json.expected_array", "headings");
        return out;
    }
    int64_t index = 0;
    for (const json& h : *headings) {
        FieldReader hr(h, "headings", index++, out.problems);
        if (!h.is_object()) {
            hr.Report("json.expected_object", "headings");
            continue;
        }
        HsKeywordTable::Heading heading;
        heading.hs = hr.String("hs", true);
        heading.code = hr.String("code", false);
        const json* keywords = hr.Get("keywords", true);
        if (keywords && keywords->is_object()) {
            for (const auto& [locale, words] : keywords->items()) {
                if (!words.is_array()) {
                    hr.Report("json.expected_array", "keywords." + locale);
                    continue;
                }
                for (const json& w : words) {
                    if (w.is_string()) heading.keywords[locale].push_back(w.get<std::string>());
                    else hr.Report("json.expected_string", "keywords." + locale, w.dump());
                }
            }
        } else if (keywords) {
            hr.Report("json.expected_object", "keywords");
        }
        out.table.headings.push_back(std::move(heading));
    }
    return out;
}

} // namespace bondstore
