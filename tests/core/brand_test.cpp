#include <doctest/doctest.h>

#include "core/brand/brand.h"
#include "core/brand/featured.h"
#include "core/catalog/picture_sizes.h"
#include "core/wire/brand_json.h"

#include "tests/core/parity.h"

#include <string>

using namespace bondstore;

namespace {

std::string WithColor(std::string json, const std::string& from, const std::string& to)
{
    size_t at = json.find(from);
    REQUIRE(at != std::string::npos);
    return json.replace(at, from.size(), to);
}

bool HasProblem(const BrandParse& r, const std::string& code, const std::string& field)
{
    for (const Problem& p : r.problems)
        if (p.code == code && p.field == field) return true;
    return false;
}

} // namespace

TEST_CASE("contrast ratios are WCAG 2.1's")
{
    // Black on white is the largest ratio there is, and a colour on itself the smallest.
    CHECK(ContrastRatio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(ContrastRatio({0x77, 0x77, 0x77}, {0x77, 0x77, 0x77}) == doctest::Approx(1.0));
    // #767676 on white is the well-known lightest grey that passes AA (4.54:1); #777777 fails (4.48:1).
    CHECK(ContrastRatio({0x76, 0x76, 0x76}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.005));
    CHECK(ContrastRatio({0x77, 0x77, 0x77}, {255, 255, 255}) < 4.5);
    // The order of the two colours does not matter.
    CHECK(ContrastRatio({255, 255, 255}, {0x0b, 0x6e, 0x4f}) == ContrastRatio({0x0b, 0x6e, 0x4f}, {255, 255, 255}));
}

TEST_CASE("colours are #rrggbb or #rgb")
{
    Rgb c;
    CHECK(ParseRgb("#1a73E8", &c));
    CHECK(c == Rgb{0x1a, 0x73, 0xe8});
    CHECK(RgbToHex(c) == "#1a73e8");
    CHECK(ParseRgb("#fa0", &c));
    CHECK(c == Rgb{0xff, 0xaa, 0x00});
    for (const char* bad : {"", "1a73e8", "#1a73e", "#1a73e8ff", "#12345g", "red"}) CHECK_FALSE(ParseRgb(bad, &c));
}

TEST_CASE("both sample brands load, and Bondstore's file is the built-in look")
{
    BrandParse bondstore = ParseBrandJson(test::EmbeddedTestAssetView("bondstore_brand"));
    CHECK(bondstore.problems.empty());
    CHECK(BrandToJson(bondstore.brand) == BrandToJson([] {
              Brand b = DefaultBrand();
              b.logo = "logo.png";
              return b;
          }()));
    BrandParse harbour = ParseBrandJson(test::EmbeddedTestAssetView("harbour_brand"));
    CHECK(harbour.problems.empty());
    CHECK(harbour.brand.id == "harbour");
    CHECK(harbour.brand.corner_radius == 14);
    CHECK(harbour.brand.text_scale == doctest::Approx(1.1));
    CHECK(harbour.brand.weight == FontWeight::Bold);
    CHECK(harbour.brand.default_locale == "zh-Hans");
    CHECK(harbour.brand.featured.size() == 5);
    CHECK(*harbour.brand.name.Find("ja") == "ハーバーレーン");
    // Written and read back, the same brand.
    BrandParse again = ParseBrandJson(BrandToJson(harbour.brand));
    CHECK(again.problems.empty());
    CHECK(BrandToJson(again.brand) == BrandToJson(harbour.brand));
}

TEST_CASE("a brand whose text would be hard to read is refused, naming the pair and the ratio")
{
    std::string harbour(test::EmbeddedTestAssetView("harbour_brand"));
    // Dark scheme's secondary text made dimmer: 2.6:1 on its page.
    BrandParse r = ParseBrandJson(WithColor(harbour, "\"muted\": \"#c4ae9c\"", "\"muted\": \"#6e5a4b\""));
    CHECK_FALSE(r.ok());
    REQUIRE(HasProblem(r, "brand.contrast", "dark.muted/page"));
    for (const Problem& p : r.problems)
        if (p.field == "dark.muted/page") {
            CHECK(p.value.rfind("#6e5a4b on #1d1410: ", 0) == 0);
            CHECK(p.limit == "4.50:1");
        }
    CHECK(HasProblem(r, "brand.contrast", "dark.muted/surface"));
    // White on a pale accent: the button's text.
    r = ParseBrandJson(WithColor(harbour, "\"accent\": \"#a83a1a\"", "\"accent\": \"#f0a080\""));
    CHECK(HasProblem(r, "brand.contrast", "light.on_accent/accent"));
    CHECK(HasProblem(r, "brand.contrast", "light.accent/page")); // and the button against the page (3:1)
    // The light scheme is untouched by a change to the dark one, and the other way round.
    CHECK_FALSE(HasProblem(r, "brand.contrast", "dark.on_accent/accent"));
}

TEST_CASE("a brand file with the wrong shape says what is wrong")
{
    std::string harbour(test::EmbeddedTestAssetView("harbour_brand"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"#fffaf3\"", "\"cream\"")), "brand.color_format", "colors.light.page"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"corner_radius\": 14", "\"corner_radius\": 40")), "brand.out_of_range",
                     "corner_radius"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"text_scale\": 1.1", "\"text_scale\": 3")), "brand.out_of_range", "text_scale"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"bold\"", "\"heavy\"")), "brand.font_weight", "font_weight"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"zh-Hans\",\n  \"currency\"", "\"tlh\",\n  \"currency\"")), "brand.unknown_locale",
                     "default_locale"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"SN-ROY-NAMA-20\"", "\"SK-SKII-FTE-230\"")), "brand.featured_duplicate",
                     "featured[4]"));
    CHECK(HasProblem(ParseBrandJson(WithColor(harbour, "\"id\": \"harbour\",", "")), "json.missing_field", "id"));
    BrandParse no_dark = ParseBrandJson(WithColor(harbour, "\"dark\":", "\"dusk\":"));
    CHECK(HasProblem(no_dark, "json.missing_field", "colors.dark"));
    CHECK_FALSE(no_dark.ok());
    CHECK_FALSE(ParseBrandJson("[1, 2]").ok());
    CHECK_FALSE(ParseBrandJson("{\"id\": ").ok());
}

