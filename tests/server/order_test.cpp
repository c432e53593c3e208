// Checkout and the life of an order over real HTTP, on both back ends: idempotency, the re-quote,
// identity and quota checks, payment through the signed sandbox callback, cancellation, expiry,
// returns, bad input, merchant stock adjustments — and that an ID number never leaves its
// encrypted column.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include "server/security/order_seal.h"

#include <csignal>
#include <filesystem>
#include <thread>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

json Body(const httplib::Result& r) { return json::parse(r->body); }

// A merchant API token made with the admin CLI on the back end's store.
} // namespace

TEST_CASE("checkout: one transaction, replayed by key, refused when the price changed or the key is reused")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        httplib::Client c(shop.server.url);
        std::string body = OrderBody({{"T-000", 1}, {"T-001", 2}}, 1, QuotedTotal(shop.server.url, {{"T-000", 1}, {"T-001", 2}}));

        auto created = PlaceOrder(c, "key-1", body);
        REQUIRE(created);
        REQUIRE_MESSAGE(created->status == 201, created->body);
        json o = Body(created);
        std::string order_no = o["order_no"].get<std::string>();
        CHECK(order_no.rfind("BS", 0) == 0);
        CHECK(o["status"] == "pending_payment");
        CHECK(o["lookup_secret"].get<std::string>().size() == 26);
        CHECK(o["buyer"]["id_number"] == "110101********" + ValidIdNumber(1).substr(14));
        CHECK(o["quote"]["lines"].size() == 2);
        CHECK(o["amount_to_pay_fen"] == o["quote"]["amount_to_pay_fen"]);

        // Everything written together: order, lines with their tax, timeline, quota, outbox, stock.
        CHECK(b.SqlInt("SELECT count(*) FROM order_lines WHERE order_no = '" + order_no + "'") == 2);
        CHECK(b.SqlInt("SELECT sum(tax_fen) FROM order_lines WHERE order_no = '" + order_no + "'") == o["tax_total_fen"].get<int64_t>());
        CHECK(b.SqlInt("SELECT count(*) FROM order_events WHERE order_no = '" + order_no + "'") == 1);
        CHECK(b.Sql("SELECT state FROM outbox WHERE kind = 'order' AND order_no = '" + order_no + "'") == "awaiting_payment");
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-001' AND warehouse = 'CQ-LL'") == 2);
        CHECK(b.SqlInt("SELECT sum(used_fen) FROM buyer_quota") == o["quote"]["dutiable_fen"].get<int64_t>());

        // A retry with the same key and body: the same answer, nothing new.
        auto replay = PlaceOrder(c, "key-1", body);
        REQUIRE(replay);
        CHECK(replay->status == 201);
        CHECK(replay->get_header_value("Idempotent-Replayed") == "true");
        CHECK(replay->body == created->body);
        CHECK(shop.Orders() == 1);
        // The same key for another order: refused.
        auto reused = PlaceOrder(c, "key-1", OrderBody({{"T-002", 1}}, 1, shop.one_item_total));
        REQUIRE(reused);
        CHECK(reused->status == 422);
        CHECK(Body(reused)["error"]["code"] == "idempotency_key_reused");

        // The shopper saw another total: 409 with the real quote; nothing booked.
        auto changed = PlaceOrder(c, "key-2", OrderBody({{"T-002", 1}}, 1, shop.one_item_total - 1));
        REQUIRE(changed);
        CHECK(changed->status == 409);
        CHECK(Body(changed)["error"]["code"] == "total_changed");
        CHECK(Body(changed)["quote"]["amount_to_pay_fen"] == shop.one_item_total);
        // Freight is the store's (0 here): an order assuming other freight is told the real total.
        auto freight = PlaceOrder(c, "key-2f", OrderBody({{"T-002", 1}}, 1, shop.one_item_total + 800, 800));
        REQUIRE(freight);
        CHECK(freight->status == 409);
        CHECK(Body(freight)["quote"]["freight_fen"] == 0);
        // Goods of two merchants: customs takes one order per merchant.
        auto mixed = PlaceOrder(c, "key-2m", OrderBody({{"T-002", 1}, {"T-OTHER", 1}}, 1,
                                                       QuotedTotal(shop.server.url, {{"T-002", 1}, {"T-OTHER", 1}})));
        REQUIRE(mixed);
        CHECK(mixed->status == 422);
        CHECK(Body(mixed)["error"]["problems"][0]["code"] == "order.mixed_merchants");
        // Without a key: 400.
        auto keyless = c.Post("/api/orders", body, "application/json");
        REQUIRE(keyless);
        CHECK(keyless->status == 400);
        CHECK(Body(keyless)["error"]["code"] == "idempotency_key_missing");

        // Out of stock (T-000 holds 2, one is taken): 409 naming the SKU.
        auto short_stock = PlaceOrder(c, "key-3", OrderBody({{"T-000", 2}}, 2, QuotedTotal(shop.server.url, {{"T-000", 2}})));
        REQUIRE(short_stock);
        CHECK(short_stock->status == 409);
        CHECK(Body(short_stock)["error"]["code"] == "out_of_stock");
        CHECK(Body(short_stock)["skus"] == json::array({"T-000"}));
        // Lines no single bonded warehouse holds together.
        auto split = PlaceOrder(c, "key-4", OrderBody({{"T-003", 1}, {"T-XY", 1}}, 2,
                                                      QuotedTotal(shop.server.url, {{"T-003", 1}, {"T-XY", 1}})));
        REQUIRE(split);
        CHECK(split->status == 409);
        CHECK(Body(split)["error"]["code"] == "out_of_stock");
        CHECK(Body(split)["skus"] == json::array({"T-003", "T-XY"})); // each is somewhere: the order must be split
        CHECK(shop.Orders() == 1);

        // The order can be read back with its secret, and only with it.
        httplib::Headers secret = {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}};
        auto read = c.Get("/api/orders/" + order_no, secret);
        REQUIRE(read);
        CHECK(read->status == 200);
        CHECK(Body(read)["order_no"] == order_no);
        CHECK(!Body(read).contains("lookup_secret"));
        auto wrong = c.Get("/api/orders/" + order_no, {{"X-Order-Secret", "aaaaaaaaaaaaaaaaaaaaaaaaaa"}});
        REQUIRE(wrong);
        CHECK(wrong->status == 404);
        auto none = c.Get("/api/orders/BS000000000000", secret);
        REQUIRE(none);
        CHECK(none->status == 404);
    }
}

