// libFuzzer target: the cart hand-off link (?cart=…), which anyone can put in a QR code. What
// parses must come back the same through the link the kiosk would make of it.
#include "core/cart/cart_handoff.h"

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
    return 0;
}
