#include "core/cart/cart_handoff.h"

#include "core/orders/order.h" // kMaxOrderLineQty

namespace bondstore {

namespace {

bool Unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Percent-decodes `s`; false if an escape is malformed.
bool Decode(std::string_view s, std::string* out)
{
    out->clear();
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] != '%') { out->push_back(s[i]); continue; }
        if (i + 2 >= s.size()) return false;
        int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out->push_back(char(hi * 16 + lo));
        i += 2;
    }
    return true;
}

} // namespace

std::string CartHandoffUrl(std::string_view base, const std::vector<CartLine>& lines)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string url(base);
    url += url.find('?') == std::string::npos ? "?cart=" : "&cart=";
    bool first = true;
    for (const CartLine& l : lines) {
        if (l.qty <= 0) continue;
        if (!first) url += ',';
        first = false;
        for (unsigned char c : l.sku) {
            if (Unreserved(c)) { url += char(c); continue; }
            url += '%';
            url += digits[c >> 4];
            url += digits[c & 15];
        }
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
        if (!Decode(entry.substr(0, star), &sku) || sku.empty()) continue;
        bool repeated = false;
        for (const CartLine& l : out) repeated = repeated || l.sku == sku;
        if (!repeated) out.push_back({sku, qty});
    }
    return out;
}

} // namespace bondstore
