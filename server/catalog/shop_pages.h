// ShopPages: the HTML of a shopper's addresses (core/storefront/shop_address.h) — home, a
// category or search, a product — written by the server from core's catalog, i18n and tax, in
// every bundled language: what search engines index, what a link shared in WeChat shows, what a
// shopper without JavaScript or WebGL reads, and what the app starts on top of. The cart,
// checkout and order addresses have no content of their own (the app draws them) and are not
// indexed. Plus the sitemap and robots.txt.
#pragma once

#include "server/catalog/published_catalog.h"
#include "server/http/app_shell.h"

#include "core/base/calendar_date.h"
#include "core/brand/brand.h"
#include "core/storefront/shop_address.h"
#include "core/wire/experience_store_json.h"
#include "core/tax/tax_table.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

// What every page reads.
struct ShopSite {
    const CatalogSnapshot& catalog;
    const Brand& brand;
    const TaxTable& tax;
    CalendarDate today;   // the tax rules of this day (China time)
    std::string origin;   // the store's public address without its final "/" ("https://shop.example")
    const StoreDirectory* stores = nullptr; // the experience stores, for a product's "on display at" (null: not shown)
};

constexpr size_t kProductsPerPage = 48; // a category's or search's page (?page=N)

// The SKUs `address` will show on its `page` (1-based): the route reads their stock at once.
std::vector<std::string> PageSkus(const ShopSite& site, const ShopAddress& address, int page);

// The page at `address` (its locale set, a bundled one). `stock`: SKU → units one order can take
// (absent = unknown). Nullopt when the address names nothing the store has (a SKU or category it
// does not sell, a page past the last): the route answers 404.
std::optional<ShopPage> RenderShopPage(const ShopSite& site, const ShopAddress& address, int page,
                                       const std::map<std::string, int64_t>& stock);

// The sitemap: an index of one file per language (`part` ""), or one language's file ("en"):
// its home, categories and products, each with its alternates in the other languages.
// Nullopt for a part that does not exist.
std::optional<std::string> SitemapXml(const ShopSite& site, const std::string& part);
std::string RobotsTxt(const ShopSite& site);

// The brand's colours as CSS custom properties for the pages (light, and dark when the device
// asks for it).
std::string BrandStyle(const Brand& brand);

} // namespace bondstore
