#include "core/catalog/product.h"

namespace bondstore {

int32_t Product::SearchData::RankIn(std::string_view locale) const
{
    for (const auto& [l, r] : rank)
        if (l == locale) return r;
    return -1;
}

} // namespace bondstore
