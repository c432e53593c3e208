#include "tests/server/carrier_fixture.h"

#include <doctest/doctest.h>

namespace bondstore::test {

LocalCarrier::LocalCarrier(const std::string& push_url)
{
    int port = http.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    url = "http://127.0.0.1:" + std::to_string(port);
    options.push_url = push_url;
    options.allow_http_push = true;
    options.logistics_code = "500096005T"; // the sample registration's carrier
    options.logistics_name = "示例保税物流有限公司（测试）";
    std::string error;
    REQUIRE_MESSAGE(SfExpressFake::MakeAccount(dir.path + "/account", url, &options, &error), error);
}

void LocalCarrier::Start(const std::string& single_window)
{
    options.single_window = single_window;
    fake = std::make_unique<SfExpressFake>(options);
    std::string error;
    REQUIRE_MESSAGE(fake->Mount(http, &error), error);
    thread = std::thread([this] { http.listen_after_bind(); });
}

LocalCarrier::~LocalCarrier()
{
    http.stop();
    if (thread.joinable()) thread.join();
    if (fake) fake->Stop();
}

httplib::Result LocalCarrier::Control(const std::string& query)
{
    httplib::Client c(url);
    return c.Post("/fake/control?" + query, "", "text/plain");
}

httplib::Result LocalCarrier::Route(const std::string& waybill, const std::string& op)
{
    httplib::Client c(url);
    return c.Post("/fake/route?waybill=" + waybill + "&op=" + op, "", "text/plain");
}

std::string LocalCarrier::Waybill(const std::string& order_no)
{
    httplib::Client c(url);
    auto r = c.Get("/fake/waybill?order=" + order_no);
    return r && r->status == 200 ? r->body : std::string();
}

} // namespace bondstore::test
