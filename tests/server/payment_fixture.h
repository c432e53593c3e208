// What the payment tests share, whichever provider's fake they pay through: waiting for something
// that happens on another thread, and an order of one item ready to be paid.
#pragma once

#include "tests/server/order_fixture.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace bondstore::test {

// Whether `done` becomes true within `seconds` (asked every 50 ms).
bool Eventually(const std::function<bool()>& done, int seconds = 15);

// A provider's local fake (WeChatPayFake, AlipayFake) on a thread of this process, with its account
// in `dir`/account, for the sample registration's platform (assets/customs/declarant.json).
template <class Fake, class Options>
struct LocalFake {
    TempDir dir;
    Options options;
    httplib::Server http;
    std::unique_ptr<Fake> fake;
    std::thread thread;
    std::string url;

    // `configure` sets the test's options before the account is made.
    LocalFake(const std::string& notify_url, const std::function<void(Options&)>& configure)
    {
        int port = http.bind_to_any_port("127.0.0.1");
        REQUIRE(port > 0);
        url = "http://127.0.0.1:" + std::to_string(port);
        options.allow_http_notify = true;
        options.platform_code = "500096000T";
        options.platform_name = "重庆示例跨境电商平台（测试）";
        configure(options);
        std::string error;
        REQUIRE_MESSAGE(Fake::MakeAccount(dir.path + "/account", url, notify_url, &options, &error), error);
        fake = std::make_unique<Fake>(options);
        REQUIRE_MESSAGE(fake->Mount(http, &error), error);
        thread = std::thread([this] { http.listen_after_bind(); });
    }
    ~LocalFake()
    {
        http.stop();
        thread.join();
        fake->Stop();
    }
    httplib::Result Control(const std::string& query)
    {
        httplib::Client c(url);
        return c.Post("/fake/control?" + query, "", "text/plain");
    }
    // The shopper paying with their phone, as `name` with ID number `id`.
    httplib::Result Pay(const std::string& order_no, const std::string& name, const std::string& id)
    {
        httplib::Client c(url);
        return c.Post("/fake/pay?out_trade_no=" + order_no + "&payer_name=" + httplib::detail::encode_query_param(name) + "&payer_id=" + id, "",
                      "text/plain");
    }
};

struct PayableOrder {
    std::string no;
    httplib::Headers secret; // X-Order-Secret
};
// A new order of one item (T-00n: 2 in stock each) for buyer `n`.
PayableOrder PlacePayableOrder(httplib::Client& c, const OrderShop& shop, int n);

} // namespace bondstore::test
