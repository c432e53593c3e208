// The store's brand file and GET /api/brand (core/brand/brand.h). Part of core's wire format
// (core/wire/README.md).
//
//   {"id": "bondstore", "name": {"en": "Bondstore", …}, "tagline": {…}, "logo": "logo.png",
//    "colors": {"light": {"page": "#f6f5f2", "surface": …, "text": …, "muted": …, "accent": …,
//                         "on_accent": …, "border": …}, "dark": {…}},
//    "corner_radius": 6, "text_scale": 1.0, "font_weight": "regular" | "medium" | "bold",
//    "default_locale": "en", "currency": "USD", "featured": ["SKU", …], "delivery_days": [2, 5]}
//
// In the file, "logo" names a picture beside it; in the answer, the URL the server serves it at.
#pragma once

#include "core/brand/brand.h"
#include "core/brand/featured.h"
#include "core/base/problem.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct BrandParse {
    Brand brand;
    std::vector<Problem> problems; // the file's shape, then CheckBrand's
    bool ok() const { return !HasErrors(problems); }
};
// Reads a brand and checks it (CheckBrand): a brand with problems is not to be used.
BrandParse ParseBrandJson(std::string_view json);
std::string BrandToJson(const Brand& brand);

// GET /api/featured: {"source": "brand" | "best_sellers" | "categories", "skus": ["SKU", …]}
std::string FeaturedProductsToJson(const FeaturedProducts& featured);
std::optional<FeaturedProducts> ParseFeaturedProductsJson(std::string_view json);

} // namespace bondstore