TEST_CASE("the annual quota is per ID number and calendar year, counted in the order's transaction")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        httplib::Client c(shop.server.url);
        int64_t big = QuotedTotal(shop.server.url, {{"T-BIG", 1}});
        // Five orders of ¥4,900 use ¥24,500 of the ¥26,000 a year; a sixth would pass it.
        for (int i = 0; i < 5; i++) {
            auto r = PlaceOrder(c, "big-" + std::to_string(i), OrderBody({{"T-BIG", 1}}, 7, big));
            REQUIRE(r);
            REQUIRE_MESSAGE(r->status == 201, r->body);
        }
        auto sixth = PlaceOrder(c, "big-5", OrderBody({{"T-BIG", 1}}, 7, big));
        REQUIRE(sixth);
        CHECK(sixth->status == 422);
        CHECK(Body(sixth)["error"]["code"] == "order_refused");
        CHECK(Body(sixth)["reason"] == "annual_limit_exceeded");
        CHECK(Body(sixth)["quote"]["limits"]["annual_used_fen"] == 2450000);
        // Another buyer is not affected.
        auto other = PlaceOrder(c, "big-6", OrderBody({{"T-BIG", 1}}, 8, big));
        REQUIRE(other);
        CHECK(other->status == 201);
        CHECK(shop.Orders() == 6);
    }
}

