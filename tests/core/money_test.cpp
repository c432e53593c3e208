#include <doctest/doctest.h>

#include "core/base/money.h"

using namespace bondstore;

TEST_CASE("ParseYuan accepts what people write, exactly")
{
    CHECK(ParseYuan("123.45").value.fen == 12345);
    CHECK(ParseYuan("123").value.fen == 12300);
    CHECK(ParseYuan("123.4").value.fen == 12340);
    CHECK(ParseYuan("0.05").value.fen == 5);
    CHECK(ParseYuan(".5").value.fen == 50);
    CHECK(ParseYuan("7.").value.fen == 700);
    CHECK(ParseYuan("  42.10 ").value.fen == 4210);
    CHECK(ParseYuan("1,234.50").value.fen == 123450);
    CHECK(ParseYuan("1,234,567").value.fen == 123456700);
    CHECK(ParseYuan("+3").value.fen == 300);
    CHECK(ParseYuan("-3.10", true).value.fen == -310);
}

TEST_CASE("ParseYuan refuses anything it would have to guess at")
{
    CHECK(ParseYuan("").error == "money.empty");
    CHECK(ParseYuan("   ").error == "money.empty");
    CHECK(ParseYuan("abc").error == "money.not_a_number");
    CHECK(ParseYuan("1.2.3").error == "money.not_a_number");
    CHECK(ParseYuan("12a").error == "money.not_a_number");
    CHECK(ParseYuan(".").error == "money.not_a_number");
    CHECK(ParseYuan("-").error == "money.not_a_number");
    CHECK(ParseYuan("1.005").error == "money.too_many_decimals"); // never silently rounded
    CHECK(ParseYuan("-1").error == "money.negative");
    CHECK(ParseYuan("1,23").error == "money.not_a_number");
    CHECK(ParseYuan(",123").error == "money.not_a_number");
    CHECK(ParseYuan("1,,234").error == "money.not_a_number");
    CHECK(ParseYuan("1e5").error == "money.not_a_number");
    CHECK(ParseYuan("¥5").error == "money.not_a_number");
    CHECK(ParseYuan("10000000000.00").ok());                // kMaxFen exactly
    CHECK(ParseYuan("10000000000.01").error == "money.out_of_range");
    CHECK(ParseYuan("99999999999999999999999").error == "money.out_of_range");
}

TEST_CASE("FormatYuan always writes two decimals and round-trips")
{
    CHECK(FormatYuan({0}) == "0.00");
    CHECK(FormatYuan({5}) == "0.05");
    CHECK(FormatYuan({-5}) == "-0.05");
    CHECK(FormatYuan({12345}) == "123.45");
    CHECK(FormatYuan({100}) == "1.00");
    CHECK(FormatYuan({kMaxFen}) == "10000000000.00");
    CHECK(FormatYuan({INT64_MIN}) == "-92233720368547758.08");
    for (int64_t fen : {int64_t(0), int64_t(1), int64_t(99), int64_t(100), int64_t(123456789), kMaxFen, -kMaxFen}) {
        MoneyParse back = ParseYuan(FormatYuan({fen}), true);
        REQUIRE(back.ok());
        CHECK(back.value.fen == fen);
    }
}

TEST_CASE("Money arithmetic and comparison")
{
    Money a{250}, b{75};
    CHECK((a + b).fen == 325);
    CHECK((a - b).fen == 175);
    CHECK(a > b);
    CHECK(Yuan(5000) == Money{500000});
}
