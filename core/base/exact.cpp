#include "core/base/exact.h"

namespace bondstore {

static Int128 Abs(Int128 v) { return v < 0 ? -v : v; }

static Int128 Gcd(Int128 a, Int128 b)
{
    a = Abs(a);
    b = Abs(b);
    while (b != 0) {
        Int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// 2^126: magnitudes are kept below this so that one more addition cannot overflow unnoticed.
static constexpr Int128 kLimit = Int128(1) << 126;

Exact::Exact(Int128 num, Int128 den)
{
    if (den == 0) { ok_ = false; return; }
    if (den < 0) { num = -num; den = -den; }
    Int128 g = Gcd(num, den);
    if (g > 1) { num /= g; den /= g; }
    num_ = num;
    den_ = den;
    ok_ = Abs(num) < kLimit && den < kLimit;
}

static bool MulChecked(Int128 a, Int128 b, Int128* out) { return !__builtin_mul_overflow(a, b, out) && Abs(*out) < kLimit; }
static bool AddChecked(Int128 a, Int128 b, Int128* out) { return !__builtin_add_overflow(a, b, out) && Abs(*out) < kLimit; }

static Exact Bad()
{
    Exact e = Exact::Ratio(1, 0);
    return e;
}

Exact operator+(const Exact& a, const Exact& b)
{
    if (!a.ok_ || !b.ok_) return Bad();
    // a/b + c/d = (a·(d/g) + c·(b/g)) / (b/g·d), g = gcd(b, d): keeps intermediates small.
    Int128 g = Gcd(a.den_, b.den_);
    Int128 x, y, n, d;
    if (!MulChecked(a.num_, b.den_ / g, &x) || !MulChecked(b.num_, a.den_ / g, &y) || !AddChecked(x, y, &n) ||
        !MulChecked(a.den_ / g, b.den_, &d))
        return Bad();
    return Exact(n, d);
}

Exact operator-(const Exact& a, const Exact& b)
{
    if (!b.ok_) return Bad();
    return a + Exact(-b.num_, b.den_);
}

Exact operator*(const Exact& a, const Exact& b)
{
    if (!a.ok_ || !b.ok_) return Bad();
    // Cross-reduce first so that products of already-reduced fractions stay small.
    Int128 g1 = Gcd(a.num_, b.den_), g2 = Gcd(b.num_, a.den_);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    Int128 n, d;
    if (!MulChecked(a.num_ / g1, b.num_ / g2, &n) || !MulChecked(a.den_ / g2, b.den_ / g1, &d)) return Bad();
    return Exact(n, d);
}

Exact operator/(const Exact& a, const Exact& b)
{
    if (!a.ok_ || !b.ok_ || b.num_ == 0) return Bad();
    return a * Exact(b.den_, b.num_);
}

int Compare(const Exact& a, const Exact& b)
{
    Exact d = a - b;
    return d.num_ < 0 ? -1 : d.num_ > 0 ? 1 : 0;
}

int64_t Exact::Floor() const
{
    if (!ok_) return 0;
    Int128 q = num_ / den_;
    if (num_ % den_ != 0 && num_ < 0) q -= 1;
    return int64_t(q);
}

int64_t Exact::RoundHalfUp() const
{
    if (!ok_) return 0;
    // floor((2|n| + d) / 2d), with the sign put back: half away from zero.
    Int128 n = Abs(num_);
    Int128 q = (2 * n + den_) / (2 * den_);
    return int64_t(num_ < 0 ? -q : q);
}

bool Exact::ToDecimal(Decimal* out) const
{
    if (!ok_) return false;
    for (int scale = 0; scale <= kMaxDecimalScale; scale++) {
        Int128 p = Pow10(scale);
        if (p % den_ != 0) continue;
        Int128 units = num_ * (p / den_);
        if (units > kMaxDecimalUnits || units < -kMaxDecimalUnits) return false;
        *out = Decimal{int64_t(units), scale};
        while (out->scale > 0 && out->units % 10 == 0) { out->units /= 10; out->scale--; }
        return true;
    }
    return false;
}

std::string Exact::ToDecimalString(int digits) const
{
    if (!ok_) return "overflow";
    Int128 n = Abs(num_);
    Int128 whole = n / den_, rem = n % den_;
    std::string out;
    do { out.insert(out.begin(), char('0' + int(whole % 10))); whole /= 10; } while (whole > 0);
    if (num_ < 0) out.insert(out.begin(), '-');
    if (digits > 0) {
        out += '.';
        for (int i = 0; i < digits; i++) {
            rem *= 10;
            out += char('0' + int(rem / den_));
            rem %= den_;
        }
    }
    return out;
}

} // namespace bondstore
