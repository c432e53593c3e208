#include "core/cart/cart_handoff.h"

#include "core/formats/url_text.h"
#include "core/orders/order.h" // kMaxOrderLineQty

namespace bondstore {

std::string CartHandoffUrl(std::string_view base, const std::vector<CartLine>& lines)
{
    std::string url(base);
    url += url.find('?') == std::string::npos ? "?cart=" : "&cart=";
    bool first = true;
    for (const CartLine& l : lines) {
        if (l.qty <= 0) continue;
        if (!first) url += ',';
        first = false;
        url += PercentEncode(l.sku);
        url += '*';
        url += std::to_string(l.qty);
    }
    return url;
}

std::vector<CartLine> ParseCartHandoff(std::string_view value)
{
    std::vector<CartLine> out;
    size_t start = 0;
    while (start <= value.size()) {
        size_t end = value.find(',', start);
        if (end == std::string_view::npos) end = value.size();
        std::string_view entry = value.substr(start, end - start);
        start = end + 1;
        size_t star = entry.rfind('*');
        if (star == std::string_view::npos || star == 0 || star + 1 >= entry.size() || entry.size() - star - 1 > 3) continue;
        int64_t qty = 0;
        bool digits = true;
        for (char c : entry.substr(star + 1)) {
            if (c < '0' || c > '9') digits = false;
            else qty = qty * 10 + (c - '0');
        }
        if (!digits || qty < 1 || qty > kMaxOrderLineQty) continue;
        std::string sku;
        if (!PercentDecode(entry.substr(0, star), &sku) || sku.empty()) continue;
        bool repeated = false;
        for (const CartLine& l : out) repeated = repeated || l.sku == sku;
        if (!repeated) out.push_back({sku, qty});
    }
    return out;
}

} // namespace bondstore