TEST_CASE("life of an order: signed sandbox payment, cancellation and expiry release stock and quota, returns")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b, {"--payment-timeout", "2"});
        httplib::Client c(shop.server.url);
        auto place = [&](const std::string& key, const std::string& sku, int buyer) {
            auto r = PlaceOrder(c, key, OrderBody({{sku, 1}}, buyer, shop.one_item_total));
            REQUIRE(r);
            REQUIRE_MESSAGE(r->status == 201, r->body);
            return Body(r);
        };
        auto secret_of = [](const json& o) { return httplib::Headers{{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}; };

        // Pay: the sandbox's signed notification, posted back; a forged one is refused.
        json paid = place("life-1", "T-010", 11);
        std::string no = paid["order_no"].get<std::string>();
        auto start = c.Post("/api/orders/" + no + "/payment", secret_of(paid), "", "application/json");
        REQUIRE(start);
        REQUIRE(start->status == 200);
        json notification = Body(start)["notification"];
        CHECK(Body(start)["sandbox"] == true);
        json forged = notification;
        forged["amount_fen"] = 1;
        auto refused = c.Post("/api/payments/sandbox/notify", forged.dump(), "application/json");
        REQUIRE(refused);
        CHECK(refused->status == 400);
        auto confirmed = c.Post("/api/payments/sandbox/notify", notification.dump(), "application/json");
        REQUIRE(confirmed);
        CHECK(confirmed->status == 200);
        CHECK(Body(confirmed)["status"] == "paid");
        auto again = c.Post("/api/payments/sandbox/notify", notification.dump(), "application/json"); // providers retry
        REQUIRE(again);
        CHECK(again->status == 200);
        // Customs hears of an order once it is paid: its outbox message is released then.
        CHECK(b.Sql("SELECT state FROM outbox WHERE kind = 'order' AND order_no = '" + no + "'") == "ready");

        // Cancel before declaration: stock and quota come back.
        json cancelled = place("life-2", "T-011", 12);
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-011'") == 1);
        auto cancel = c.Post("/api/orders/" + cancelled["order_no"].get<std::string>() + "/cancel", secret_of(cancelled), "", "application/json");
        REQUIRE(cancel);
        CHECK(cancel->status == 200);
        CHECK(Body(cancel)["status"] == "cancelled");
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-011'") == 0);
        CHECK(b.Sql("SELECT used_fen FROM buyer_quota WHERE used_fen > 0 AND id_hash IN (SELECT buyer_id_hash FROM orders WHERE order_no = '" +
                    cancelled["order_no"].get<std::string>() + "')") == "");
        // Never paid: its outbox message is withdrawn, and there is nothing to refund.
        CHECK(b.Sql("SELECT state FROM outbox WHERE kind = 'order' AND order_no = '" + cancelled["order_no"].get<std::string>() + "'") == "withdrawn");
        CHECK(b.SqlInt("SELECT count(*) FROM refunds") == 0);

        // Merchant events: declared, released, shipped (stock leaves), returned (back, quota back).
        std::string token = MerchantToken(b, "demo");
        httplib::Headers merchant = {{"Authorization", "Bearer " + token}};
        auto event = [&](const std::string& order_no, const char* what) {
            return c.Post("/api/merchant/orders/" + order_no + "/events", merchant, json{{"event", what}}.dump(), "application/json");
        };
        auto early = event(no, "ship"); // paid, not yet declared: not allowed
        REQUIRE(early);
        CHECK(early->status == 409);
        for (const char* e : {"declare", "release", "ship"}) {
            auto r = event(no, e);
            REQUIRE(r);
            CHECK_MESSAGE(r->status == 200, e << ": " << r->body);
        }
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-010'") == 1);
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-010'") == 0);
        auto returned = event(no, "return");
        REQUIRE(returned);
        CHECK(returned->status == 200);
        CHECK(Body(returned)["status"] == "returned");
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-010'") == 2);
        CHECK(b.SqlInt("SELECT count(*) FROM buyer_quota WHERE used_fen > 0") == 0);
        json timeline = Body(returned)["timeline"];
        CHECK(timeline.size() == 6); // pending, paid, declared, released, shipped, returned
        // The payment comes back: a refund of the whole amount (goods, freight, tax), which the
        // sandbox provider makes at once (a real one when it confirms: wechat_pay_test.cpp).
        CHECK(b.Sql("SELECT reason || ' ' || amount_fen FROM refunds WHERE order_no = '" + no + "'") ==
              "return " + std::to_string(shop.one_item_total));
        for (int i = 0; i < 100 && b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "'") != "done"; i++)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CHECK(b.Sql("SELECT state FROM refunds WHERE order_no = '" + no + "'") == "done");

        // Unpaid past the timeout (2 s): expired by the server on its own, stock released.
        json unpaid = place("life-3", "T-012", 13);
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-012'") == 1);
        std::string unpaid_status;
        for (int i = 0; i < 100 && unpaid_status != "expired"; i++) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            unpaid_status = b.Sql("SELECT status FROM orders WHERE order_no = '" + unpaid["order_no"].get<std::string>() + "'");
        }
        CHECK(unpaid_status == "expired");
        CHECK(b.SqlInt("SELECT reserved FROM stock WHERE sku = 'T-012'") == 0);
        CHECK(b.Sql("SELECT state FROM outbox WHERE kind = 'order' AND order_no = '" + unpaid["order_no"].get<std::string>() + "'") == "withdrawn");
        auto late = c.Post("/api/orders/" + unpaid["order_no"].get<std::string>() + "/payment", secret_of(unpaid), "", "application/json");
        REQUIRE(late);
        CHECK(late->status == 409);
    }
}

TEST_CASE("bad input gets a 4xx with a stable code and a translated message, and writes nothing")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        httplib::Client c(shop.server.url);
        auto code_of = [&](const std::string& key, const std::string& body, int status) {
            auto r = PlaceOrder(c, key, body);
            REQUIRE(r);
            CHECK_MESSAGE(r->status == status, body.substr(0, 200) << " → " << r->body);
            json j = json::parse(r->body, nullptr, false);
            REQUIRE(j.is_object());
            CHECK(!j["error"]["message"].get<std::string>().empty());
            std::string codes = j["error"]["code"].get<std::string>();
            if (j["error"].contains("problems"))
                for (const json& p : j["error"]["problems"]) codes += " " + p["code"].get<std::string>();
            return codes;
        };
        json good = json::parse(OrderBody({{"T-020", 1}}, 21, shop.one_item_total));
        auto with = [&](const std::function<void(json&)>& change) {
            json j = good;
            change(j);
            return j.dump();
        };
        CHECK(code_of("b1", "{\"lines\": [", 400) == "invalid_request json.syntax");
        CHECK(code_of("b2", std::string(70 * 1024, ' '), 413) == "body_too_large");
        CHECK(code_of("b3", "{\"lines\":[{\"sku\":\"T-020\xff\",\"qty\":1}]}", 400).rfind("invalid_request", 0) == 0);
        CHECK(code_of("b4", with([](json& j) { j["lines"][0]["qty"] = 0; }), 422) == "invalid_order order.qty_not_positive");
        CHECK(code_of("b5", with([](json& j) { j["lines"][0]["qty"] = -3; }), 422) == "invalid_order order.qty_not_positive");
        CHECK(code_of("b6", with([](json& j) { j["lines"][0]["sku"] = "'; DROP TABLE orders; --"; }), 422) == "invalid_order cart.unknown_sku");
        CHECK(code_of("b7", with([](json& j) { j["buyer"]["id_number"] = "110101199001011234"; }), 422) == "invalid_order identity.id_check_digit");
        CHECK(code_of("b8", with([](json& j) { j["buyer"]["id_number"] = "130681136250023332"; }), 422) == "invalid_order identity.id_birth_date");
        CHECK(code_of("b9", with([](json& j) { j["buyer"]["id_number"] = 110101199001011234; }), 400) == "invalid_request json.expected_string");
        CHECK(code_of("b10", with([](json& j) { j["consignee"]["district"] = "500100"; }), 422) == "invalid_order order.district_invalid");
        CHECK(code_of("b11", with([](json& j) { j["buyer"]["phone"] = "12345"; }), 422) == "invalid_order order.phone_invalid");
        CHECK(code_of("b12", with([](json& j) { j["buyer"]["name"] = "<script>"; }), 422) == "invalid_order order.name_invalid");
        CHECK(code_of("b13", with([](json& j) { j.erase("expected_total_fen"); }), 400) == "invalid_request json.missing_field");
        CHECK(code_of("b14", with([](json& j) { j["lines"] = json::array(); }), 422) == "invalid_order order.no_lines");
        CHECK(shop.Orders() == 0);
        CHECK(b.SqlInt("SELECT sum(reserved) FROM stock") == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM idempotency_keys") == 0);

        // The message follows Accept-Language.
        auto zh = c.Post("/api/orders", {{"Idempotency-Key", "b15"}, {"Accept-Language", "zh-CN"}},
                         with([](json& j) { j["buyer"]["id_number"] = "110101199001011234"; }), "application/json");
        REQUIRE(zh);
        CHECK(json::parse(zh->body)["error"]["problems"][0]["message"].get<std::string>().find("校验码") != std::string::npos);
    }
}

