// Featured products: what a kiosk's attract screen cycles through — the store's own choice (the
// brand's "featured"), else what sells best, else one product of each category (a tour of the
// shop). Chosen by the server (GET /api/featured, which knows the sales) and, before its answer or
// without a server, by the app from the same rule.
#pragma once

#include "core/brand/brand.h"
#include "core/catalog/catalog.h"

#include <cstddef>
#include <string>
#include <vector>

namespace bondstore {

struct FeaturedProducts {
    std::string source;            // "brand", "best_sellers" or "categories"
    std::vector<std::string> skus; // in the order shown; each in the catalog
};

constexpr size_t kMaxFeatured = 8;

// The brand's featured SKUs that are in `catalog` (all of them, in its order); if none, the
// `best_sellers` in the catalog (best first, at most kMaxFeatured); if none, the first product
// with a picture of each category, in catalog order (at most kMaxFeatured).
FeaturedProducts ChooseFeatured(const Brand& brand, const Catalog& catalog, const std::vector<std::string>& best_sellers);

} // namespace bondstore