TEST_CASE("the app asks for the smallest thumbnail the server made that is large enough")
{
    CHECK(ThumbnailUrl("/images/IF-APT-PF3-800.png", 100) == "/thumbnails/128/IF-APT-PF3-800.png");
    CHECK(ThumbnailUrl("/images/IF-APT-PF3-800.png", 128) == "/thumbnails/128/IF-APT-PF3-800.png");
    CHECK(ThumbnailUrl("/images/a/b.jpg", 129) == "/thumbnails/256/a/b.jpg");
    CHECK(ThumbnailUrl("/images/x.png", 2000) == "/thumbnails/512/x.png"); // the largest made
    CHECK(ThumbnailUrl("https://cdn.shopify.com/x.png", 100) == "https://cdn.shopify.com/x.png");
    CHECK(ThumbnailUrl("/elsewhere/x.png", 100) == "/elsewhere/x.png");
    CHECK(FlagUrl("JP") == "/flags/jp.png");
    CHECK(FlagUrl("j1").empty());
    CHECK(FlagUrl("JPN").empty());
}

TEST_CASE("a kiosk features the brand's choice, else the best sellers, else a product of each category")
{
    Catalog catalog;
    auto add = [&](const char* sku, const char* category, bool picture) {
        Product p;
        p.sku = sku;
        p.category = category;
        if (picture) p.images = {std::string("/images/") + sku + ".png"};
        catalog.products.push_back(p);
    };
    add("A1", "tea", true);
    add("A2", "tea", true);
    add("B1", "wine", false); // no picture: not a category's face
    add("B2", "wine", true);
    add("C1", "snacks", true);
    Brand brand = DefaultBrand();
    FeaturedProducts f = ChooseFeatured(brand, catalog, {});
    CHECK(f.source == "categories");
    CHECK(f.skus == std::vector<std::string>{"A1", "B2", "C1"});
    // Best sellers the catalog still has, best first, once each.
    f = ChooseFeatured(brand, catalog, {"C1", "GONE", "A2", "C1"});
    CHECK(f.source == "best_sellers");
    CHECK(f.skus == std::vector<std::string>{"C1", "A2"});
    // The store's own choice comes first, whatever sells (a SKU it no longer has is skipped).
    brand.featured = {"B1", "NOPE", "A1"};
    f = ChooseFeatured(brand, catalog, {"C1"});
    CHECK(f.source == "brand");
    CHECK(f.skus == std::vector<std::string>{"B1", "A1"});
    // Never more than kMaxFeatured of the others.
    Catalog many;
    for (int i = 0; i < 20; i++) {
        Product p;
        p.sku = "S" + std::to_string(i);
        p.category = "c" + std::to_string(i);
        p.images = {"/images/x.png"};
        many.products.push_back(p);
    }
    CHECK(ChooseFeatured(DefaultBrand(), many, {}).skus.size() == kMaxFeatured);
    // On the wire and back.
    std::optional<FeaturedProducts> back = ParseFeaturedProductsJson(FeaturedProductsToJson(f));
    REQUIRE(back);
    CHECK(back->source == "brand");
    CHECK(back->skus == f.skus);
    CHECK_FALSE(ParseFeaturedProductsJson("{\"skus\": []}"));
}
