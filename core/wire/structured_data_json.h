// Structured data for search engines: schema.org JSON-LD a server-rendered page carries in a
// <script type="application/ld+json">. Google's rich results for a product need name, image and
// an offer with price, priceCurrency and availability; brand, sku, gtin and description are
// recommended. The text is safe inside a <script> element ("<" is written "\u003c").
#pragma once

#include "core/storefront/product_offer.h"

#include <string>
#include <utility>
#include <vector>

namespace bondstore {

// {"@context":"https://schema.org","@type":"Product", …, "offers":{"@type":"Offer","price":"298.00",
// "priceCurrency":"CNY","availability":"https://schema.org/InStock", …}}
std::string ProductJsonLd(const ProductOffer& offer);

// A BreadcrumbList: (name, absolute URL) from the home page down to the page itself.
std::string BreadcrumbJsonLd(const std::vector<std::pair<std::string, std::string>>& trail);

} // namespace bondstore