TEST_CASE("an ID number never appears unmasked outside its encrypted column: answers, logs, the database")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        std::string id = ValidIdNumber(4242);
        std::string everything;
        {
            OrderShop shop(b);
            httplib::Client c(shop.server.url);
            auto r = PlaceOrder(c, "pii-1", OrderBody({{"T-030", 1}}, 4242, shop.one_item_total));
            REQUIRE(r);
            REQUIRE(r->status == 201);
            everything += r->body;
            json o = json::parse(r->body);
            auto read = c.Get("/api/orders/" + o["order_no"].get<std::string>(), {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}});
            REQUIRE(read);
            everything += read->body;
            // A wrong check digit is reported masked, too.
            std::string wrong = id.substr(0, 17) + (id[17] == '1' ? "2" : "1");
            auto bad = PlaceOrder(c, "pii-2", OrderBody({{"T-030", 1}}, 4242, shop.one_item_total).replace(
                                                   OrderBody({{"T-030", 1}}, 4242, shop.one_item_total).find(id), 18, wrong));
            REQUIRE(bad);
            everything += bad->body;
            CHECK(bad->body.find(wrong) == std::string::npos);
            shop.server.Stop(SIGTERM);
            everything += shop.server.Stderr();
        }
        CHECK(everything.find(id) == std::string::npos);
        CHECK(everything.find(id.substr(6, 8)) == std::string::npos); // not even the birth date
        if (b.kind == "sqlite") {
            for (const char* file : {"bondstore.db", "bondstore.db-wal"})
                if (std::filesystem::exists(b.dir->path + "/store/" + file))
                    CHECK(ReadFile(b.dir->path + "/store/" + file).find(id) == std::string::npos);
        } else {
            RunResult dump = Run("/usr/bin/pg_dump", {b.conninfo});
            REQUIRE(dump.exit_code == 0);
            CHECK(dump.out.find("pending_payment") != std::string::npos);
            CHECK(dump.out.find(id) == std::string::npos);
        }
    }
}

