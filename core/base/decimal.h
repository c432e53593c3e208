// Decimal: an exact decimal number (units / 10^scale) for quantities and rates — "50" ml,
// "0.7" L, "0.13" VAT, "0.912" yuan per litre. Never a float, so a rate read from a table or a
// request is exactly the rate the law prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bondstore {

// 128-bit intermediates for exact products of amounts and rates (GCC and Clang, incl. wasm32).
__extension__ typedef __int128 Int128;

struct Decimal {
    int64_t units = 0; // value = units / 10^scale
    int scale = 0;     // 0..kMaxDecimalScale

    bool is_zero() const { return units == 0; }
    bool is_negative() const { return units < 0; }
};

constexpr int kMaxDecimalScale = 9;
// Largest |units| accepted: keeps products of a Decimal and a Money inside 128 bits with room.
constexpr int64_t kMaxDecimalUnits = 1'000'000'000'000'000'000; // 1e18

// Result of parsing; `error` is a stable code (empty when ok): "decimal.empty",
// "decimal.not_a_number", "decimal.too_many_decimals", "decimal.out_of_range", "decimal.negative".
struct DecimalParse {
    Decimal value;
    std::string error;
    bool ok() const { return error.empty(); }
};

DecimalParse ParseDecimal(std::string_view text, bool allow_negative = false);

// Shortest exact form: "50", "0.7", "0.13", "-1.5". Trailing zeros are dropped.
std::string FormatDecimal(Decimal d);

// Exact comparison across scales.
int CompareDecimal(Decimal a, Decimal b);
inline bool operator==(Decimal a, Decimal b) { return CompareDecimal(a, b) == 0; }

// 10^n for n in 0..18.
int64_t Pow10(int n);

} // namespace bondstore
