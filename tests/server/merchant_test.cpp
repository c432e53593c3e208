// The merchant API over real HTTP, on both back ends: tokens, uploads (dry run, all-or-nothing,
// partial), another merchant's SKUs, stock, export, and the CLI that drives it.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

// A store on `b` with the sample catalog, a stand-in web app and two merchants' tokens.
struct Shop {
    Backend& backend;
    TempDir files;
    std::string token_a, token_b;
    ServerProcess server;

    explicit Shop(Backend& b) : backend(b)
    {
        WriteFile(files.path + "/web/index.html", "<!doctype html>");
        // Tokens are created with the CLI, straight into the store, before the server starts.
        token_a = CreateToken("merchant-a");
        token_b = CreateToken("merchant-b");
        std::vector<std::string> args = b.ServerArgs();
        args.insert(args.end(), {"--web-dir", files.path + "/web", "--seed-catalog", SampleCatalog()});
        server = ServerProcess::Start(args);
    }
    // bondstore-admin with `args`, on this shop's store.
    RunResult Admin(std::vector<std::string> args) const
    {
        for (const std::string& a : AdminStoreArgs(backend)) args.push_back(a);
        return Run(AdminBinary(), args);
    }
    std::string CreateToken(const std::string& merchant)
    {
        RunResult r = Admin({"tokens", "create", "--merchant", merchant});
        REQUIRE(r.exit_code == 0);
        std::string token = r.out.substr(0, r.out.find('\n'));
        REQUIRE(token.rfind("bst_", 0) == 0);
        return token;
    }
    httplib::Result Upload(const std::string& token, const std::string& body, const std::string& query = "")
    {
        httplib::Client c(server.url);
        c.set_read_timeout(30, 0);
        httplib::Headers h = {{"Authorization", "Bearer " + token}, {"Accept-Language", "en"}};
        return c.Post("/api/merchant/catalog" + query, h, body, "text/csv");
    }
    json Catalog()
    {
        httplib::Client c(server.url);
        return json::parse(c.Get("/api/catalog")->body);
    }
};

std::string kHeader = "Handle,Title,Variant SKU,Variant Price,HS (product.metafields.customs.hs_code),"
                      "Origin (product.metafields.customs.origin_country),Unit (product.metafields.customs.unit),"
                      "Qty (product.metafields.customs.legal_qty),Chinese (product.metafields.customs.title_zh)\n";

std::string Row(const std::string& sku, const std::string& price, const std::string& hs = "1905310000")
{
    return sku + "-h,Biscuits " + sku + "," + sku + "," + price + "," + hs + ",BE,125,250 g,饼干 " + sku + "\n";
}

} // namespace

TEST_CASE("tokens: stored as hashes, required, listed and revoked")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        httplib::Client c(shop.server.url);
        CHECK(c.Get("/api/merchant/me")->status == 401);
        CHECK(c.Get("/api/merchant/me", {{"Authorization", "Bearer bst_wrong"}})->status == 401);
        CHECK(c.Get("/api/merchant/me", {{"Authorization", "Basic abc"}})->status == 401);
        auto me = c.Get("/api/merchant/me", {{"Authorization", "Bearer " + shop.token_a}});
        REQUIRE(me);
        CHECK(json::parse(me->body)["merchant"] == "merchant-a");
        auto unauthorized = shop.Upload("nope", kHeader + Row("X1", "1.00"));
        CHECK(unauthorized->status == 401);
        CHECK(unauthorized->get_header_value("WWW-Authenticate").find("Bearer") == 0);

        // The token is nowhere in what the store holds; its hash is.
        std::string db = b.StoredBytes();
        CHECK(db.find(shop.token_a) == std::string::npos);

        RunResult list = shop.Admin({"tokens", "list"});
        CHECK(list.exit_code == 0);
        CHECK(list.out.find("merchant-a") != std::string::npos);
        std::string line = list.out.substr(list.out.find('\n') + 1);
        std::string prefix = line.substr(0, 12);
        CHECK(shop.Admin({"tokens", "revoke", prefix}).exit_code == 0);
        CHECK(c.Get("/api/merchant/me", {{"Authorization", "Bearer " + shop.token_a}})->status == 401);
        CHECK(shop.Admin({"tokens", "create", "--merchant", "bad id!"}).exit_code == 2);
    }
}

