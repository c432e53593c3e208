#include "core/catalog/product.h"

namespace bondstore {

int32_t Product::SearchData::RankIn(std::string_view locale) const
{
    for (const auto& [l, r] : rank)
        if (l == locale) return r;
    return -1;
}

const std::string& CustomsName(const Product& p)
{
    static const std::string none;
    if (!p.customs_name.empty()) return p.customs_name;
    const std::string* zh = p.title.Find(kCustomsLocale);
    return zh ? *zh : none;
}

int64_t NetWeightGrams(const Product& p) { return p.net_weight_g > 0 ? p.net_weight_g : p.weight_g; }

} // namespace bondstore
