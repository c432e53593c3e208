#include "core/wire/brand_json.h"

#include "core/wire/json_reader.h"

#include <cmath>

namespace bondstore {

using wire::FieldReader;
using wire::json;
using wire::LocalizedJson;

namespace {

struct ColorField {
    const char* name;
    Rgb BrandColors::*member;
};
const ColorField kColorFields[] = {
    {"page", &BrandColors::page},     {"surface", &BrandColors::surface}, {"text", &BrandColors::text},
    {"muted", &BrandColors::muted},   {"accent", &BrandColors::accent},   {"on_accent", &BrandColors::on_accent},
    {"border", &BrandColors::border},
};
const char* const kWeights[] = {"regular", "medium", "bold"};

void ReadColors(const json& colors, const char* scheme, BrandColors* out, std::vector<Problem>& problems)
{
    auto it = colors.find(scheme);
    if (it == colors.end() || !it->is_object()) {
        problems.push_back(wire::SectionProblem(it == colors.end() ? "json.missing_field" : "json.expected_object", "brand", -1));
        problems.back().field = std::string("colors.") + scheme;
        return;
    }
    FieldReader r(*it, "brand", -1, problems, {}, std::string("colors.") + scheme + ".");
    for (const ColorField& f : kColorFields) {
        std::string text = r.String(f.name, true);
        if (text.empty()) continue;
        if (!ParseRgb(text, &(out->*f.member))) r.Report("brand.color_format", f.name, text);
    }
    r.UnknownFields({"page", "surface", "text", "muted", "accent", "on_accent", "border"});
}

float Number(FieldReader& r, const char* key, float fallback)
{
    const json* v = r.Get(key, false);
    if (!v) return fallback;
    if (!v->is_number()) {
        r.Report("json.expected_decimal", key, v->dump());
        return fallback;
    }
    return v->get<float>();
}

json ColorsJson(const BrandColors& c)
{
    json j = json::object();
    for (const ColorField& f : kColorFields) j[f.name] = RgbToHex(c.*f.member);
    return j;
}

} // namespace

BrandParse ParseBrandJson(std::string_view text)
{
    BrandParse out;
    json j = wire::ParseObject(text, &out.problems);
    if (j.is_discarded()) return out;
    FieldReader r(j, "brand", -1, out.problems);
    Brand& b = out.brand;
    b.id = r.String("id", true);
    b.name = r.Localized("name", true);
    b.tagline = r.Localized("tagline", false);
    b.logo = r.String("logo", false);
    if (const json* colors = r.Get("colors", true)) {
        if (!colors->is_object()) {
            r.Report("json.expected_object", "colors", colors->dump());
        } else {
            ReadColors(*colors, "light", &b.light, out.problems);
            ReadColors(*colors, "dark", &b.dark, out.problems);
        }
    }
    b.corner_radius = Number(r, "corner_radius", b.corner_radius);
    b.text_scale = Number(r, "text_scale", b.text_scale);
    std::string weight = r.String("font_weight", false);
    bool known = weight.empty();
    for (int i = 0; i < 3; i++)
        if (weight == kWeights[i]) {
            b.weight = FontWeight(i);
            known = true;
        }
    if (!known) r.Report("brand.font_weight", "font_weight", weight);
    b.default_locale = r.String("default_locale", false);
    b.currency = r.String("currency", false);
    b.featured = r.StringList("featured");
    if (const json* days = r.Get("delivery_days", false)) {
        if (!days->is_array() || days->size() != 2 || !(*days)[0].is_number_integer() || !(*days)[1].is_number_integer()) {
            r.Report("brand.delivery_days", "delivery_days", days->dump());
        } else {
            b.delivery_min_days = int((*days)[0].get<int64_t>() > 1000 ? 1000 : (*days)[0].get<int64_t>());
            b.delivery_max_days = int((*days)[1].get<int64_t>() > 1000 ? 1000 : (*days)[1].get<int64_t>());
        }
    }
    r.UnknownFields({"id", "name", "tagline", "logo", "colors", "corner_radius", "text_scale", "font_weight", "default_locale",
                     "currency", "featured", "delivery_days"});
    if (HasErrors(out.problems)) return out;
    for (Problem& p : CheckBrand(b)) out.problems.push_back(std::move(p));
    return out;
}

std::string BrandToJson(const Brand& b)
{
    json j = json::object();
    j["id"] = b.id;
    j["name"] = LocalizedJson(b.name);
    if (!b.tagline.empty()) j["tagline"] = LocalizedJson(b.tagline);
    if (!b.logo.empty()) j["logo"] = b.logo;
    j["colors"] = {{"light", ColorsJson(b.light)}, {"dark", ColorsJson(b.dark)}};
    // Floats written as the decimals they were read from (1.1, not 1.100000023841858).
    j["corner_radius"] = std::round(double(b.corner_radius) * 100) / 100;
    j["text_scale"] = std::round(double(b.text_scale) * 100) / 100;
    j["font_weight"] = kWeights[int(b.weight)];
    if (!b.default_locale.empty()) j["default_locale"] = b.default_locale;
    if (!b.currency.empty()) j["currency"] = b.currency;
    j["featured"] = b.featured;
    if (b.delivery_max_days > 0) j["delivery_days"] = {b.delivery_min_days, b.delivery_max_days};
    return j.dump();
}

std::string FeaturedProductsToJson(const FeaturedProducts& f)
{
    json j = json::object();
    j["source"] = f.source;
    j["skus"] = f.skus;
    return j.dump();
}

std::optional<FeaturedProducts> ParseFeaturedProductsJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "featured", -1, problems);
    FeaturedProducts f;
    f.source = r.String("source", true);
    f.skus = r.StringList("skus");
    if (HasErrors(problems)) return std::nullopt;
    return f;
}

} // namespace bondstore
