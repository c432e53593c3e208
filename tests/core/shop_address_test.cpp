// The storefront on the open web: shop addresses (core/storefront/shop_address.h) — every shopper
// screen read from its URL and written back to the same URL, what is not one refused — and the
// structured data a product's page carries (core/wire/structured_data_json.h).
#include "core/formats/url_text.h"
#include "core/storefront/product_offer.h"
#include "core/storefront/shop_address.h"
#include "core/wire/structured_data_json.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace bondstore;

TEST_CASE("shop addresses: each screen, with and without its language")
{
    struct Case {
        const char* url;
        ShopAddress address;
    } cases[] = {
        {"/", {ShopScreen::Home, "", "", "", ""}},
        {"/en/", {ShopScreen::Home, "en", "", "", ""}},
        {"/zh-Hans/?q=%E5%A5%B6%E7%B2%89", {ShopScreen::Home, "zh-Hans", "", "", "奶粉"}},
        {"/en/c/infant_formula", {ShopScreen::Category, "en", "infant_formula", "", ""}},
        {"/ar/c/skin_care?q=cream", {ShopScreen::Category, "ar", "skin_care", "", "cream"}},
        {"/en/p/IF-APT-PF3-800", {ShopScreen::Product, "en", "", "IF-APT-PF3-800", ""}},
        {"/p/%E5%A5%B6-1", {ShopScreen::Product, "", "", "奶-1", ""}},
        {"/de/cart", {ShopScreen::Cart, "de", "", "", ""}},
        {"/ja/checkout", {ShopScreen::Checkout, "ja", "", "", ""}},
        {"/zh-Hant/order", {ShopScreen::Order, "zh-Hant", "", "", ""}},
        {"/en-XA/", {ShopScreen::Home, "en-XA", "", "", ""}}, // a pseudo-locale, for layout tests
    };
    for (const Case& c : cases) {
        CAPTURE(c.url);
        std::string_view url(c.url);
        size_t q = url.find('?');
        auto parsed = ParseShopAddress(url.substr(0, q), q == std::string_view::npos ? std::string_view() : url.substr(q + 1));
        REQUIRE(parsed);
        CHECK(*parsed == c.address);
        CHECK(ShopAddressUrl(c.address) == c.url);
    }
}

TEST_CASE("shop addresses: a search reads + and %20 as spaces, keeps other parameters out, and only where there is a list")
{
    auto a = ParseShopAddress("/en/", "utm_source=wechat&q=milk+powder%20800g");
    REQUIRE(a);
    CHECK(a->query == "milk powder 800g");
    CHECK(ShopAddressUrl(*a) == "/en/?q=milk%20powder%20800g");
    auto p = ParseShopAddress("/en/p/A", "q=ignored");
    REQUIRE(p);
    CHECK(p->query.empty());
    auto bad = ParseShopAddress("/en/", "q=%E5%A5"); // a cut escape: no search, still home
    REQUIRE(bad);
    CHECK(bad->query == "\xE5\xA5"); // (decoded bytes; the app and server treat text as UTF-8 data)
    CHECK(ParseShopAddress("/en/", "q=%G1")->query.empty());
}

TEST_CASE("shop addresses: what is not one is refused")
{
    for (const char* path : {"", "en/", "/xx/", "/en/x", "/en/p/", "/en/p", "/en/c/", "/en/p/A/B", "/en/cart/1",
                             "/en/en/", "/p/%G1", "/p/a%2Fb", "/kiosk", "/merchant", "/api/catalog", "/en//"}) {
        CAPTURE(path);
        CHECK_FALSE(ParseShopAddress(path));
    }
    CHECK_FALSE(ParseShopAddress("/p/" + std::string(kMaxAddressSegment + 1, 'A')));
    CHECK(ParseShopAddress("/p/" + std::string(kMaxAddressSegment, 'A')));
}

TEST_CASE("percent-encoding: unreserved characters kept, every other byte escaped, malformed escapes refused")
{
    CHECK(PercentEncode("Az09-._~") == "Az09-._~");
    CHECK(PercentEncode("a b/奶?&=+") == "a%20b%2F%E5%A5%B6%3F%26%3D%2B");
    std::string out;
    CHECK(PercentDecode("a%20b%2f%E5%A5%B6", &out));
    CHECK(out == "a b/奶");
    CHECK(PercentDecode("a+b", &out));
    CHECK(out == "a+b");
    CHECK(PercentDecode("a+b", &out, true));
    CHECK(out == "a b");
    CHECK_FALSE(PercentDecode("%4", &out));
    CHECK_FALSE(PercentDecode("%zz", &out));
}

TEST_CASE("structured data: a product's JSON-LD has what search engines require, and cannot end its <script> element")
{
    Product p;
    p.sku = "JP-1";
    p.title.Set("en", "Matcha </script><script>alert(1)</script> <!-- tin");
    p.title.Set("zh-Hans", "抹茶");
    p.brand = "Uji";
    p.barcode = "4901234567894";
    p.images = {"/images/JP-1.png", "https://cdn.example/JP-1-back.png"};
    p.price = Money{12800};
    p.origin_iso = "JP";
    ProductOffer offer = OfferFor(p, "https://shop.example", {"en", "zh-Hans"}, "https://shop.example/en/p/JP-1", "Tea", true);
    std::string ld = ProductJsonLd(offer);
    CHECK(ld.find("</script") == std::string::npos);
    CHECK(ld.find("<!--") == std::string::npos);
    nlohmann::json j = nlohmann::json::parse(ld);
    CHECK(j["@type"] == "Product");
    CHECK(j["name"] == "Matcha </script><script>alert(1)</script> <!-- tin"); // (the same text, read back)
    CHECK(j["image"] == nlohmann::json::array({"https://shop.example/images/JP-1.png", "https://cdn.example/JP-1-back.png"}));
    CHECK(j["gtin"] == "4901234567894");
    CHECK(j["brand"]["name"] == "Uji");
    CHECK(j["offers"]["price"] == "128.00");
    CHECK(j["offers"]["priceCurrency"] == "CNY");
    CHECK(j["offers"]["availability"] == "https://schema.org/InStock");
    offer.in_stock = false;
    CHECK(nlohmann::json::parse(ProductJsonLd(offer))["offers"]["availability"] == "https://schema.org/OutOfStock");
    nlohmann::json crumbs = nlohmann::json::parse(BreadcrumbJsonLd({{"Store", "https://shop.example/en/"}, {"Tea", "https://shop.example/en/c/tea"}}));
    CHECK(crumbs["itemListElement"][1]["position"] == 2);
    CHECK(crumbs["itemListElement"][1]["item"] == "https://shop.example/en/c/tea");
}
