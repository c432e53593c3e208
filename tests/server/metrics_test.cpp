// GET /metrics (server/operations/metrics.h): Prometheus' text format, to the operator's token
// only; on both stores the counters move with requests and imports, and the database's figures
// (orders by status, stock reserved, payments, refunds) follow what the store holds.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <sstream>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

const std::string kOperatorToken = "operator-token-metrics-0123456789abcdef";

// Every sample of an exposition, "name{labels}" → value; each line checked against the format.
std::map<std::string, double> Samples(const std::string& text)
{
    std::map<std::string, double> out;
    static const std::regex sample(R"re(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})?) (-?[0-9.e+-]+|\+Inf|NaN)$)re");
    static const std::regex comment(R"re(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)re");
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, comment)) continue;
        CHECK_MESSAGE(std::regex_match(line, m, sample), "not Prometheus' text format: " << line);
        if (!m.empty()) out[m[1]] = std::stod(m[5]);
    }
    return out;
}

std::map<std::string, double> Scrape(httplib::Client& c)
{
    auto r = c.Get("/metrics", {{"Authorization", "Bearer " + kOperatorToken}});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(r->body.find("# TYPE bondstore_http_requests_total counter") != std::string::npos);
    CHECK(r->body.find("# TYPE bondstore_http_request_duration_seconds histogram") != std::string::npos);
    return Samples(r->body);
}

double At(const std::map<std::string, double>& m, const std::string& key)
{
    auto it = m.find(key);
    return it == m.end() ? 0 : it->second;
}

} // namespace

TEST_CASE("metrics: only to the operator; requests, imports and the store's figures move")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b, {}, {"BONDSTORE_ADMIN_TOKEN=" + kOperatorToken});
        httplib::Client c(shop.server.url);
        auto none = c.Get("/metrics");
        REQUIRE(none);
        CHECK(none->status == 401);
        CHECK(!none->get_header_value("WWW-Authenticate").empty());
        std::string merchant = MerchantToken(b, "demo");
        auto wrong = c.Get("/metrics", {{"Authorization", "Bearer " + merchant}});
        REQUIRE(wrong);
        CHECK(wrong->status == 401);

        std::map<std::string, double> before = Scrape(c);
        CHECK(At(before, "bondstore_store_up") == 1);
        const std::string health = R"(bondstore_http_requests_total{route="/api/health",method="GET",status="200"})";
        for (int i = 0; i < 3; i++) REQUIRE(c.Get("/api/health"));
        // An order takes stock; a stock file checked and refused is an import each.
        auto placed = PlaceOrder(c, "metrics-1", OrderBody({{"T-001", 2}}, 3, 2 * shop.one_item_total));
        REQUIRE(placed);
        REQUIRE(placed->status == 201);
        httplib::Headers m = {{"Authorization", "Bearer " + merchant}};
        REQUIRE(c.Post("/api/merchant/stock?dry_run=1", m, "sku,warehouse,on_hand\nT-002,CQ-LL,5\n", "text/csv")->status == 200);
        REQUIRE(c.Post("/api/merchant/stock", m, "sku,warehouse,on_hand\nNOPE,CQ-LL,5\n", "text/csv")->status == 422);

        std::map<std::string, double> after = Scrape(c);
        CHECK(At(after, health) == At(before, health) + 3);
        CHECK(At(after, R"(bondstore_http_requests_total{route="/api/orders",method="POST",status="201"})") == 1);
        CHECK(At(after, R"(bondstore_http_request_duration_seconds_count{route="/api/orders",method="POST"})") == 1);
        CHECK(At(after, R"(bondstore_http_request_duration_seconds_bucket{route="/api/orders",method="POST",le="+Inf"})") == 1);
        CHECK(At(after, R"(bondstore_http_requests_total{route="/metrics",method="GET",status="401"})") == 2);
        CHECK(At(after, R"(bondstore_imports_total{kind="stock",outcome="checked"})") == 1);
        CHECK(At(after, R"(bondstore_imports_total{kind="stock",outcome="refused"})") == 1);
        CHECK(At(after, R"(bondstore_orders{status="pending_payment"})") == 1);
        CHECK(At(after, "bondstore_stock_reserved_units") == At(before, "bondstore_stock_reserved_units") + 2);
        CHECK(At(after, "bondstore_stock_on_hand_units") == At(before, "bondstore_stock_on_hand_units")); // reserved, not gone
        CHECK(At(before, "bondstore_stock_on_hand_units") > 100);
        // Never a path: an order's own address is counted under its route.
        const std::string order_no = json::parse(placed->body)["order_no"].get<std::string>();
        REQUIRE(c.Get("/api/orders/" + order_no, {{"X-Order-Secret", json::parse(placed->body)["lookup_secret"].get<std::string>()}}));
        auto text = c.Get("/metrics", {{"Authorization", "Bearer " + kOperatorToken}})->body;
        CHECK(text.find(order_no) == std::string::npos);
        CHECK(text.find(R"(route="/api/orders/{order_no}")") != std::string::npos);
    }
}
