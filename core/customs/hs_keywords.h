// HsKeywordTable: the words merchants write for the goods under each of the store's tax-table
// headings, in the nine languages (assets/customs/hs-keywords.json, read by
// core/wire/hs_keywords_json.h). The importer's suggestions use it (core/import/customs_suggestion.h).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace bondstore {

struct HsKeywordTable {
    struct Heading {
        std::string hs;                                            // "3304", "19011010"
        std::string code;                                          // its usual 10-digit code ("" if none)
        std::map<std::string, std::vector<std::string>> keywords;  // locale → keywords
    };
    std::vector<Heading> headings;
};

} // namespace bondstore