TEST_CASE("merchant stock adjustments are idempotent on their id; shoppers see availability levels")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        std::string token = MerchantToken(b, "demo");
        httplib::Client c(shop.server.url);
        httplib::Headers auth = {{"Authorization", "Bearer " + token}};
        json adj = {{"id", "recv-1"}, {"sku", "T-040"}, {"warehouse", "CQ-LL"}, {"delta", 8}, {"reason", "received"}};
        auto first = c.Post("/api/merchant/stock/adjustments", auth, adj.dump(), "application/json");
        REQUIRE(first);
        CHECK(first->status == 201);
        CHECK(Body(first)["on_hand"] == 10);
        auto again = c.Post("/api/merchant/stock/adjustments", auth, adj.dump(), "application/json");
        REQUIRE(again);
        CHECK(again->status == 200);
        CHECK(Body(again)["replayed"] == true);
        CHECK(Body(again)["on_hand"] == 10);
        adj["delta"] = 9;
        auto reused = c.Post("/api/merchant/stock/adjustments", auth, adj.dump(), "application/json");
        REQUIRE(reused);
        CHECK(reused->status == 409);
        // An id is the merchant's own: another merchant's "recv-1" is theirs, applied, not a replay.
        httplib::Headers other_auth = {{"Authorization", "Bearer " + MerchantToken(b, "other")}};
        json theirs = {{"id", "recv-1"}, {"sku", "T-OTHER"}, {"warehouse", "CQ-LL"}, {"delta", 5}, {"reason", "received"}};
        auto other = c.Post("/api/merchant/stock/adjustments", other_auth, theirs.dump(), "application/json");
        REQUIRE(other);
        CHECK(other->status == 201);
        CHECK(Body(other)["on_hand"] == 15);
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-040'") == 10);
        json below = {{"id", "loss-1"}, {"sku", "T-041"}, {"warehouse", "CQ-LL"}, {"delta", -3}, {"reason", "damaged"}};
        auto refused = c.Post("/api/merchant/stock/adjustments", auth, below.dump(), "application/json");
        REQUIRE(refused);
        CHECK(refused->status == 422);
        CHECK(b.SqlInt("SELECT on_hand FROM stock WHERE sku = 'T-041'") == 2);
        // Not an adjustment: 400 with what is wrong, field by field, and nothing changed.
        auto shapeless = c.Post("/api/merchant/stock/adjustments", auth, R"({"id":"x","sku":"T-041","delta":0})", "application/json");
        REQUIRE(shapeless);
        CHECK(shapeless->status == 400);
        CHECK(Body(shapeless)["error"]["code"] == "invalid_request");
        CHECK(Body(shapeless)["error"]["problems"].size() == 2); // warehouse and reason missing
        CHECK(b.SqlInt("SELECT count(*) FROM stock_adjustments WHERE id = 'x'") == 0);

        auto inventory = c.Get("/api/inventory");
        REQUIRE(inventory);
        json items = Body(inventory)["items"];
        auto item = [&](const std::string& sku) {
            for (const json& i : items) if (i["sku"] == sku) return i;
            return json();
        };
        CHECK(item("T-040")["available"] == 10);
        CHECK(item("T-040")["level"] == "in_stock");
        CHECK(item("T-041")["level"] == "low");
        CHECK(item("T-BIG")["warehouses"][0]["code"] == "CQ-LL");

        // The server answers the inventory from memory between writes: an order it takes shows at
        // once; a write by another process (a second server, the admin CLI; here straight SQL)
        // shows within half a second.
        auto placed = PlaceOrder(c, "inv-1", OrderBody({{"T-040", 3}}, 7, QuotedTotal(shop.server.url, {{"T-040", 3}})));
        REQUIRE(placed);
        CHECK(placed->status == 201);
        auto after = c.Get("/api/inventory");
        REQUIRE(after);
        items = Body(after)["items"];
        CHECK(item("T-040")["available"] == 7);
        b.SqlWrite("UPDATE stock SET on_hand = on_hand + 100 WHERE sku = 'T-040'");
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        auto outside = c.Get("/api/inventory");
        REQUIRE(outside);
        items = Body(outside)["items"];
        CHECK(item("T-040")["available"] == 107);

        // What one order can take is what one warehouse holds (an order ships from one bonded
        // warehouse): 2 + 4 units in two warehouses are 6 available but 4 orderable, a "low" level,
        // and an order of 5 is refused although the total would cover it.
        b.SqlWrite("INSERT INTO stock(sku, warehouse, on_hand) VALUES ('T-041', 'CQ-XY', 4)");
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        auto two = c.Get("/api/inventory");
        REQUIRE(two);
        items = Body(two)["items"];
        CHECK(item("T-041")["available"] == 6);
        CHECK(item("T-041")["orderable"] == 4);
        CHECK(item("T-041")["level"] == "low");
        auto five = PlaceOrder(c, "inv-2", OrderBody({{"T-041", 5}}, 8, QuotedTotal(shop.server.url, {{"T-041", 5}})));
        REQUIRE(five);
        CHECK(five->status == 409);
        CHECK(Body(five)["skus"] == json::array({"T-041"}));
        auto four = PlaceOrder(c, "inv-3", OrderBody({{"T-041", 4}}, 9, QuotedTotal(shop.server.url, {{"T-041", 4}})));
        REQUIRE(four);
        CHECK(four->status == 201);
        CHECK(Body(four)["warehouse"] == "CQ-XY");
    }
}

TEST_CASE("a store refuses to start under another data key: buyers' data and quotas stay bound to theirs")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        std::vector<std::string> args;
        {
            OrderShop shop(b);
            httplib::Client c(shop.server.url);
            auto r = PlaceOrder(c, "key-1", OrderBody({{"T-020", 1}}, 77, shop.one_item_total));
            REQUIRE(r);
            CHECK(r->status == 201);
            shop.server.Stop(SIGTERM);
            args = b.ServerArgs();
            for (const std::string& a : {std::string("--web-dir"), shop.files.path + "/web", std::string("--port"), std::string("0")})
                args.push_back(a);
        }
        TempDir other;
        WriteFile(other.path + "/key", std::string(64, 'a') + "\n");
        std::vector<std::string> wrong = args;
        wrong.push_back("--data-key-file");
        wrong.push_back(other.path + "/key");
        RunResult refused = Run(ServerBinary(), wrong, {}, 20);
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("another data key") != std::string::npos);
        RunResult from_env = Run(ServerBinary(), args, {"BONDSTORE_DATA_KEY=" + std::string(64, 'b')}, 20);
        CHECK(from_env.exit_code == 1);
        CHECK(b.SqlInt("SELECT count(*) FROM orders") == 1); // nothing touched
    }
}

