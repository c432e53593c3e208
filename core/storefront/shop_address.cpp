#include "core/storefront/shop_address.h"

#include "core/formats/url_text.h"
#include "core/i18n/i18n_bundle.h"

#include <vector>

namespace bondstore {

namespace {

std::vector<std::string_view> Segments(std::string_view path)
{
    std::vector<std::string_view> out;
    size_t start = 1; // after the leading "/"
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out; // "/en/" → {"en", ""}; "/" → {""}
}

// The value of `name` in a query string ("a=1&q=milk"), percent-decoded; "" if absent or malformed.
std::string QueryValue(std::string_view query_string, std::string_view name)
{
    size_t start = 0;
    while (start <= query_string.size()) {
        size_t end = query_string.find('&', start);
        if (end == std::string_view::npos) end = query_string.size();
        std::string_view pair = query_string.substr(start, end - start);
        start = end + 1;
        size_t eq = pair.find('=');
        if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
        std::string value;
        return PercentDecode(pair.substr(eq + 1), &value, true) ? value : std::string();
    }
    return {};
}

bool ReadSegment(std::string_view encoded, std::string* out)
{
    return PercentDecode(encoded, out) && !out->empty() && out->size() <= kMaxAddressSegment && out->find('/') == std::string::npos;
}

} // namespace

std::optional<ShopAddress> ParseShopAddress(std::string_view path, std::string_view query_string)
{
    if (path.empty() || path[0] != '/') return std::nullopt;
    std::vector<std::string_view> parts = Segments(path);
    ShopAddress a;
    size_t i = 0;
    if (!parts[0].empty() && FindLocale(parts[0])) a.locale = std::string(parts[i++]);
    const size_t rest = parts.size() - i;
    std::string_view word = i < parts.size() ? parts[i] : std::string_view();
    if (rest == 0 || (rest == 1 && word.empty())) {
        a.screen = ShopScreen::Home;
    } else if (rest == 2 && (word == "c" || word == "p")) {
        a.screen = word == "c" ? ShopScreen::Category : ShopScreen::Product;
        if (!ReadSegment(parts[i + 1], word == "c" ? &a.category : &a.sku)) return std::nullopt;
    } else if (rest == 1 && word == "cart") {
        a.screen = ShopScreen::Cart;
    } else if (rest == 1 && word == "checkout") {
        a.screen = ShopScreen::Checkout;
    } else if (rest == 1 && word == "order") {
        a.screen = ShopScreen::Order;
    } else {
        return std::nullopt;
    }
    if (a.screen == ShopScreen::Home || a.screen == ShopScreen::Category) a.query = QueryValue(query_string, "q");
    return a;
}

std::string ShopAddressUrl(const ShopAddress& a)
{
    std::string url = "/";
    if (!a.locale.empty()) url += a.locale + "/";
    switch (a.screen) {
    case ShopScreen::Home: break;
    case ShopScreen::Category: url += "c/" + PercentEncode(a.category); break;
    case ShopScreen::Product: url += "p/" + PercentEncode(a.sku); break;
    case ShopScreen::Cart: url += "cart"; break;
    case ShopScreen::Checkout: url += "checkout"; break;
    case ShopScreen::Order: url += "order"; break;
    }
    if (!a.query.empty() && (a.screen == ShopScreen::Home || a.screen == ShopScreen::Category))
        url += "?q=" + PercentEncode(a.query);
    return url;
}

} // namespace bondstore
