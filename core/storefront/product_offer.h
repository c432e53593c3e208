// ProductOffer: a product as the open web reads it — a search engine's rich result, a share card,
// a server-rendered page: its name and description in one language, its pictures as absolute
// addresses, the price in yuan and whether bonded stock can ship it. Written as schema.org JSON-LD
// by core/wire/structured_data_json.h.
#pragma once

#include "core/base/money.h"
#include "core/catalog/product.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct ProductOffer {
    std::string url;                 // the product's page, absolute ("https://shop.example/en/p/SKU")
    std::string name, description;   // in the page's language (its fallback chain)
    std::string brand, sku, gtin;    // gtin: the barcode, when the product has one
    std::string category;            // the category's name in the page's language
    std::string origin_iso;          // "JP"
    std::vector<std::string> images; // absolute
    Money price;                     // per item, CNY, before the cross-border tax
    bool in_stock = false;           // bonded stock can ship one now
};

// `site`: the store's public address without a trailing "/" ("https://shop.example"). Relative
// picture paths ("/images/X.png") are made absolute on it; `chain` is the page's FallbackChain.
ProductOffer OfferFor(const Product& product, std::string_view site, const std::vector<std::string>& chain,
                      std::string url, std::string category_name, bool in_stock);

} // namespace bondstore
