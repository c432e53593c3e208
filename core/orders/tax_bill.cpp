#include "core/orders/tax_bill.h"

namespace bondstore {

namespace {

Decimal FenAsDecimal(Money m) { return Decimal{m.fen, 2}; }

Decimal Add(Decimal a, Decimal b)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    return Decimal{a.units * Pow10(scale - a.scale) + b.units * Pow10(scale - b.scale), scale};
}

} // namespace

int64_t TaxBillDifferenceLine(std::string_view difference)
{
    constexpr std::string_view kLine = "line ";
    if (difference.substr(0, kLine.size()) != kLine) return 0;
    int64_t n = 0;
    for (size_t i = kLine.size(); i < difference.size() && difference[i] >= '0' && difference[i] <= '9' && n < 1000; i++)
        n = n * 10 + (difference[i] - '0');
    return n;
}

bool ExactFen(Decimal amount, int64_t* fen)
{
    if (amount.scale <= 2) {
        *fen = amount.units * Pow10(2 - amount.scale);
        return true;
    }
    int64_t div = Pow10(amount.scale - 2);
    if (amount.units % div != 0) return false;
    *fen = amount.units / div;
    return true;
}

TaxBillCheck CheckTaxBill(const ChargedTax& charged, const TaxBill& bill, bool given_back)
{
    TaxBillCheck c;
    c.charged = charged.total();
    bool live = bill.status != 3;
    c.billed = live ? Add(Add(bill.customs_tax, bill.vat), bill.consumption_tax) : Decimal{};
    if (!live) {
        // A void bill: the tax is not levied, which is right only if the order gave it back.
        if (!given_back) c.differences.push_back("void");
        return c;
    }
    if (given_back) c.differences.push_back("given_back"); // customs taxes what the store gave back
    if (!(bill.customs_tax == FenAsDecimal(charged.tariff))) c.differences.push_back("customs_tax");
    if (!(bill.vat == FenAsDecimal(charged.vat))) c.differences.push_back("value_added_tax");
    if (!(bill.consumption_tax == FenAsDecimal(charged.consumption_tax))) c.differences.push_back("consumption_tax");
    if (bill.lines.size() != charged.lines.size()) {
        c.differences.push_back("lines");
        return c;
    }
    for (const TaxBill::Line& l : bill.lines) {
        if (l.gnum < 1 || l.gnum > int64_t(charged.lines.size())) {
            c.differences.push_back("lines");
            continue;
        }
        const ChargedTax::Line& mine = charged.lines[size_t(l.gnum - 1)];
        std::string at = "line " + std::to_string(l.gnum) + " ";
        if (!(l.tax_price == FenAsDecimal(mine.dutiable))) c.differences.push_back(at + "tax_price");
        if (!(l.customs_tax == FenAsDecimal(mine.tariff)) || !(l.vat == FenAsDecimal(mine.vat)) ||
            !(l.consumption_tax == FenAsDecimal(mine.consumption_tax)))
            c.differences.push_back(at + "tax");
    }
    return c;
}

} // namespace bondstore
