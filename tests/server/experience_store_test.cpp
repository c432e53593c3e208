// Experience stores and their kiosks (issue 22): an operator registers a store (its name in the
// nine languages, address, district, hours) and the display samples on its shelves, adds a kiosk
// to it and the kiosk enrolls; the kiosk's orders carry the kiosk and its store; samples are never
// sold and never touch bonded stock; shoppers see which stores show a product. On both stores.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

json Body(const httplib::Result& r) { return json::parse(r->body); }

json StoreFile(const std::string& id)
{
    return {{"id", id},
            {"name", {{"zh-Hans", "解放碑体验店"}, {"zh-Hant", "解放碑體驗店"}, {"en", "Jiefangbei Experience Store"},
                      {"ja", "解放碑体験店"}, {"ko", "제팡베이 체험점"}, {"ru", "Магазин Цзефанбэй"}, {"de", "Erlebnisladen Jiefangbei"},
                      {"fr", "Boutique Jiefangbei"}, {"ar", "متجر جيفانغبي"}}},
            {"address", "重庆市渝中区民族路 188 号"},
            {"district", "500103"},
            {"hours", "10:00-22:00"}};
}

RunResult Admin(const Backend& b, std::vector<std::string> args)
{
    for (const std::string& a : AdminStoreArgs(b)) args.push_back(a);
    return Run(AdminBinary(), args);
}

} // namespace

TEST_CASE("experience stores: registered checked, kiosks added to them, their orders name kiosk and store, samples never sold")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        httplib::Client c(shop.server.url);

        // A store file with problems says each and stores nothing.
        json bad = StoreFile("jfb");
        bad["name"].erase("ar");
        bad["district"] = "500100"; // a prefecture, not a county
        bad["hours"] = "22:00-10:00";
        WriteFile(shop.files.path + "/bad-store.json", bad.dump());
        RunResult refused = Admin(b, {"stores", "put", shop.files.path + "/bad-store.json"});
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("ar") != std::string::npos);
        CHECK(refused.err.find("500100") != std::string::npos);
        CHECK(refused.err.find("22:00-10:00") != std::string::npos);
        CHECK(b.SqlInt("SELECT count(*) FROM experience_stores") == 0);

        WriteFile(shop.files.path + "/store.json", StoreFile("jfb").dump());
        RunResult stored = Admin(b, {"stores", "put", shop.files.path + "/store.json"});
        REQUIRE_MESSAGE(stored.exit_code == 0, stored.err);
        CHECK(Admin(b, {"stores", "samples", "jfb", "T-001", "2"}).exit_code == 0);
        CHECK(Admin(b, {"stores", "samples", "jfb", "T-NONE", "1"}).exit_code == 0); // a SKU without bonded stock
        CHECK(Admin(b, {"stores", "samples", "nowhere", "T-001", "1"}).exit_code == 1);
        CHECK(Admin(b, {"stores", "samples", "jfb", "T-001", "many"}).exit_code == 2);
        RunResult listed = Admin(b, {"stores", "list"});
        CHECK(listed.out.find("jfb") != std::string::npos);
        CHECK(listed.out.find("解放碑体验店") != std::string::npos);

        // Shoppers read the stores and what they show; unchanged, revalidated with a 304.
        auto directory = c.Get("/api/stores");
        REQUIRE(directory);
        REQUIRE(directory->status == 200);
        json d = Body(directory);
        REQUIRE(d["stores"].size() == 1);
        CHECK(d["stores"][0]["id"] == "jfb");
        CHECK(d["stores"][0]["name"]["en"] == "Jiefangbei Experience Store");
        CHECK(d["stores"][0]["hours"] == "10:00-22:00");
        CHECK(d["stores"][0]["samples"] == json::parse(R"([{"sku":"T-001","count":2},{"sku":"T-NONE","count":1}])"));
        auto again = c.Get("/api/stores", {{"If-None-Match", directory->get_header_value("ETag")}});
        REQUIRE(again);
        CHECK(again->status == 304);

        // A kiosk is added to a store that exists, and learns it when it enrolls.
        CHECK(Admin(b, {"kiosks", "add", "k-1", "--name", "entrance", "--store", "nowhere"}).exit_code == 1);
        RunResult added = Admin(b, {"kiosks", "add", "k-1", "--name", "entrance", "--store", "jfb"});
        REQUIRE_MESSAGE(added.exit_code == 0, added.err);
        std::string code = added.out.substr(0, added.out.find('\n'));
        auto enrolled = c.Post("/api/kiosks/enroll", json{{"code", code}}.dump(), "application/json");
        REQUIRE(enrolled);
        REQUIRE(enrolled->status == 200);
        CHECK(Body(enrolled)["kiosk"] == "k-1");
        CHECK(Body(enrolled)["store"] == "jfb");
        const httplib::Headers kiosk = {{"Authorization", "Bearer " + Body(enrolled)["token"].get<std::string>()}};

        // Its order names it and its store; a shopper's own device's names neither.
        auto from_kiosk = PlaceOrder(c, "k-order", OrderBody({{"T-001", 1}}, 1, shop.one_item_total), kiosk);
        REQUIRE(from_kiosk);
        REQUIRE_MESSAGE(from_kiosk->status == 201, from_kiosk->body);
        std::string kiosk_order = Body(from_kiosk)["order_no"].get<std::string>();
        auto from_phone = PlaceOrder(c, "p-order", OrderBody({{"T-002", 1}}, 2, shop.one_item_total));
        REQUIRE(from_phone);
        REQUIRE(from_phone->status == 201);
        std::string phone_order = Body(from_phone)["order_no"].get<std::string>();
        CHECK(b.Sql("SELECT kiosk || '/' || store FROM orders WHERE order_no = '" + kiosk_order + "'") == "k-1/jfb");
        CHECK(b.Sql("SELECT kiosk || '/' || store FROM orders WHERE order_no = '" + phone_order + "'") == "/");
        RunResult kiosks = Admin(b, {"kiosks", "list"});
        CHECK(kiosks.out.find("jfb") != std::string::npos);
        CHECK(kiosks.out.find("enrolled") != std::string::npos);
        CHECK(b.SqlInt("SELECT count(*) FROM kiosks WHERE id = 'k-1' AND last_seen_at > 0") == 1);

        // Samples are not stock: T-001's two on display left its bonded stock as it was (2, one
        // now reserved), and the store's two samples cannot be bought once the bonded ones are gone.
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-001'") == 2);
        CHECK(PlaceOrder(c, "k-order-2", OrderBody({{"T-001", 1}}, 3, shop.one_item_total), kiosk)->status == 201);
        auto none_left = PlaceOrder(c, "k-order-3", OrderBody({{"T-001", 1}}, 4, shop.one_item_total), kiosk);
        REQUIRE(none_left);
        CHECK(none_left->status == 409);
        CHECK(Body(none_left)["error"]["code"] == "out_of_stock");
        CHECK(b.SqlInt("SELECT count FROM display_samples WHERE store = 'jfb' AND sku = 'T-001'") == 2);

        // Taken off the shelf: gone from the directory.
        CHECK(Admin(b, {"stores", "samples", "jfb", "T-001", "0"}).exit_code == 0);
        CHECK(Body(c.Get("/api/stores"))["stores"][0]["samples"].size() == 1);
    }
}