TEST_CASE("a kiosk's attract screen features the store's best sellers of the last 30 days (no brand choice)")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        httplib::Client c(shop.server.url);
        // No sales yet: a product of each category.
        json f = Body(c.Get("/api/featured"));
        CHECK(f["source"] == "categories");
        // Two units of T-031 and one of T-032 sold; two of T-033 in an order never paid.
        std::vector<std::string> orders;
        int k = 0;
        for (auto [sku, qty] : std::vector<std::pair<std::string, int>>{{"T-032", 1}, {"T-031", 1}, {"T-031", 1}, {"T-033", 2}}) {
            auto r = PlaceOrder(c, "featured-" + std::to_string(k), OrderBody({{sku, qty}}, 60 + k, QuotedTotal(shop.server.url, {{sku, qty}})));
            REQUIRE(r);
            REQUIRE_MESSAGE(r->status == 201, r->body);
            orders.push_back(Body(r)["order_no"].get<std::string>());
            k++;
        }
        for (int paid : {0, 1, 2}) b.SqlWrite("UPDATE orders SET status = 'paid' WHERE order_no = '" + orders[size_t(paid)] + "'");
        f = Body(c.Get("/api/featured"));
        CHECK(f["source"] == "best_sellers");
        CHECK(f["skus"] == json::array({"T-031", "T-032"}));
        // Older than 30 days: no longer a best seller.
        b.SqlWrite("UPDATE orders SET created_at = created_at - 31 * 86400 WHERE order_no = '" + orders[0] + "'");
        CHECK(Body(c.Get("/api/featured"))["skus"] == json::array({"T-031"}));
    }
}

TEST_CASE("merchant sales figures for the merchant screen's charts: per China day, paid goods and tax, rejections, top products")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        std::string token = MerchantToken(b, "demo");
        httplib::Client c(shop.server.url);
        httplib::Headers auth = {{"Authorization", "Bearer " + token}};

        std::vector<std::string> orders;
        for (int k = 0; k < 4; k++) {
            auto r = PlaceOrder(c, "stats-" + std::to_string(k), OrderBody({{"T-02" + std::to_string(k), 1}}, 40 + k, shop.one_item_total));
            REQUIRE(r);
            REQUIRE_MESSAGE(r->status == 201, r->body);
            orders.push_back(Body(r)["order_no"].get<std::string>());
        }
        // One paid, one paid and then refused by customs, one cancelled, one still unpaid: the
        // figures read the orders as the store holds them.
        b.SqlWrite("UPDATE orders SET status = 'paid' WHERE order_no = '" + orders[0] + "'");
        b.SqlWrite("UPDATE orders SET status = 'rejected' WHERE order_no = '" + orders[1] + "'");
        b.SqlWrite("UPDATE orders SET status = 'cancelled' WHERE order_no = '" + orders[2] + "'");
        const int64_t goods = b.SqlInt("SELECT goods_fen FROM orders WHERE order_no = '" + orders[0] + "'");
        const int64_t tax = b.SqlInt("SELECT tax_total_fen FROM orders WHERE order_no = '" + orders[0] + "'") +
                            b.SqlInt("SELECT tax_total_fen FROM orders WHERE order_no = '" + orders[1] + "'");

        CHECK(c.Get("/api/merchant/stats")->status == 401);
        CHECK(c.Get("/api/merchant/stats?days=0", auth)->status == 400);
        CHECK(c.Get("/api/merchant/stats?days=x", auth)->status == 400);
        auto r = c.Get("/api/merchant/stats?days=7", auth);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        json j = Body(r);
        REQUIRE(j["days"].size() == 7); // every day, zeros included
        json today = j["days"].back();
        CHECK(today["date"] == j["to"]);
        CHECK(today["orders"] == 4);
        CHECK(today["goods_fen"] == 2 * goods);
        CHECK(today["tax_fen"] == tax);
        CHECK(today["rejected"] == 1);
        CHECK(j["days"][0]["orders"] == 0);
        REQUIRE(j["top"].size() == 2); // the paid and the rejected order's products
        CHECK(j["top"][0]["sku"] == "T-020");
        CHECK(j["top"][0]["qty"] == 1);
        CHECK(j["top"][1]["sku"] == "T-021");
        // Another merchant sees none of it.
        std::string other = MerchantToken(b, "other");
        json theirs = Body(c.Get("/api/merchant/stats?days=7", {{"Authorization", "Bearer " + other}}));
        CHECK(theirs["days"].back()["orders"] == 0);
        CHECK(theirs["top"].empty());
    }
}

