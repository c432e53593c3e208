#include <doctest/doctest.h>

#include "core/base/decimal.h"

using namespace bondstore;

TEST_CASE("ParseDecimal keeps rates and quantities exact")
{
    CHECK(ParseDecimal("0.13").value.units == 13);
    CHECK(ParseDecimal("0.13").value.scale == 2);
    CHECK(ParseDecimal("50").value.units == 50);
    CHECK(ParseDecimal("0.912").value.scale == 3);
    CHECK(FormatDecimal(ParseDecimal("0.700").value) == "0.7"); // normalised
    CHECK(FormatDecimal(ParseDecimal("50.0").value) == "50");
    CHECK(FormatDecimal(ParseDecimal("-1.5", true).value) == "-1.5");
    CHECK(FormatDecimal(ParseDecimal(".25").value) == "0.25");
    CHECK(FormatDecimal({5, 3}) == "0.005");
    CHECK(FormatDecimal({0, 0}) == "0");
}

TEST_CASE("ParseDecimal errors")
{
    CHECK(ParseDecimal("").error == "decimal.empty");
    CHECK(ParseDecimal("1.2.3").error == "decimal.not_a_number");
    CHECK(ParseDecimal("abc").error == "decimal.not_a_number");
    CHECK(ParseDecimal(".").error == "decimal.not_a_number");
    CHECK(ParseDecimal("-2").error == "decimal.negative");
    CHECK(ParseDecimal("0.1234567891").error == "decimal.too_many_decimals");
    CHECK(ParseDecimal("12345678901234567890").error == "decimal.out_of_range");
    CHECK(ParseDecimal("1e3").error == "decimal.not_a_number");
}

TEST_CASE("CompareDecimal compares across scales")
{
    CHECK(CompareDecimal({13, 2}, {130, 3}) == 0);
    CHECK(CompareDecimal({1, 1}, {99, 3}) > 0);
    CHECK(CompareDecimal({-1, 0}, {1, 9}) < 0);
    CHECK(Decimal{7, 1} == Decimal{70, 2});
}