TEST_CASE("upload: dry run changes nothing; errors reject the whole file unless partial is asked for")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        int64_t version = shop.Catalog()["version"].get<int64_t>();
        size_t products = shop.Catalog()["products"].size();

        auto dry = shop.Upload(shop.token_a, kHeader + Row("A1", "10.00") + Row("A2", "12.00"), "?dry_run=1");
        REQUIRE(dry);
        CHECK(dry->status == 200);
        json d = json::parse(dry->body);
        CHECK(d["dry_run"] == true);
        CHECK(d["applied"] == false);
        CHECK(d["created"] == 2);
        CHECK(shop.Catalog()["version"] == version);
        CHECK(shop.Catalog()["products"].size() == products);

        std::string mixed = kHeader + Row("A1", "10.00") + Row("A2", "abc") + Row("A3", "5.00", "2402200000");
        auto strict = shop.Upload(shop.token_a, mixed);
        REQUIRE(strict);
        CHECK(strict->status == 422);
        json s = json::parse(strict->body);
        CHECK(s["applied"] == false);
        CHECK(s["rejected"] == 2);
        CHECK(s["problems"][0]["row"] == 3);
        CHECK(s["problems"][0]["field"] == "Variant Price");
        CHECK(s["problems"][0]["code"] == "catalog.price_not_a_number");
        CHECK(s["problems"][0]["message"] == "row 3 field “Variant Price”: the price is not a number, got “abc”");
        CHECK(s["problems"][1]["code"] == "catalog.not_on_positive_list");
        CHECK(shop.Catalog()["products"].size() == products); // nothing written

        auto partial = shop.Upload(shop.token_a, mixed, "?partial=1");
        REQUIRE(partial);
        CHECK(partial->status == 200);
        json p = json::parse(partial->body);
        CHECK(p["applied"] == true);
        CHECK(p["created"] == 1);
        CHECK(p["catalog_version"] == version + 1);
        json after = shop.Catalog();
        CHECK(after["version"] == version + 1);
        CHECK(after["products"].size() == products + 1);

        // The same file again changes nothing and does not bump the version.
        auto again = shop.Upload(shop.token_a, kHeader + Row("A1", "10.00"));
        CHECK(json::parse(again->body)["unchanged"] == 1);
        CHECK(shop.Catalog()["version"] == version + 1);
        auto update = shop.Upload(shop.token_a, kHeader + Row("A1", "11.00"));
        CHECK(json::parse(update->body)["updated"] == 1);
        CHECK(shop.Catalog()["version"] == version + 2);
    }
}

TEST_CASE("a second merchant cannot touch the first's products")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        CHECK(shop.Upload(shop.token_a, kHeader + Row("MINE-1", "10.00"))->status == 200);
        auto hijack = shop.Upload(shop.token_b, kHeader + Row("MINE-1", "0.01") + Row("B1", "3.00"));
        REQUIRE(hijack);
        CHECK(hijack->status == 422);
        json h = json::parse(hijack->body);
        CHECK(h["problems"][0]["code"] == "catalog.sku_owned_by_other_merchant");
        CHECK(h["problems"][0]["row"] == 2);
        CHECK(h["applied"] == false);
        // Even with partial, only B1 goes in; MINE-1 keeps its price.
        auto partial = shop.Upload(shop.token_b, kHeader + Row("MINE-1", "0.01") + Row("B1", "3.00"), "?partial=1");
        CHECK(json::parse(partial->body)["created"] == 1);
        json catalog = shop.Catalog(); // (not `: shop.Catalog()["products"]`: the temporary would die before the loop)
        for (const json& p : catalog["products"]) {
            if (p["sku"] == "MINE-1") { CHECK(p["price_fen"] == 1000); CHECK(p["merchant"] == "merchant-a"); }
            if (p["sku"] == "B1") CHECK(p["merchant"] == "merchant-b");
        }
        // Stock of another's SKU reads as unknown.
        httplib::Client c(shop.server.url);
        auto stock = c.Post("/api/merchant/stock", {{"Authorization", "Bearer " + shop.token_b}}, "sku,warehouse,on_hand\nMINE-1,CQ-LL,5\n",
                            "text/csv");
        CHECK(stock->status == 422);
        CHECK(json::parse(stock->body)["problems"][0]["code"] == "stock.unknown_sku");
        // Export shows each merchant only their own.
        auto mine = c.Get("/api/merchant/products", {{"Authorization", "Bearer " + shop.token_b}});
        json m = json::parse(mine->body);
        REQUIRE(m["products"].size() == 1);
        CHECK(m["products"][0]["sku"] == "B1");
    }
}

