#include "core/base/money.h"

namespace bondstore {

MoneyParse ParseYuan(std::string_view s, bool allow_negative)
{
    MoneyParse r;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) { r.error = "money.empty"; return r; }

    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
        if (s.empty()) { r.error = "money.not_a_number"; return r; }
    }
    if (negative && !allow_negative) { r.error = "money.negative"; return r; }

    int64_t yuan = 0;
    int int_digits = 0;
    size_t i = 0;
    bool last_was_comma = false;
    for (; i < s.size() && s[i] != '.'; i++) {
        char c = s[i];
        if (c == ',') {
            // A thousands separator must follow a digit and be followed by exactly 3 digits.
            if (int_digits == 0 || last_was_comma) { r.error = "money.not_a_number"; return r; }
            size_t j = i + 1, n = 0;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') { j++; n++; }
            if (n != 3) { r.error = "money.not_a_number"; return r; }
            last_was_comma = true;
            continue;
        }
        if (c < '0' || c > '9') { r.error = "money.not_a_number"; return r; }
        last_was_comma = false;
        if (yuan > kMaxFen / 100) { r.error = "money.out_of_range"; return r; }
        yuan = yuan * 10 + (c - '0');
        int_digits++;
    }
    int64_t cents = 0;
    int frac_digits = 0;
    if (i < s.size()) { // at '.'
        i++;
        for (; i < s.size(); i++) {
            char c = s[i];
            if (c < '0' || c > '9') { r.error = "money.not_a_number"; return r; }
            if (frac_digits == 2) {
                r.error = "money.too_many_decimals";
                return r;
            }
            cents = cents * 10 + (c - '0');
            frac_digits++;
        }
        if (frac_digits == 0 && int_digits == 0) { r.error = "money.not_a_number"; return r; }
    }
    if (int_digits == 0 && frac_digits == 0) { r.error = "money.not_a_number"; return r; }
    if (frac_digits == 1) cents *= 10;
    int64_t fen = yuan * 100 + cents;
    if (fen > kMaxFen) { r.error = "money.out_of_range"; return r; }
    r.value.fen = negative ? -fen : fen;
    return r;
}

std::string FormatYuan(Money m)
{
    // Built by hand rather than with snprintf("%lld") so that it is identical in every build.
    uint64_t v = m.fen < 0 ? uint64_t(0) - uint64_t(m.fen) : uint64_t(m.fen);
    char buf[32];
    int n = 0;
    uint64_t cents = v % 100, yuan = v / 100;
    buf[n++] = char('0' + cents % 10);
    buf[n++] = char('0' + cents / 10);
    buf[n++] = '.';
    do { buf[n++] = char('0' + yuan % 10); yuan /= 10; } while (yuan);
    if (m.fen < 0) buf[n++] = '-';
    std::string out(n, '\0');
    for (int k = 0; k < n; k++) out[k] = buf[n - 1 - k];
    return out;
}

} // namespace bondstore
