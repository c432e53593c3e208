// The operator API's shapes (core/wire/operator_json.h): each reads back what it wrote, and a
// document that is not one (a field missing or mistyped, a status core does not know) is refused
// whole.
#include "core/wire/operator_json.h"

#include <doctest/doctest.h>

using namespace bondstore;

TEST_CASE("operator wire: the stores' activity, orders, rejections and merchants read back as written")
{
    StoreActivity a;
    a.from = "2026-11-07";
    a.to = "2026-12-06";
    a.places = {{"", "", 2, 29800, 2712}, {"jfb", "k-1", 1, 0, 0}};
    a.kiosks = {{"k-1", "entrance", "jfb", "enrolled", 1796000000}, {"k-2", "back \"door\"", "jfb", "waiting", 0}};
    a.days = {{"2026-12-05", 0, 0}, {"2026-12-06", 3, 1}};
    std::optional<StoreActivity> a2 = ParseStoreActivityJson(StoreActivityToJson(a));
    REQUIRE(a2);
    CHECK(StoreActivityToJson(*a2) == StoreActivityToJson(a));
    CHECK(a2->kiosks[1].name == "back \"door\"");
    CHECK(a2->places[0].tax_fen == 2712);

    OrderOverview o;
    o.orders = {{"BS1", 1796000000, OrderStatus::Rejected, "demo", "jfb", "k-1", 5000, 0, 5000},
                {"BS2", 1796000001, OrderStatus::PendingPayment, "demo", "", "", 29800, 2712, 32512}};
    std::optional<OrderOverview> o2 = ParseOrderOverviewJson(OrderOverviewToJson(o));
    REQUIRE(o2);
    CHECK(OrderOverviewToJson(*o2) == OrderOverviewToJson(o));
    CHECK(o2->orders[0].status == OrderStatus::Rejected);

    CustomsRejections r;
    r.rejections = {{"BS1", "demo", "jfb", 1796000000, "inventory", "-621018", "超过年度限值"}};
    std::optional<CustomsRejections> r2 = ParseCustomsRejectionsJson(CustomsRejectionsToJson(r));
    REQUIRE(r2);
    CHECK(CustomsRejectionsToJson(*r2) == CustomsRejectionsToJson(r));

    MerchantAccounts m;
    m.merchants = {{"demo", {{"ci", "0123456789ab", "2026-12-06T10:00:00Z", false}, {"old", "ba9876543210", "2026-11-01T10:00:00Z", true}}},
                   {"other", {}}};
    std::optional<MerchantAccounts> m2 = ParseMerchantAccountsJson(MerchantAccountsToJson(m));
    REQUIRE(m2);
    CHECK(MerchantAccountsToJson(*m2) == MerchantAccountsToJson(m));
    CHECK(m2->merchants[0].tokens[1].revoked);
}

TEST_CASE("operator wire: a document that is not the shape is refused whole")
{
    CHECK_FALSE(ParseStoreActivityJson("[]"));
    CHECK_FALSE(ParseStoreActivityJson(R"({"from":"2026-11-07","to":"2026-12-06","places":{},"kiosks":[],"days":[]})"));
    CHECK_FALSE(ParseStoreActivityJson(R"({"from":"2026-11-07","to":"2026-12-06","places":[],"kiosks":[],"days":[1]})"));
    CHECK_FALSE(ParseStoreActivityJson(R"({"from":"2026-11-07","to":"2026-12-06","places":[{"store":"","kiosk":"","orders":"2","goods_fen":0,"tax_fen":0}],"kiosks":[],"days":[]})"));
    CHECK_FALSE(ParseStoreActivityJson(R"({"from":"2026-11-07","places":[],"kiosks":[],"days":[]})"));
    CHECK_FALSE(ParseOrderOverviewJson(R"({"orders":[{"order_no":"BS1","placed_at":1,"status":"lost","merchant":"","store":"","kiosk":"","goods_fen":0,"tax_fen":0,"amount_fen":0}]})"));
    CHECK(ParseOrderOverviewJson(R"({"orders":[]})"));
    CHECK_FALSE(ParseOrderOverviewJson(R"({"order":[]})"));
    CHECK_FALSE(ParseCustomsRejectionsJson(R"({"rejections":[{"order_no":"BS1"}]})"));
    CHECK_FALSE(ParseMerchantAccountsJson(R"({"merchants":[{"merchant":"demo","tokens":[{"label":"","hash_prefix":"","created_at":"","revoked":"no"}]}]})"));
    CHECK_FALSE(ParseMerchantAccountsJson(R"({"merchants":[{"merchant":"demo"}]})"));
    CHECK_FALSE(ParseMerchantAccountsJson("not json"));
}
