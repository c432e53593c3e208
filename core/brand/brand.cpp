#include "core/brand/brand.h"

#include "core/i18n/i18n_bundle.h"

#include <cmath>
#include <set>

namespace bondstore {

namespace {

// What is drawn on what. Text needs 4.5:1 (WCAG 2.1 AA, 1.4.3); the accent against the page 3:1
// (1.4.11: a button must be seen as one).
struct ContrastPair {
    Rgb BrandColors::*fore;
    Rgb BrandColors::*back;
    const char* field;
    double minimum;
};
const ContrastPair kBrandContrastPairs[] = {
    {&BrandColors::text, &BrandColors::page, "text/page", 4.5},
    {&BrandColors::text, &BrandColors::surface, "text/surface", 4.5},
    {&BrandColors::muted, &BrandColors::page, "muted/page", 4.5},
    {&BrandColors::muted, &BrandColors::surface, "muted/surface", 4.5},
    {&BrandColors::on_accent, &BrandColors::accent, "on_accent/accent", 4.5},
    {&BrandColors::accent, &BrandColors::page, "accent/page", 3.0},
    {&BrandColors::accent, &BrandColors::surface, "accent/surface", 3.0},
};

double Linear(uint8_t channel)
{
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// "4.47:1", rounded down so a ratio shown as 4.5 is never below it.
std::string RatioText(double ratio)
{
    int64_t hundredths = int64_t(std::floor(ratio * 100));
    std::string cents = std::to_string(hundredths % 100);
    return std::to_string(hundredths / 100) + "." + (cents.size() < 2 ? "0" : "") + cents + ":1";
}

int HexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Problem BrandProblem(const char* code, std::string field, std::string value, std::string limit = {})
{
    Problem p;
    p.code = code;
    p.section = "brand";
    p.field = std::move(field);
    p.value = ShortenForReport(value);
    p.limit = std::move(limit);
    return p;
}

} // namespace

Brand DefaultBrand()
{
    Brand b;
    b.id = "bondstore";
    b.name.Set("en", "Bondstore");
    b.name.Set("zh-Hans", "Bondstore 保税仓");
    b.light = {{0xf6, 0xf5, 0xf2}, {0xff, 0xff, 0xff}, {0x1f, 0x23, 0x28}, {0x57, 0x5e, 0x66},
               {0x0b, 0x6e, 0x4f}, {0xff, 0xff, 0xff}, {0xd9, 0xd6, 0xcf}};
    b.dark = {{0x15, 0x18, 0x1c}, {0x1f, 0x24, 0x2a}, {0xe8, 0xea, 0xed}, {0xa4, 0xab, 0xb4},
              {0x4c, 0xc3, 0x8a}, {0x0b, 0x1a, 0x12}, {0x35, 0x3c, 0x44}};
    b.delivery_min_days = 2;
    b.delivery_max_days = 5;
    return b;
}

double RelativeLuminance(Rgb c) { return 0.2126 * Linear(c.r) + 0.7152 * Linear(c.g) + 0.0722 * Linear(c.b); }

double ContrastRatio(Rgb a, Rgb b)
{
    double la = RelativeLuminance(a), lb = RelativeLuminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

std::vector<Problem> CheckBrand(const Brand& brand)
{
    std::vector<Problem> problems;
    if (brand.id.empty()) problems.push_back(BrandProblem("brand.missing", "id", ""));
    if (brand.name.empty()) problems.push_back(BrandProblem("brand.missing", "name", ""));
    for (const auto& [scheme, colors] : {std::pair<const char*, const BrandColors*>{"light", &brand.light}, {"dark", &brand.dark}}) {
        for (const ContrastPair& pair : kBrandContrastPairs) {
            Rgb fore = colors->*pair.fore, back = colors->*pair.back;
            double ratio = ContrastRatio(fore, back);
            if (ratio + 1e-9 < pair.minimum)
                problems.push_back(BrandProblem("brand.contrast", std::string(scheme) + "." + pair.field,
                                                RgbToHex(fore) + " on " + RgbToHex(back) + ": " + RatioText(ratio),
                                                RatioText(pair.minimum)));
        }
    }
    if (!(brand.corner_radius >= 0 && brand.corner_radius <= 24))
        problems.push_back(BrandProblem("brand.out_of_range", "corner_radius", std::to_string(brand.corner_radius), "0..24"));
    if (!(brand.text_scale >= 0.8f && brand.text_scale <= 1.4f))
        problems.push_back(BrandProblem("brand.out_of_range", "text_scale", std::to_string(brand.text_scale), "0.8..1.4"));
    if (!brand.default_locale.empty() && !FindLocale(brand.default_locale))
        problems.push_back(BrandProblem("brand.unknown_locale", "default_locale", brand.default_locale));
    if (brand.delivery_min_days < 0 || brand.delivery_max_days < brand.delivery_min_days || brand.delivery_max_days > 60)
        problems.push_back(BrandProblem("brand.out_of_range", "delivery_days",
                                        std::to_string(brand.delivery_min_days) + ".." + std::to_string(brand.delivery_max_days), "0..60"));
    std::set<std::string> seen;
    for (size_t i = 0; i < brand.featured.size(); i++) {
        const std::string& sku = brand.featured[i];
        if (sku.empty() || !seen.insert(sku).second)
            problems.push_back(BrandProblem("brand.featured_duplicate", "featured[" + std::to_string(i) + "]", sku));
    }
    return problems;
}

bool ParseRgb(const std::string& text, Rgb* out)
{
    if (text.empty() || text[0] != '#' || (text.size() != 7 && text.size() != 4)) return false;
    int v[6];
    for (size_t i = 1; i < text.size(); i++)
        if ((v[i - 1] = HexDigit(text[i])) < 0) return false;
    if (text.size() == 4) *out = {uint8_t(v[0] * 17), uint8_t(v[1] * 17), uint8_t(v[2] * 17)};
    else *out = {uint8_t(v[0] * 16 + v[1]), uint8_t(v[2] * 16 + v[3]), uint8_t(v[4] * 16 + v[5])};
    return true;
}

std::string RgbToHex(Rgb c)
{
    static const char digits[] = "0123456789abcdef";
    std::string s = "#";
    for (uint8_t channel : {c.r, c.g, c.b}) {
        s += digits[channel >> 4];
        s += digits[channel & 15];
    }
    return s;
}

} // namespace bondstore
