// ShopAddress: the address of each screen a shopper can be on — the same for the app (its history:
// Back and Forward, a link to share or bookmark) and for the server (its pages, sitemap, canonical
// and alternate links), so a link made by one opens the same screen in the other.
//
//   /{locale}/               home                          /zh-Hans/
//   /{locale}/?q=TEXT        a search                      /en/?q=milk%20powder
//   /{locale}/c/{category}   a category (?q= inside it)    /en/c/infant_formula
//   /{locale}/p/{sku}        a product                     /en/p/IF-APT-PF3-800
//   /{locale}/cart           the cart
//   /{locale}/checkout       checkout
//   /{locale}/order          the order just placed: its number and secret stay in the app, never in
//                            an address (a shared link must not open someone's order)
//
// The locale is any the store has (i18n_bundle.h, pseudo-locales too). Each address is also taken
// without it ("/p/SKU", "/"): the shopper's language is then negotiated — "/" is the x-default
// alternate of every language's home. Segments and the query are percent-encoded UTF-8.
// A kiosk (/kiosk) and the merchant screen (/merchant) are not shopper addresses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

enum class ShopScreen { Home, Category, Product, Cart, Checkout, Order };

struct ShopAddress {
    ShopScreen screen = ShopScreen::Home;
    std::string locale;   // "" when the address has none
    std::string category; // Category: its key ("infant_formula")
    std::string sku;      // Product
    std::string query;    // Home, Category: the search text; "" = none

    bool operator==(const ShopAddress&) const = default;
};

// Longest SKU or category an address carries (the catalog's own limit is lower).
constexpr size_t kMaxAddressSegment = 200;

// The screen at `path` ("/en/p/SKU") with `query_string` (what follows "?", without it); nullopt
// when the path is no shopper address (an unknown locale or word, a malformed escape, an empty or
// over-long SKU or category, a trailing part).
std::optional<ShopAddress> ParseShopAddress(std::string_view path, std::string_view query_string = {});

// The address as a URL path and query: "/en/p/IF-APT-PF3-800", "/zh-Hans/?q=%E5%A5%B6".
std::string ShopAddressUrl(const ShopAddress& address);

} // namespace bondstore
