#include "core/cart/cart.h"

#include <algorithm>

namespace bondstore {

void Cart::Add(const std::string& sku, int64_t qty)
{
    for (CartLine& l : lines)
        if (l.sku == sku) { l.qty += qty; return; }
    if (qty > 0) lines.push_back({sku, qty});
}

void Cart::SetQty(const std::string& sku, int64_t qty)
{
    if (qty <= 0) { Remove(sku); return; }
    for (CartLine& l : lines)
        if (l.sku == sku) { l.qty = qty; return; }
    lines.push_back({sku, qty});
}

void Cart::Remove(const std::string& sku)
{
    lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const CartLine& l) { return l.sku == sku; }), lines.end());
}

int64_t Cart::QtyOf(const std::string& sku) const
{
    for (const CartLine& l : lines)
        if (l.sku == sku) return l.qty;
    return 0;
}

int64_t Cart::ItemCount() const
{
    int64_t n = 0;
    for (const CartLine& l : lines) n += l.qty;
    return n;
}

QuoteLine QuoteLineFor(const Product& p, int64_t qty)
{
    QuoteLine l;
    l.sku = p.sku;
    l.price = p.price;
    l.qty = qty;
    l.hs_code = p.hs_code;
    l.legal_qty = p.legal_qty;
    l.legal_unit = p.legal_unit;
    l.second_qty = p.second_qty;
    l.second_unit = p.second_unit;
    return l;
}

std::vector<Problem> FillQuoteLines(const Catalog& catalog, const std::vector<CartLine>& cart, std::vector<QuoteLine>* out)
{
    std::vector<Problem> problems;
    out->clear();
    for (size_t i = 0; i < cart.size(); i++) {
        const CartLine& c = cart[i];
        auto problem = [&](const char* code, std::string value) {
            Problem p;
            p.code = code;
            p.section = "lines";
            p.index = int64_t(i);
            p.sku = c.sku;
            p.field = code == std::string_view("cart.unknown_sku") ? "sku" : "qty";
            p.value = ShortenForReport(value);
            problems.push_back(std::move(p));
        };
        const Product* p = catalog.FindBySku(c.sku);
        if (!p) { problem("cart.unknown_sku", c.sku); continue; }
        if (c.qty <= 0) { problem("cart.qty_not_positive", std::to_string(c.qty)); continue; }
        out->push_back(QuoteLineFor(*p, c.qty));
    }
    return problems;
}

} // namespace bondstore
