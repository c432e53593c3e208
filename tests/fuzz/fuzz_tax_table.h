// The bundled tax table for the fuzz targets, parsed once.
#pragma once

#include "core/wire/tax_json.h"

#include <cstdlib>
#include <string_view>

namespace bondstore {
std::string_view EmbeddedFuzzAsset(std::string_view key); // tests/fuzz/CMakeLists.txt
}

namespace bondstore::fuzz {

inline const bondstore::TaxTable& TaxTable()
{
    static const bondstore::TaxTable table = [] {
        TaxTableParse parsed = ParseTaxTableJson(EmbeddedFuzzAsset("tax_table"));
        if (!parsed.ok()) std::abort();
        return parsed.table;
    }();
    return table;
}

} // namespace bondstore::fuzz