TEST_CASE("a kiosk's sealed order: opened only by the server, bound to its key, followed by its secret from a phone")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b);
        httplib::Client c(shop.server.url);
        auto key_answer = c.Get("/api/order-seal-key");
        REQUIRE(key_answer);
        REQUIRE(key_answer->status == 200);
        json key = json::parse(key_answer->body);
        CHECK(key["alg"] == "ECDH-P256+HKDF-SHA256+A256GCM");
        CHECK(key["key_id"].get<std::string>().size() == 16);
        // What a kiosk seals: the order, and the secret its QR code shows for following it.
        auto seal = [&](const std::string& idempotency_key, const std::string& order, const std::string& follow) {
            std::string error;
            std::string plaintext = "{\"order\":" + order + ",\"follow\":\"" + follow + "\"}";
            std::optional<std::string> sealed = bondstore::OrderSeal::Seal(key_answer->body, idempotency_key, plaintext, &error);
            REQUIRE_MESSAGE(sealed, error);
            return *sealed;
        };
        auto follow = [&](const std::string& secret) { return c.Get("/api/orders/queued", {{"X-Follow-Secret", secret}}); };
        // Only an enrolled kiosk sends sealed orders (its token).
        const httplib::Headers kiosk = {{"Authorization", "Bearer " + KioskToken(b, shop.server.url, "jfb-1")}};
        auto deliver = [&](const std::string& idempotency_key, const std::string& body) { return PlaceOrder(c, idempotency_key, body, kiosk); };
        const std::string k1 = "kiosk-key-1", f1 = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
        std::string body = OrderBody({{"T-010", 1}}, 3, shop.one_item_total);
        std::string sealed = seal(k1, body, f1);
        CHECK(sealed.find(ValidIdNumber(3)) == std::string::npos);
        CHECK(sealed.find("T-010") == std::string::npos);
        CHECK(sealed.find(f1) == std::string::npos);

        // Before the kiosk delivers it, the phone following it hears "not received".
        auto early = follow(f1);
        REQUIRE(early);
        CHECK(early->status == 404);
        CHECK(Body(early)["error"]["code"] == "order_not_received");

        // Sealed for another Idempotency-Key, altered, to another store's key, with a point off
        // the curve, or not an order and its secret: refused, nothing written.
        auto other_key = deliver("kiosk-key-2", sealed);
        REQUIRE(other_key);
        CHECK(other_key->status == 400);
        CHECK(Body(other_key)["error"]["code"] == "sealed_invalid");
        json altered = json::parse(sealed);
        std::string data = altered["sealed"]["data"].get<std::string>();
        data[10] = data[10] == 'A' ? 'B' : 'A';
        altered["sealed"]["data"] = data;
        auto tampered = deliver(k1, altered.dump());
        REQUIRE(tampered);
        CHECK(tampered->status == 400);
        CHECK(Body(tampered)["error"]["code"] == "sealed_invalid");
        json foreign = json::parse(sealed);
        foreign["sealed"]["key_id"] = "0000000000000000";
        auto unknown = deliver(k1, foreign.dump());
        REQUIRE(unknown);
        CHECK(unknown->status == 400);
        CHECK(Body(unknown)["error"]["code"] == "sealed_key_unknown");
        json off_curve = json::parse(sealed);
        off_curve["sealed"]["epk"] = std::string("BA") + std::string(86, 'A');
        auto bad_point = deliver(k1, off_curve.dump());
        REQUIRE(bad_point);
        CHECK(bad_point->status == 400);
        std::string error;
        auto bare = deliver("kiosk-key-3", *bondstore::OrderSeal::Seal(key_answer->body, "kiosk-key-3", body, &error));
        REQUIRE(bare);
        CHECK(bare->status == 400);
        CHECK(Body(bare)["error"]["code"] == "sealed_invalid");
        auto short_secret = deliver("kiosk-key-4", seal("kiosk-key-4", body, "short"));
        REQUIRE(short_secret);
        CHECK(short_secret->status == 400);
        // Without a kiosk's token, or with a made-up one: refused at the door.
        for (const std::string& auth : {std::string(), std::string("Bearer ksk_") + std::string(43, 'A')}) {
            httplib::Headers h;
            if (!auth.empty()) h.insert({"Authorization", auth});
            auto stranger = PlaceOrder(c, k1, sealed, h);
            REQUIRE(stranger);
            CHECK(stranger->status == 401);
            CHECK(Body(stranger)["error"]["code"] == "kiosk_not_enrolled");
        }
        CHECK(shop.Orders() == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM queued_orders") == 0);
        CHECK(b.SqlInt("SELECT count(*) FROM idempotency_keys") == 0);

        // Delivered: an order like any other; the same envelope again is a replay.
        auto placed = deliver(k1, sealed);
        REQUIRE(placed);
        REQUIRE_MESSAGE(placed->status == 201, placed->body);
        auto again = deliver(k1, sealed);
        REQUIRE(again);
        CHECK(again->status == 201);
        CHECK(again->get_header_value("Idempotent-Replayed") == "true");
        CHECK(shop.Orders() == 1);
        // The phone now gets the order, with the secret to pay it with; the Idempotency-Key,
        // which a kiosk keeps, finds nothing.
        auto followed = follow(f1);
        REQUIRE(followed);
        CHECK(followed->status == 200);
        CHECK(Body(followed)["order_no"] == Body(placed)["order_no"]);
        CHECK(Body(followed)["lookup_secret"] == Body(placed)["lookup_secret"]);
        auto by_key = follow(k1 + std::string(26, '0'));
        REQUIRE(by_key);
        CHECK(by_key->status == 404);
        CHECK(b.SqlInt("SELECT count(*) FROM queued_orders") == 1);
        CHECK(b.Sql("SELECT follow_hash FROM queued_orders").find(f1) == std::string::npos); // kept hashed

        // Refused (out of stock: T-010 holds 2, 1 is taken): the refusal is what the phone hears.
        const std::string f3 = "f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3";
        auto refused = deliver("kiosk-key-5", seal("kiosk-key-5", OrderBody({{"T-010", 2}}, 4, QuotedTotal(shop.server.url, {{"T-010", 2}})), f3));
        REQUIRE(refused);
        CHECK(refused->status == 409);
        auto told = follow(f3);
        REQUIRE(told);
        CHECK(told->status == 409);
        CHECK(Body(told)["error"]["code"] == "out_of_stock");
        // A second envelope under a secret already answered changes nothing the phone hears.
        auto second = deliver("kiosk-key-6", seal("kiosk-key-6", OrderBody({{"T-011", 1}}, 5, shop.one_item_total), f3));
        REQUIRE(second);
        CHECK(second->status == 201);
        CHECK(follow(f3)->status == 409);
        // Answers older than 30 days go as new ones are kept.
        b.SqlWrite("UPDATE queued_orders SET created_at = created_at - 31 * 86400");
        const std::string f7 = "f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7";
        CHECK(deliver("kiosk-key-7", seal("kiosk-key-7", OrderBody({{"T-012", 1}}, 6, shop.one_item_total), f7))->status == 201);
        CHECK(b.SqlInt("SELECT count(*) FROM queued_orders") == 1);
        CHECK(shop.Orders() == 3);
    }
}

