// The server's log (server/operations/event_log.h, server/http/request_log.h): one JSON line per
// request with its id, route (never the path), status, duration and the client's network; the
// merchant when the request proved one; the id taken from X-Request-Id or made, and answered
// back; and never a buyer's personal data.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

// Every line of the server's stderr, each of which must be a JSON object.
std::vector<json> LogLines(const ServerProcess& server)
{
    std::vector<json> out;
    std::istringstream lines(server.Stderr());
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        json j = json::parse(line, nullptr, false);
        CHECK_MESSAGE(j.is_object(), "not a JSON line: " << line);
        if (j.is_object()) out.push_back(j);
    }
    return out;
}

const json* RequestLine(const std::vector<json>& lines, const std::string& request_id)
{
    for (const json& j : lines)
        if (j.value("event", "") == "request" && j.value("request_id", "") == request_id) return &j;
    return nullptr;
}

} // namespace

TEST_CASE("the log: a JSON line per request, its id answered back, its route not its path, no personal data")
{
    Backend b = SqliteBackend();
    OrderShop shop(b);
    httplib::Client c(shop.server.url);

    // An id the client gave is kept; a strange one, or none, is replaced by one of ours.
    auto given = c.Get("/api/health", {{"X-Request-Id", "kiosk-7.call-42"}});
    REQUIRE(given);
    CHECK(given->get_header_value("X-Request-Id") == "kiosk-7.call-42");
    auto strange = c.Get("/api/health", {{"X-Request-Id", "a b\"c"}});
    REQUIRE(strange);
    CHECK(strange->get_header_value("X-Request-Id").size() == 32);
    auto made = c.Get("/api/health");
    REQUIRE(made);
    const std::string made_id = made->get_header_value("X-Request-Id");
    CHECK(made_id.size() == 32);
    CHECK(made_id != strange->get_header_value("X-Request-Id"));

    // An order: its buyer's name, ID number and phone go nowhere near the log.
    auto placed = PlaceOrder(c, "log-1", OrderBody({{"T-001", 1}}, 7, shop.one_item_total));
    REQUIRE(placed);
    REQUIRE(placed->status == 201);
    const std::string order_no = json::parse(placed->body)["order_no"].get<std::string>();
    const std::string secret = json::parse(placed->body)["lookup_secret"].get<std::string>();
    auto read = c.Get("/api/orders/" + order_no, {{"X-Order-Secret", secret}});
    REQUIRE(read);
    auto refused = c.Post("/api/quote", std::string(100 * 1024, 'x'), "application/json"); // over the route's 64 KiB
    REQUIRE(refused);
    CHECK(refused->status == 413);

    // A merchant's request names the merchant.
    std::string token = MerchantToken(b, "demo");
    auto me = c.Get("/api/merchant/me", {{"Authorization", "Bearer " + token}});
    REQUIRE(me);

    std::vector<json> lines = LogLines(shop.server);
    const json* health = RequestLine(lines, "kiosk-7.call-42");
    REQUIRE(health);
    CHECK((*health)["method"] == "GET");
    CHECK((*health)["route"] == "/api/health");
    CHECK((*health)["status"] == 200);
    CHECK((*health)["client"] == "127.0.0.0");
    CHECK((*health)["duration_ms"].is_number_integer());
    CHECK((*health)["time"].get<std::string>().size() == 24);

    const json* order = RequestLine(lines, placed->get_header_value("X-Request-Id"));
    REQUIRE(order);
    CHECK((*order)["route"] == "/api/orders");
    CHECK((*order)["status"] == 201);
    const json* lookup = RequestLine(lines, read->get_header_value("X-Request-Id"));
    REQUIRE(lookup);
    CHECK((*lookup)["route"] == "/api/orders/{order_no}"); // the route, never the order number
    const json* too_large = RequestLine(lines, refused->get_header_value("X-Request-Id"));
    REQUIRE(too_large);
    CHECK((*too_large)["route"] == "/api/quote");
    CHECK((*too_large)["status"] == 413);
    const json* merchant = RequestLine(lines, me->get_header_value("X-Request-Id"));
    REQUIRE(merchant);
    CHECK((*merchant)["merchant"] == "demo");

    const std::string everything = shop.server.Stderr();
    for (const std::string& personal : {ValidIdNumber(7), std::string("13800138000"), std::string("王小明"), token, secret}) {
        CAPTURE(personal);
        CHECK(everything.find(personal) == std::string::npos);
    }
    CHECK(everything.find("/api/orders/" + order_no) == std::string::npos);
}

TEST_CASE("the client's network: the host part cut off")
{
    // (through the server: a trusted front says who the client is)
    Backend b = SqliteBackend();
    OrderShop shop(b);
    httplib::Client c(shop.server.url);
    auto r4 = c.Get("/api/health", {{"X-Forwarded-For", "203.0.113.77"}, {"X-Request-Id", "v4"}});
    auto r6 = c.Get("/api/health", {{"X-Forwarded-For", "2001:db8:1:2::5"}, {"X-Request-Id", "v6"}});
    REQUIRE(r4);
    REQUIRE(r6);
    std::vector<json> lines = LogLines(shop.server);
    REQUIRE(RequestLine(lines, "v4"));
    CHECK((*RequestLine(lines, "v4"))["client"] == "203.0.113.0");
    REQUIRE(RequestLine(lines, "v6"));
    CHECK((*RequestLine(lines, "v6"))["client"] == "2001:db8:1::");
}