TEST_CASE("stock upload: all rows or none, named by row")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        CHECK(shop.Upload(shop.token_a, kHeader + Row("S1", "10.00") + Row("S2", "10.00"))->status == 200);
        httplib::Client c(shop.server.url);
        httplib::Headers auth = {{"Authorization", "Bearer " + shop.token_a}};
        auto bad = c.Post("/api/merchant/stock", auth, "sku,warehouse,on_hand\nS1,CQ-LL,5\nS2,NOWHERE,3\nS2,CQ-XY,-1\n", "text/csv");
        CHECK(bad->status == 422);
        json refused = json::parse(bad->body);
        CHECK(refused["problems"][0]["code"] == "stock.on_hand_not_a_count");
        CHECK(refused["problems"][0]["row"] == 4);
        auto unknown = c.Post("/api/merchant/stock", auth, "sku,warehouse,on_hand\nS1,CQ-LL,5\nS2,NOWHERE,3\n", "text/csv");
        CHECK(unknown->status == 422);
        CHECK(json::parse(unknown->body)["problems"][0]["row"] == 3);
        CHECK(json::parse(unknown->body)["problems"][0]["field"] == "warehouse");
        auto good = c.Post("/api/merchant/stock", auth, "on_hand,sku,warehouse\n5,S1,CQ-LL\n7,S2,CQ-XY\n", "text/csv");
        CHECK(good->status == 200);
        CHECK(json::parse(good->body)["updated"] == 2);
    }
}

TEST_CASE("the catalog's ETag changes with the catalog, and export round-trips through import")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        httplib::Client c(shop.server.url);
        std::string etag = c.Get("/api/catalog")->get_header_value("ETag");
        CHECK(c.Get("/api/catalog", {{"If-None-Match", etag}})->status == 304);
        CHECK(shop.Upload(shop.token_a, kHeader + Row("E1", "10.00") + Row("E2", "20.00"))->status == 200);
        CHECK(c.Get("/api/catalog", {{"If-None-Match", etag}})->status == 200);

        httplib::Headers auth = {{"Authorization", "Bearer " + shop.token_a}};
        auto csv = c.Get("/api/merchant/products?format=csv", auth);
        REQUIRE(csv);
        CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
        auto back = shop.Upload(shop.token_a, csv->body);
        json r = json::parse(back->body);
        CHECK(r["unchanged"] == 2); // exported and re-imported: identical
        CHECK(r["problems"].empty());
    }
}

TEST_CASE("bondstore-admin import: progress, a report table, and exit codes")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        Shop shop(b);
        std::string file = shop.files.path + "/upload.csv";
        WriteFile(file, kHeader + Row("C1", "10.00") + Row("C2", "abc"));
        RunResult dry = Run(AdminBinary(), {"import", file, "--server", shop.server.url, "--token", shop.token_a, "--dry-run"});
        CHECK(dry.exit_code == 1);
        CHECK(dry.err.find("progress: 100%") != std::string::npos); // not a terminal: plain progress lines
        CHECK(dry.err.find("2 rows") != std::string::npos);
        CHECK(dry.out.find("dry run, nothing changed") != std::string::npos);
        CHECK(dry.out.find("catalog.price_not_a_number") != std::string::npos);
        CHECK(dry.out.find("Variant Price") != std::string::npos);

        WriteFile(file, kHeader + Row("C1", "10.00"));
        RunResult ok = Run(AdminBinary(), {"import", file, "--server", shop.server.url, "--token", shop.token_a, "--json"});
        CHECK(ok.exit_code == 0);
        CHECK(json::parse(ok.out)["created"] == 1);

        CHECK(Run(AdminBinary(), {"import", file, "--server", shop.server.url, "--token", "bst_bad"}).exit_code == 3);
        CHECK(Run(AdminBinary(), {"import", file, "--server", "http://127.0.0.1:1", "--token", "x"}).exit_code == 3);
        CHECK(Run(AdminBinary(), {"import", file, "--server", shop.server.url}).exit_code == 2);

        RunResult exported = Run(AdminBinary(), {"export", "--server", shop.server.url, "--token", shop.token_a, "--format", "json"});
        CHECK(exported.exit_code == 0);
        CHECK(json::parse(exported.out)["products"][0]["sku"] == "C1");
    }
}
