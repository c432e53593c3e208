// Which bonded warehouse ships an order, and the price an order is taken at: the rules the order
// store applies inside its transaction and the browser applies to the cart before checkout.
#include <doctest/doctest.h>

#include "core/orders/fulfilment.h"
#include "core/orders/order.h"
#include "core/orders/order_price.h"
#include "tests/core/tax_fixtures.h"

using namespace bondstore;
using namespace bondstore::test;

TEST_CASE("fulfilment: one bonded warehouse holds every line, or the order cannot ship as one")
{
    // A in both warehouses, B only in CQ-02, C in neither.
    std::vector<SkuAvailability> stock = {
        {"A", 8, {{"CQ-01", 5}, {"CQ-02", 3}}},
        {"B", 4, {{"CQ-02", 4}}},
        {"C", 0, {{"CQ-01", 0}}},
    };
    SUBCASE("the first warehouse, by code, that holds them all")
    {
        Fulfilment f = ChooseWarehouse({{"A", 2}}, stock);
        CHECK(f.ok());
        CHECK(f.warehouse == "CQ-01");
        f = ChooseWarehouse({{"A", 3}, {"B", 1}}, stock);
        CHECK(f.warehouse == "CQ-02");
    }
    SUBCASE("more than any one warehouse holds: short, although the total would cover it")
    {
        Fulfilment f = ChooseWarehouse({{"A", 6}}, stock);
        CHECK_FALSE(f.ok());
        CHECK_FALSE(f.split);
        CHECK(f.short_skus == std::vector<std::string>{"A"});
    }
    SUBCASE("each line is somewhere, but no warehouse has them all: the order must be split")
    {
        Fulfilment f = ChooseWarehouse({{"A", 4}, {"B", 1}}, stock);
        CHECK_FALSE(f.ok());
        CHECK(f.split);
        CHECK(f.short_skus == std::vector<std::string>{"A", "B"});
    }
    SUBCASE("a SKU with no stock row, or none left")
    {
        CHECK(ChooseWarehouse({{"A", 1}, {"Z", 1}}, stock).short_skus == std::vector<std::string>{"Z"});
        CHECK(ChooseWarehouse({{"C", 1}}, stock).short_skus == std::vector<std::string>{"C"});
    }
    SUBCASE("what one order can take of a SKU is what its best-stocked warehouse holds")
    {
        CHECK(OrderableQty(stock[0]) == 5);
        CHECK(OrderableQty(stock[1]) == 4);
        CHECK(OrderableQty(stock[2]) == 0);
        CHECK(OrderableQty(SkuAvailability{"D", 0, {}}) == 0);
    }
}

TEST_CASE("the price an order is taken at: core's quote, refused when the shopper saw another amount")
{
    QuoteRequest r;
    r.date = Day("2026-11-26");
    r.lines = {Line("1905310000", 29800, 2)};
    r.freight = Money{1000};
    TaxQuote shown = Quote(r, BundledTaxTable());
    REQUIRE(shown.accepted());

    OrderPrice ok = PriceOrder(r, Money{0}, shown.amount_to_pay, Money{1000}, BundledTaxTable());
    CHECK(ok.accepted());
    CHECK(ok.quote.amount_to_pay == shown.amount_to_pay);

    CHECK(PriceOrder(r, Money{0}, shown.amount_to_pay + Money{1}, Money{1000}, BundledTaxTable()).refusal == "total_changed");
    CHECK(PriceOrder(r, Money{0}, shown.amount_to_pay, Money{0}, BundledTaxTable()).refusal == "total_changed");
    // The buyer's annual total decides: near the annual limit the rules refuse the order.
    OrderPrice over = PriceOrder(r, Money{2'595'000}, shown.amount_to_pay, Money{1000}, BundledTaxTable());
    CHECK_FALSE(over.accepted());
    CHECK(over.refusal == over.quote.reason);
    CHECK_FALSE(over.refusal.empty());
}

TEST_CASE("what counts as a sale in the merchant's figures is the status model's answer")
{
    std::vector<std::string> sales;
    for (OrderStatus s : AllStatuses())
        if (CountsAsSale(s)) sales.push_back(StatusCode(s));
    CHECK(sales == std::vector<std::string>{"paid", "declared", "released", "rejected", "shipped", "delivered", "withdrawing", "returning"});
    CHECK(AllStatuses().size() == 12);
    for (OrderStatus s : AllStatuses()) CHECK(ParseStatus(StatusCode(s)) == s);
}
