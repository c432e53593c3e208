#include "core/brand/featured.h"

#include <algorithm>
#include <unordered_set>

namespace bondstore {

FeaturedProducts ChooseFeatured(const Brand& brand, const Catalog& catalog, const std::vector<std::string>& best_sellers)
{
    FeaturedProducts out;
    for (const std::string& sku : brand.featured)
        if (catalog.FindBySku(sku)) out.skus.push_back(sku);
    if (!out.skus.empty()) {
        out.source = "brand";
        return out;
    }
    for (const std::string& sku : best_sellers)
        if (out.skus.size() < kMaxFeatured && catalog.FindBySku(sku) &&
            std::find(out.skus.begin(), out.skus.end(), sku) == out.skus.end())
            out.skus.push_back(sku);
    if (!out.skus.empty()) {
        out.source = "best_sellers";
        return out;
    }
    out.source = "categories";
    std::unordered_set<std::string> seen;
    for (const Product& p : catalog.products) {
        if (out.skus.size() >= kMaxFeatured) break;
        if (p.images.empty() || !seen.insert(p.category).second) continue;
        out.skus.push_back(p.sku);
    }
    return out;
}

} // namespace bondstore