TEST_CASE("a body sealed by a browser's WebCrypto opens with the key derived from the data key")
{
    // Sealed by Node's WebCrypto (the same code as web/platform/sealing.cpp) to the key
    // GET /api/order-seal-key published under BONDSTORE_DATA_KEY=77…77: a known answer, so
    // both sides must derive the same secret — not merely agree with each other.
    std::string error;
    std::optional<bondstore::PersonalData> data_key = bondstore::PersonalData::FromHexKey(std::string(64, '7'), &error);
    REQUIRE(data_key);
    bondstore::OrderSeal seal(*data_key);
    CHECK(seal.PublicKeyJson() == R"({"alg":"ECDH-P256+HKDF-SHA256+A256GCM","key_id":"05f2f522655bf0bd",)"
                                  R"("public_key":"BPq2aa/YtAWHZ1CuAosmd3wusTCKOUmiURpj1wmMOgaR+0YO0F860UGbA4SJ4N8q9R/xaktWdSYECnnCAHapge0="})");
    const std::string sealed =
        R"({"sealed":{"v":1,"key_id":"05f2f522655bf0bd","epk":"BEnWnuXe7dO0ybxdmnrrneDA5ZZ6f+OI7xZ+ShpPWd6EjmEpqrnmwY93Yw3Zku4wzVJRvCC1dhIMKbodBaMej8k=",)"
        R"("iv":"9EAUjvu83PTWJ50y","data":"9LRa4jqcdxjsBKhODvt+fY+oDm5k8evydo1PFMkHR9SCtlRe1g=="}})";
    std::optional<std::string> opened = seal.Open(sealed, "0123456789abcdef0123456789abcdef", &error);
    REQUIRE_MESSAGE(opened, error);
    CHECK(*opened == "{\"kiosk\":\"王小明\"}");
    CHECK(!seal.Open(sealed, "0123456789abcdef0123456789abcdee", &error));
    CHECK(error == "sealed_invalid");
    // And what this side seals, it opens; a fresh one-time key each time.
    std::optional<std::string> a = bondstore::OrderSeal::Seal(seal.PublicKeyJson(), "k", "text", &error);
    std::optional<std::string> b = bondstore::OrderSeal::Seal(seal.PublicKeyJson(), "k", "text", &error);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a != *b);
    CHECK(seal.Open(*a, "k", &error) == std::optional<std::string>("text"));
}

TEST_CASE("every server sharing a data key opens what any of them sealed")
{
    TempDir dir;
    WriteFile(dir.path + "/web/index.html", "<!doctype html>");
    auto args = [&](const std::string& name) {
        return std::vector<std::string>{"--data-dir", dir.path + "/" + name, "--web-dir", dir.path + "/web"};
    };
    const std::string shared_key = "BONDSTORE_DATA_KEY=" + std::string(64, '7');
    ServerProcess one = ServerProcess::Start(args("one"), {shared_key});
    ServerProcess two = ServerProcess::Start(args("two"), {shared_key});
    httplib::Client c1(one.url), c2(two.url);
    auto k1 = c1.Get("/api/order-seal-key"), k2 = c2.Get("/api/order-seal-key");
    REQUIRE(k1);
    REQUIRE(k2);
    CHECK(k1->body == k2->body);
    ServerProcess other = ServerProcess::Start(args("three")); // its own data key, in its data directory
    httplib::Client c3(other.url);
    auto k3 = c3.Get("/api/order-seal-key");
    REQUIRE(k3);
    CHECK(json::parse(k3->body)["key_id"] != json::parse(k1->body)["key_id"]);
}
