// Exact: a rational number with 128-bit numerator and denominator, for tax arithmetic that must
// never round until the convention says so (CONVENTIONS.md §1). Operators propagate an overflow
// flag instead of wrapping: a result computed from absurd inputs is marked !ok() and the caller
// refuses it, it is never a wrong number.
#pragma once

#include "core/base/decimal.h"
#include "core/base/money.h"

#include <cstdint>
#include <string>

namespace bondstore {

class Exact {
public:
    Exact() = default;
    static Exact Integer(int64_t v) { return Exact(v, 1); }
    static Exact Fen(Money m) { return Exact(m.fen, 1); }
    static Exact FromDecimal(Decimal d) { return Exact(d.units, Pow10(d.scale)); }
    static Exact Ratio(Int128 num, Int128 den) { return Exact(num, den); }

    bool ok() const { return ok_; }
    Int128 num() const { return num_; }
    Int128 den() const { return den_; }
    bool is_zero() const { return num_ == 0; }
    bool is_negative() const { return num_ < 0; }

    friend Exact operator+(const Exact& a, const Exact& b);
    friend Exact operator-(const Exact& a, const Exact& b);
    friend Exact operator*(const Exact& a, const Exact& b);
    friend Exact operator/(const Exact& a, const Exact& b); // division by zero → !ok()
    friend int Compare(const Exact& a, const Exact& b);      // -1, 0, 1; both must be ok()
    friend bool operator<(const Exact& a, const Exact& b) { return Compare(a, b) < 0; }
    friend bool operator>=(const Exact& a, const Exact& b) { return Compare(a, b) >= 0; }
    friend bool operator==(const Exact& a, const Exact& b) { return Compare(a, b) == 0; }

    // Rounds to a whole number of the unit the value is in (fen), half away from zero —
    // "half-up" for the non-negative amounts taxes are. !ok() values give 0.
    int64_t RoundHalfUp() const;
    int64_t Floor() const;

    // The value as a Decimal, if it is one with at most 9 fractional digits.
    bool ToDecimal(Decimal* out) const;

    // Decimal text with `digits` fractional digits, truncated, for explanations ("23.3333").
    std::string ToDecimalString(int digits) const;

private:
    Exact(Int128 num, Int128 den);
    Int128 num_ = 0;
    Int128 den_ = 1;
    bool ok_ = true;
};

} // namespace bondstore