TEST_CASE("a product's page says which experience stores show it, in the shopper's language")
{
    TempDir dir;
    WriteFile(dir.path + "/web/index.html", ReadFile(std::string(BONDSTORE_SOURCE_DIR) + "/web/index.html"));
    ServerProcess server = ServerProcess::Start({"--data-dir", dir.path + "/store", "--web-dir", dir.path + "/web"});
    const std::vector<std::string> store_args = {"--data-dir", dir.path + "/store"};
    auto admin = [&](std::vector<std::string> args) {
        args.insert(args.end(), store_args.begin(), store_args.end());
        return Run(AdminBinary(), args);
    };
    WriteFile(dir.path + "/store.json", StoreFile("jfb").dump());
    REQUIRE(admin({"stores", "put", dir.path + "/store.json"}).exit_code == 0);
    json second = StoreFile("gyq");
    second["name"]["en"] = "Guanyinqiao Experience Store";
    second["name"]["zh-Hans"] = "观音桥体验店";
    WriteFile(dir.path + "/second.json", second.dump());
    REQUIRE(admin({"stores", "put", dir.path + "/second.json"}).exit_code == 0);
    REQUIRE(admin({"stores", "samples", "gyq", "IF-APT-PF3-800", "1"}).exit_code == 0);
    REQUIRE(admin({"stores", "samples", "jfb", "IF-APT-PF3-800", "3"}).exit_code == 0);

    httplib::Client c(server.url);
    c.set_decompress(true);
    auto en = c.Get("/en/p/IF-APT-PF3-800");
    REQUIRE(en);
    REQUIRE(en->status == 200);
    CHECK(en->body.find("On display at Guanyinqiao Experience Store and 1 more store: see it before you buy") != std::string::npos);
    auto zh = c.Get("/zh-Hans/p/IF-APT-PF3-800");
    REQUIRE(zh);
    CHECK(zh->body.find("观音桥体验店等 1 家门店有样品展示") != std::string::npos);
    auto other = c.Get("/en/p/IF-A2-PL3-900");
    REQUIRE(other);
    CHECK(other->body.find("On display at") == std::string::npos);
}
