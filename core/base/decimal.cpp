#include "core/base/decimal.h"

namespace bondstore {

int64_t Pow10(int n)
{
    int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

DecimalParse ParseDecimal(std::string_view s, bool allow_negative)
{
    DecimalParse r;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) { r.error = "decimal.empty"; return r; }
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
        if (s.empty()) { r.error = "decimal.not_a_number"; return r; }
    }
    if (negative && !allow_negative) { r.error = "decimal.negative"; return r; }

    int64_t units = 0;
    int scale = 0, digits = 0;
    bool in_fraction = false;
    for (char c : s) {
        if (c == '.') {
            if (in_fraction) { r.error = "decimal.not_a_number"; return r; }
            in_fraction = true;
            continue;
        }
        if (c < '0' || c > '9') { r.error = "decimal.not_a_number"; return r; }
        if (in_fraction) {
            if (scale == kMaxDecimalScale) { r.error = "decimal.too_many_decimals"; return r; }
            scale++;
        }
        if (units > (kMaxDecimalUnits - (c - '0')) / 10) { r.error = "decimal.out_of_range"; return r; }
        units = units * 10 + (c - '0');
        digits++;
    }
    if (digits == 0) { r.error = "decimal.not_a_number"; return r; }
    // Normalise: drop trailing fractional zeros so equal values have one representation.
    while (scale > 0 && units % 10 == 0) { units /= 10; scale--; }
    r.value = {negative ? -units : units, scale};
    return r;
}

std::string FormatDecimal(Decimal d)
{
    while (d.scale > 0 && d.units % 10 == 0) { d.units /= 10; d.scale--; }
    uint64_t v = d.units < 0 ? uint64_t(0) - uint64_t(d.units) : uint64_t(d.units);
    std::string digits;
    do { digits.insert(digits.begin(), char('0' + v % 10)); v /= 10; } while (v);
    if (d.scale > 0) {
        while ((int)digits.size() <= d.scale) digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - d.scale, '.');
    }
    if (d.units < 0) digits.insert(digits.begin(), '-');
    return digits;
}

int CompareDecimal(Decimal a, Decimal b)
{
    Int128 x = a.units, y = b.units;
    if (a.scale < b.scale) x *= Pow10(b.scale - a.scale);
    else if (b.scale < a.scale) y *= Pow10(a.scale - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

} // namespace bondstore
