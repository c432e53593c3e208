// The HS keyword table (assets/customs/hs-keywords.json, core/import/customs_suggestion.h):
// {"comment","headings":[{"hs":"3304","code"?:"3304990099","keywords":{"en":["lipstick",…],"zh-Hans":[…],…}}]}.
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"
#include "core/customs/hs_keywords.h"

#include <string_view>
#include <vector>

namespace bondstore {

struct HsKeywordParse {
    HsKeywordTable table;
    std::vector<Problem> problems; // json.* for the shape
    bool ok() const { return !HasErrors(problems); }
};
HsKeywordParse ParseHsKeywordJson(std::string_view json);

} // namespace bondstore
