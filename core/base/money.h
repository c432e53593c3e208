// Money: amounts in integer fen (0.01 CNY). Never a float.
//
// Every amount the shopper sees, the server charges and customs is told about is a Money.
// Parsing accepts what people and spreadsheets write ("123", "123.4", "123.45", "1,234.50");
// formatting for people goes through i18n (FormatPrice); FormatYuan is the plain, locale-free
// form used on the wire to customs ("123.45").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bondstore {

struct Money {
    int64_t fen = 0;

    friend constexpr bool operator==(Money a, Money b) { return a.fen == b.fen; }
    friend constexpr auto operator<=>(Money a, Money b) { return a.fen <=> b.fen; }
    friend constexpr Money operator+(Money a, Money b) { return {a.fen + b.fen}; }
    friend constexpr Money operator-(Money a, Money b) { return {a.fen - b.fen}; }
    constexpr Money& operator+=(Money b) { fen += b.fen; return *this; }
    constexpr Money& operator-=(Money b) { fen -= b.fen; return *this; }
};

constexpr Money Yuan(int64_t yuan) { return {yuan * 100}; }

// The largest amount Bondstore handles anywhere: ¥10,000,000,000.00 (1e12 fen). Orders are limited
// to ¥5,000 by law; this bound exists so that every product of an amount and a rate fits comfortably
// in 128-bit intermediate arithmetic, and absurd inputs are refused instead of overflowing.
constexpr int64_t kMaxFen = 1'000'000'000'000;

// Result of parsing. `error` is a stable code (empty when ok): "money.empty",
// "money.not_a_number", "money.too_many_decimals", "money.out_of_range", "money.negative".
struct MoneyParse {
    Money value;
    std::string error;
    bool ok() const { return error.empty(); }
};

// Parses a decimal amount in yuan: optional leading '-' (only if allow_negative), digits with
// optional ',' thousands separators, optional '.' and at most two decimals. Surrounding ASCII
// spaces are ignored. Nothing is rounded: "1.005" is an error, not 1.01.
MoneyParse ParseYuan(std::string_view text, bool allow_negative = false);

// "1234.50", "-0.05", "0.00". Always two decimals, no separators.
std::string FormatYuan(Money m);

} // namespace bondstore
