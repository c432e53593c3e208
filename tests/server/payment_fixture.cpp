#include "tests/server/payment_fixture.h"

#include "server/base/china_time.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace bondstore::test {

bool Eventually(const std::function<bool()>& done, int seconds)
{
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

PayableOrder PlacePayableOrder(httplib::Client& c, const OrderShop& shop, int n)
{
    char sku[8];
    std::snprintf(sku, sizeof sku, "T-%03d", n % 50);
    auto r = PlaceOrder(c, "key-" + std::to_string(n) + "-" + std::to_string(UnixNow()), OrderBody({{sku, 1}}, n, shop.one_item_total));
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    nlohmann::json o = nlohmann::json::parse(r->body);
    return {o["order_no"].get<std::string>(), httplib::Headers{{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}};
}

} // namespace bondstore::test
