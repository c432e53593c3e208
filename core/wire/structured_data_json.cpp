#include "core/wire/structured_data_json.h"

#include <nlohmann/json.hpp>

namespace bondstore {

using json = nlohmann::json;

namespace {

// Written into an HTML <script> element: "</script>" or "<!--" inside a string must neither end
// nor change it. "<" appears only inside JSON strings, where "\u003c" means the same.
std::string ForScriptElement(const json& j)
{
    std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    return out;
}

} // namespace

std::string ProductJsonLd(const ProductOffer& o)
{
    json j = json::object();
    j["@context"] = "https://schema.org";
    j["@type"] = "Product";
    j["name"] = o.name;
    j["image"] = o.images;
    if (!o.description.empty()) j["description"] = o.description;
    j["sku"] = o.sku;
    if (!o.gtin.empty()) j["gtin"] = o.gtin;
    if (!o.brand.empty()) j["brand"] = {{"@type", "Brand"}, {"name", o.brand}};
    if (!o.category.empty()) j["category"] = o.category;
    if (!o.origin_iso.empty()) j["countryOfOrigin"] = {{"@type", "Country"}, {"name", o.origin_iso}};
    j["offers"] = {
        {"@type", "Offer"},
        {"url", o.url},
        {"price", FormatYuan(o.price)},
        {"priceCurrency", "CNY"},
        {"availability", o.in_stock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock"},
        {"itemCondition", "https://schema.org/NewCondition"},
    };
    return ForScriptElement(j);
}

std::string BreadcrumbJsonLd(const std::vector<std::pair<std::string, std::string>>& trail)
{
    json items = json::array();
    for (size_t i = 0; i < trail.size(); i++)
        items.push_back({{"@type", "ListItem"}, {"position", i + 1}, {"name", trail[i].first}, {"item", trail[i].second}});
    return ForScriptElement({{"@context", "https://schema.org"}, {"@type", "BreadcrumbList"}, {"itemListElement", items}});
}

} // namespace bondstore
