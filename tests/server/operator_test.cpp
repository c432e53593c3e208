// The operator's API (GET /api/admin/…, the operator screen's), on both stores: only the admin
// token opens it; orders are counted by experience store and kiosk, shoppers' own devices apart,
// with every day of the range; a store's orders are listed alone; customs' rejections come with
// the receipt that said why; refunds and merchants of the whole store; bad parameters change
// nothing and are refused.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

const std::string kOperatorToken = "operator-token-0123456789abcdefghijklm";

json Body(const httplib::Result& r) { return json::parse(r->body); }

RunResult Admin(const Backend& b, std::vector<std::string> args)
{
    for (const std::string& a : AdminStoreArgs(b)) args.push_back(a);
    return Run(AdminBinary(), args);
}

json StoreFile()
{
    json name;
    for (const char* tag : {"zh-Hans", "zh-Hant", "en", "ja", "ko", "ru", "de", "fr", "ar"}) name[tag] = std::string("Jiefangbei ") + tag;
    return {{"id", "jfb"}, {"name", name}, {"address", "重庆市渝中区民族路 188 号"}, {"district", "500103"}, {"hours", "10:00-22:00"}};
}

} // namespace

TEST_CASE("the operator's API: orders by store and kiosk, a store's orders, rejections with their receipt, refunds, merchants")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b, {}, {"BONDSTORE_ADMIN_TOKEN=" + kOperatorToken});
        httplib::Client c(shop.server.url);
        const httplib::Headers op = {{"Authorization", "Bearer " + kOperatorToken}};

        // Only the operator's token opens it.
        for (const char* path : {"/api/admin/activity", "/api/admin/orders", "/api/admin/rejections", "/api/admin/refunds",
                                 "/api/admin/tax-bills", "/api/admin/merchants"}) {
            CAPTURE(path);
            auto none = c.Get(path);
            REQUIRE(none);
            CHECK(none->status == 401);
            CHECK(none->get_header_value("WWW-Authenticate").find("Bearer") == 0);
            auto wrong = c.Get(path, {{"Authorization", "Bearer " + kOperatorToken.substr(1) + "x"}});
            REQUIRE(wrong);
            CHECK(wrong->status == 401);
            auto merchant = c.Get(path, {{"Authorization", "Bearer " + MerchantToken(b, "demo")}});
            REQUIRE(merchant);
            CHECK(merchant->status == 401);
        }

        // A store with a kiosk; an order from the kiosk, two from shoppers' own devices.
        WriteFile(shop.files.path + "/store.json", StoreFile().dump());
        REQUIRE(Admin(b, {"stores", "put", shop.files.path + "/store.json"}).exit_code == 0);
        RunResult added = Admin(b, {"kiosks", "add", "k-1", "--name", "entrance", "--store", "jfb"});
        REQUIRE(added.exit_code == 0);
        REQUIRE(Admin(b, {"kiosks", "add", "k-2", "--name", "back", "--store", "jfb"}).exit_code == 0); // never enrolled
        auto enrolled = c.Post("/api/kiosks/enroll", json{{"code", added.out.substr(0, added.out.find('\n'))}}.dump(), "application/json");
        REQUIRE(enrolled);
        REQUIRE(enrolled->status == 200);
        const httplib::Headers kiosk = {{"Authorization", "Bearer " + Body(enrolled)["token"].get<std::string>()}};
        auto at_store = PlaceOrder(c, "op-1", OrderBody({{"T-001", 1}}, 1, shop.one_item_total), kiosk);
        REQUIRE(at_store);
        REQUIRE(at_store->status == 201);
        const std::string store_order = Body(at_store)["order_no"].get<std::string>();
        std::vector<json> online;
        for (int i : {2, 3}) {
            auto r = PlaceOrder(c, "op-" + std::to_string(i), OrderBody({{"T-00" + std::to_string(i), 1}}, i, shop.one_item_total));
            REQUIRE(r);
            REQUIRE(r->status == 201);
            online.push_back(Body(r));
        }

        // Where orders came from, every day of the range (30 by default), the kiosks' contact.
        auto activity = c.Get("/api/admin/activity", op);
        REQUIRE(activity);
        REQUIRE_MESSAGE(activity->status == 200, activity->body);
        CHECK(activity->get_header_value("Cache-Control").find("no-store") != std::string::npos);
        json a = Body(activity);
        CHECK(a["places"] == json::parse(R"([{"store":"","kiosk":"","orders":2,"goods_fen":0,"tax_fen":0},
                                             {"store":"jfb","kiosk":"k-1","orders":1,"goods_fen":0,"tax_fen":0}])")); // (unpaid: no sales yet)
        REQUIRE(a["days"].size() == 30);
        CHECK(a["days"].back()["date"] == a["to"]);
        CHECK(a["days"].front()["date"] == a["from"]);
        CHECK(a["days"].back()["orders"] == 3);
        CHECK(a["days"].back()["at_stores"] == 1);
        REQUIRE(a["kiosks"].size() == 2);
        CHECK(a["kiosks"][0]["id"] == "k-1");
        CHECK(a["kiosks"][0]["state"] == "enrolled");
        CHECK(a["kiosks"][0]["store"] == "jfb");
        CHECK(a["kiosks"][0]["last_seen_at"].get<int64_t>() > 0);
        CHECK(a["kiosks"][1]["state"] == "waiting");
        CHECK(a["kiosks"][1]["last_seen_at"] == 0);
        CHECK(Body(c.Get("/api/admin/activity?days=1", op))["days"].size() == 1);
        for (const char* bad : {"?days=0", "?days=367", "?days=abc", "?days=-1", "?days="}) {
            CAPTURE(bad);
            CHECK(c.Get(std::string("/api/admin/activity") + bad, op)->status == 400);
        }

        // A store's orders alone; shoppers' own devices' alone; all, newest first.
        json of_store = Body(c.Get("/api/admin/orders?store=jfb", op));
        REQUIRE(of_store["orders"].size() == 1);
        CHECK(of_store["orders"][0]["order_no"] == store_order);
        CHECK(of_store["orders"][0]["kiosk"] == "k-1");
        CHECK(of_store["orders"][0]["status"] == "pending_payment");
        CHECK(of_store["orders"][0]["amount_fen"] == shop.one_item_total);
        CHECK(Body(c.Get("/api/admin/orders?store=jfb&kiosk=k-2", op))["orders"].empty());
        CHECK(Body(c.Get("/api/admin/orders?store=", op))["orders"].size() == 2);
        json all = Body(c.Get("/api/admin/orders?limit=2", op));
        CHECK(all["orders"].size() == 2);
        CHECK(Body(c.Get("/api/admin/orders", op))["orders"].size() == 3);
        for (const std::string& bad : std::vector<std::string>{"?limit=0", "?limit=501", "?store=" + std::string(101, 'x'), "?kiosk=" + std::string(101, 'k')}) {
            CAPTURE(bad);
            CHECK(c.Get("/api/admin/orders" + bad, op)->status == 400);
        }

        // An order paid, declared and rejected (the merchant records it: the relay is off here),
        // and customs' receipt that said why: listed with it; its refund is due or done.
        const std::string rejected = online[0]["order_no"].get<std::string>();
        auto start = c.Post("/api/orders/" + rejected + "/payment", {{"X-Order-Secret", online[0]["lookup_secret"].get<std::string>()}}, "",
                            "application/json");
        REQUIRE(start);
        REQUIRE(start->status == 200);
        REQUIRE(c.Post("/api/payments/sandbox/notify", Body(start)["notification"].dump(), "application/json")->status == 200);
        const httplib::Headers merchant = {{"Authorization", "Bearer " + MerchantToken(b, "demo")}};
        for (const char* e : {"declare", "reject"})
            REQUIRE(c.Post("/api/merchant/orders/" + rejected + "/events", merchant, json{{"event", e}}.dump(), "application/json")->status == 200);
        CHECK(Body(c.Get("/api/admin/rejections", op))["rejections"] ==
              json::parse(R"([{"order_no":")" + rejected + R"(","merchant":"demo","store":"","rejected_at":)" +
                          b.Sql("SELECT updated_at FROM orders WHERE order_no = '" + rejected + "'") +
                          R"(,"message":"","code":"","info":""}])"));
        b.SqlWrite("INSERT INTO customs_receipts (order_no, kind, status, return_time, info, received_at) VALUES ('" + rejected +
                   "', 'order', '2', '20261201100000000', 'accepted', 1), ('" + rejected +
                   "', 'inventory', '-621018', '20261201100500000', 'over the annual limit', 2)");
        json r = Body(c.Get("/api/admin/rejections", op))["rejections"][0];
        CHECK(r["message"] == "inventory");
        CHECK(r["code"] == "-621018");
        CHECK(r["info"] == "over the annual limit");
        json refunds = Body(c.Get("/api/admin/refunds", op));
        REQUIRE(refunds["refunds"].size() == 1);
        CHECK(refunds["refunds"][0]["order_no"] == rejected);
        CHECK(refunds["refunds"][0]["reason"] == "reject");
        CHECK(refunds["refunds"][0]["amount_fen"] == shop.one_item_total);
        CHECK(Body(c.Get("/api/admin/tax-bills", op)) == json::parse(R"({"bills":[]})"));

        // Its sale is counted where it came from, and no more once rejected.
        json after = Body(c.Get("/api/admin/activity", op));
        CHECK(after["places"][0]["orders"] == 2);

        // The merchants and their tokens: never a token, the first digits of its hash.
        json merchants = Body(c.Get("/api/admin/merchants", op));
        REQUIRE(merchants["merchants"].size() == 1);
        CHECK(merchants["merchants"][0]["merchant"] == "demo");
        CHECK(merchants["merchants"][0]["tokens"].size() >= 7); // (one per route above, and two more)
        for (const json& t : merchants["merchants"][0]["tokens"]) {
            CHECK(t["hash_prefix"].get<std::string>().size() == 12);
            CHECK(t["revoked"] == false);
        }
        CHECK(c.Get("/api/admin/merchants", op)->body.find(merchant.begin()->second.substr(7)) == std::string::npos);
    }
}
