// libFuzzer target: the links anyone can make — the cart hand-off link (?cart=…), which anyone can
// put in a QR code, and a shopper's address (/en/p/SKU?q=…, core/storefront/shop_address.h). What
// parses must come back the same through the link the kiosk or the app would make of it.
#include "core/cart/cart_handoff.h"
#include "core/storefront/shop_address.h"

#include <cstdlib>

using namespace bondstore;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view value(reinterpret_cast<const char*>(data), size);
    std::vector<CartLine> lines = ParseCartHandoff(value);
    for (const CartLine& l : lines)
        if (l.qty < 1 || l.qty > 999 || l.sku.empty()) std::abort();
    std::string url = CartHandoffUrl("https://shop.example/", lines);
    size_t at = url.find("?cart=");
    std::vector<CartLine> again = ParseCartHandoff(at == std::string::npos ? std::string_view() : std::string_view(url).substr(at + 6));
    if (again.size() != lines.size()) std::abort();
    for (size_t i = 0; i < lines.size(); i++)
        if (again[i].sku != lines[i].sku || again[i].qty != lines[i].qty) std::abort();

    // The same bytes as an address: path, then query after the first "?".
    size_t q = value.find('?');
    std::optional<ShopAddress> address = ParseShopAddress(value.substr(0, q), q == std::string_view::npos ? std::string_view() : value.substr(q + 1));
    if (address) {
        if ((address->screen == ShopScreen::Product) == address->sku.empty()) std::abort();
        if ((address->screen == ShopScreen::Category) == address->category.empty()) std::abort();
        std::string url = ShopAddressUrl(*address);
        size_t uq = url.find('?');
        std::optional<ShopAddress> back = ParseShopAddress(std::string_view(url).substr(0, uq), uq == std::string::npos ? std::string_view() : std::string_view(url).substr(uq + 1));
        if (!back || !(*back == *address)) std::abort();
    }
    return 0;
}
