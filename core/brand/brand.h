// Brand: how one store looks — its name, logo, colours (light and dark), corner radius, text size
// and weight, default language and display currency, the products its kiosk features, and the
// delivery time its product pages promise. Read
// from the store's brand file (core/wire/brand_json.h, server --brand); the shopper's app, the
// kiosk and the merchant screen draw with it, so nothing of one store's look is built in.
//
// Colours are checked when the file is loaded (CheckBrand): text must keep WCAG 2.1 AA contrast
// (4.5:1) on what it is drawn on, and the accent that marks buttons 3:1 against the page
// (non-text contrast, WCAG 1.4.11), in both schemes.
#pragma once

#include "core/base/localized_text.h"
#include "core/base/problem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bondstore {

// An sRGB colour, 8 bits a channel ("#1a73e8" in the file).
struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

// The colours of one scheme. Every pair drawn together is checked (kBrandContrastPairs).
struct BrandColors {
    Rgb page;      // the window behind everything
    Rgb surface;   // cards, fields, menus
    Rgb text;      // on page and surface
    Rgb muted;     // secondary text (brand, "≈ with tax", SKUs) on page and surface
    Rgb accent;    // primary buttons (add to cart, place order), prices, the focus mark
    Rgb on_accent; // text on an accent button
    Rgb border;    // card and field edges (decorative: not checked)
};

enum class FontWeight { Regular, Medium, Bold };

struct Brand {
    std::string id;             // "bondstore": what tests and screenshots call it
    LocalizedText name;         // the store's name, per language
    LocalizedText tagline;      // one line under the name on the kiosk's attract screen (optional)
    std::string logo;           // a URL the app loads ("/brand/logo.png"); "" = the name alone
    BrandColors light, dark;
    float corner_radius = 6;    // CSS pixels, of cards, buttons and fields (0–24)
    float text_scale = 1;       // the text size, times the app's 18 px (0.8–1.4)
    FontWeight weight = FontWeight::Regular;
    std::string default_locale; // when the shopper's browser asks for none we have ("" = English); a kiosk's language
    std::string currency;       // shown beside yuan until the shopper chooses ("" = yuan only)
    std::vector<std::string> featured; // SKUs the kiosk's attract screen cycles through; none = a product of each category
    // What the product page promises: days from a cleared order to the door ("delivery_days":
    // [2, 5]); 0 = no promise shown.
    int delivery_min_days = 0, delivery_max_days = 0;
};

// The built-in look, when a store has no brand file: Bondstore's own.
Brand DefaultBrand();

// sRGB relative luminance and contrast ratio (WCAG 2.1, 1.4.3): 1 to 21.
double RelativeLuminance(Rgb c);
double ContrastRatio(Rgb a, Rgb b);

// Problems with a brand: contrast below AA in either scheme ("brand.contrast", field
// "dark.muted/surface", value "3.9:1", limit "4.5:1"), sizes out of range, a default locale
// that is not bundled, a featured SKU listed twice. The catalog's SKUs are not checked here
// (the file may be loaded before the catalog): a featured SKU not in the catalog is skipped.
std::vector<Problem> CheckBrand(const Brand& brand);

// "#1a73e8" ⇄ Rgb. Parse accepts "#rrggbb" and "#rgb" only.
bool ParseRgb(const std::string& text, Rgb* out);
std::string RgbToHex(Rgb c);

} // namespace bondstore
