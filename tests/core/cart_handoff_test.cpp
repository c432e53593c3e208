// "Continue on your phone": a cart as a link (core/cart_handoff.h).
#include <doctest/doctest.h>

#include "core/cart/cart_handoff.h"

using namespace bondstore;

TEST_CASE("cart handoff: the link carries SKUs and quantities, and reads back the same")
{
    std::vector<CartLine> cart = {{"IF-APT-PF3-800", 2}, {"SK-LAM-CR-60", 1}};
    std::string url = CartHandoffUrl("https://shop.example/", cart);
    CHECK(url == "https://shop.example/?cart=IF-APT-PF3-800*2,SK-LAM-CR-60*1");
    auto back = ParseCartHandoff(url.substr(url.find('=') + 1));
    REQUIRE(back.size() == 2);
    CHECK(back[0].sku == "IF-APT-PF3-800");
    CHECK(back[0].qty == 2);
    CHECK(back[1].sku == "SK-LAM-CR-60");
    CHECK(back[1].qty == 1);
    // A base that already has a query gets "&cart=".
    CHECK(CartHandoffUrl("https://shop.example/?kiosk=1", cart).find("?kiosk=1&cart=IF-APT") != std::string::npos);
}

TEST_CASE("cart handoff: SKUs with other characters are percent-encoded both ways")
{
    std::vector<CartLine> cart = {{"A B,C*D/é", 3}};
    std::string url = CartHandoffUrl("/", cart);
    CHECK(url == "/?cart=A%20B%2CC%2AD%2F%C3%A9*3");
    auto back = ParseCartHandoff(url.substr(url.find('=') + 1));
    REQUIRE(back.size() == 1);
    CHECK(back[0].sku == "A B,C*D/é");
    CHECK(back[0].qty == 3);
}

TEST_CASE("cart handoff: a malformed link gives only its good entries")
{
    auto lines = ParseCartHandoff("OK*1,NOQTY,*2,X*0,Y*1000,Z*-1,W*1a,BAD%G1*1,OK*5,,TRUNC%2*1,FINE*999");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].sku == "OK");
    CHECK(lines[0].qty == 1); // the repeat of OK is dropped
    CHECK(lines[1].sku == "FINE");
    CHECK(lines[1].qty == 999);
    CHECK(ParseCartHandoff("").empty());
    CHECK(CartHandoffUrl("/", {{"Q", 0}}) == "/?cart=");
}
