// Problem: one thing wrong with some input, said in a way both a program and a person can use.
//
// `code` is stable (tests and API clients match on it); the text a person reads comes from the
// i18n catalogs under the key "problem.<code>", with the other fields as named arguments
// ({field}, {value}, {index}, {row}, {sku}, {limit}).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bondstore {

enum class Severity { Error, Warning };

struct Problem {
    std::string code;           // e.g. "catalog.hs_code_format"
    Severity severity = Severity::Error;
    std::string section;        // the list the item is in: "products", "stock", "warehouses", …
    int64_t index = -1;         // position of the item in that list, 0-based; -1 if none
    int64_t row = -1;           // spreadsheet row (header = 1); -1 if none
    std::string sku;            // the item's SKU when known
    std::string field;          // the field or column, e.g. "title.zh-Hans"
    std::string value;          // the offending value, shortened for display
    std::string limit;          // the limit that was broken, when there is one
};

inline bool HasErrors(const std::vector<Problem>& problems)
{
    for (const Problem& p : problems)
        if (p.severity == Severity::Error) return true;
    return false;
}

// Shortens a value for display in a problem report: at most `max_bytes`, cut on a UTF-8
// character boundary, with "…" appended when cut.
std::string ShortenForReport(const std::string& value, size_t max_bytes = 60);

} // namespace bondstore
