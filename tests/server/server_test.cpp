// bondstore-server over real HTTP on loopback: a real process, an ephemeral port, a store on both
// back ends (a temporary data directory with a real SQLite file, or a PostgreSQL database).
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <csignal>
#include <filesystem>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

std::string Brotli(const std::string& in)
{
    size_t size = BrotliEncoderMaxCompressedSize(in.size());
    std::string out(size, '\0');
    REQUIRE(BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                                  reinterpret_cast<const uint8_t*>(in.data()), &size, reinterpret_cast<uint8_t*>(out.data())));
    out.resize(size);
    return out;
}

std::string Unbrotli(const std::string& in)
{
    std::string out(1 << 24, '\0');
    size_t size = out.size();
    REQUIRE(BrotliDecoderDecompress(in.size(), reinterpret_cast<const uint8_t*>(in.data()), &size,
                                    reinterpret_cast<uint8_t*>(out.data())) == BROTLI_DECODER_RESULT_SUCCESS);
    out.resize(size);
    return out;
}

std::string Gunzip(const std::string& in)
{
    z_stream zs{};
    REQUIRE(inflateInit2(&zs, 15 + 16) == Z_OK);
    std::string out(1 << 24, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    int rc = inflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    inflateEnd(&zs);
    REQUIRE(rc == Z_STREAM_END);
    return out;
}

// A small stand-in for the built web app: real file types, and a precompressed .br for app.js
// whose bytes differ from what the server would compute itself.
struct WebFixture {
    TempDir dir;
    std::string js = std::string("console.log('bondstore');\n") + std::string(4000, ' ') + "// padding\n";
    std::string wasm = std::string("\0asm\1\0\0\0", 8) + std::string(3000, '\x01');
    WebFixture()
    {
        WriteFile(dir.path + "/index.html", "<!doctype html><title>Bondstore</title>" + std::string(2000, ' '));
        WriteFile(dir.path + "/app.js", js);
        WriteFile(dir.path + "/app.js.br", Brotli(js));
        WriteFile(dir.path + "/app.wasm", wasm);
        WriteFile(dir.path + "/fonts/ui.ttf", std::string(1000, 'f'));
    }
};

// bondstore-server arguments: `b`'s store, then `more`.
std::vector<std::string> StoreArgs(const Backend& b, const std::vector<std::string>& more)
{
    std::vector<std::string> args = b.ServerArgs();
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

httplib::Client Client(const ServerProcess& s)
{
    httplib::Client c(s.url);
    c.set_decompress(false); // look at the bytes on the wire
    c.set_read_timeout(10, 0);
    return c;
}

} // namespace

TEST_CASE("a fresh data directory is created, seeded from the sample catalog and served")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WebFixture web;
        ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()}));
        CHECK(s.first_line.find("Bondstore is serving http://127.0.0.1:") == 0);
        // The data directory is made: the SQLite file in it, or with PostgreSQL the data key.
        CHECK(std::filesystem::exists(b.dir->path + (b.kind == "sqlite" ? "/store/bondstore.db" : "/store/data-key")));
        auto c = Client(s);

        auto health = c.Get("/api/health");
        REQUIRE(health);
        CHECK(health->status == 200);
        CHECK(health->get_header_value("Content-Type") == "application/json; charset=utf-8");
        json h = json::parse(health->body);
        CHECK(h["status"] == "ok");
        CHECK(h["store"] == b.kind);
        CHECK(h["icu"] == "72.1");

        auto catalog = c.Get("/api/catalog");
        REQUIRE(catalog);
        CHECK(catalog->status == 200);
        json cat = json::parse(catalog->body);
        CHECK(cat["version"] == 1);
        REQUIRE(cat["products"].size() == json::parse(ReadFile(SampleCatalog()))["products"].size());
        CHECK(cat["products"][0]["title"]["zh-Hans"].get<std::string>().find("爱他美") == 0);
        CHECK(cat["products"][0]["price_fen"] == 29800);
        CHECK_FALSE(cat.contains("stock")); // stock is served separately (inventory), not in the catalog

        CHECK(s.Stop(SIGTERM) == 0);
    }
}

TEST_CASE("the catalog answers with an ETag, 304 for a client that has it, and gzip or brotli")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WebFixture web;
        ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()}));
        auto c = Client(s);
        auto plain = c.Get("/api/catalog");
        REQUIRE(plain);
        std::string etag = plain->get_header_value("ETag");
        CHECK(etag.size() > 2);
        CHECK(plain->get_header_value("Content-Encoding") == "");

        auto again = c.Get("/api/catalog", {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());

        auto gz = c.Get("/api/catalog", {{"Accept-Encoding", "gzip"}});
        REQUIRE(gz);
        CHECK(gz->get_header_value("Content-Encoding") == "gzip");
        CHECK(gz->get_header_value("Vary") == "Accept-Encoding");
        CHECK(Gunzip(gz->body) == plain->body);
        CHECK(gz->body.size() < plain->body.size() / 3);

        auto br = c.Get("/api/catalog", {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(br);
        CHECK(br->get_header_value("Content-Encoding") == "br");
        CHECK(Unbrotli(br->body) == plain->body);

        auto refused = c.Get("/api/catalog", {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
        REQUIRE(refused);
        CHECK(refused->get_header_value("Content-Encoding") == "");
        CHECK(refused->body == plain->body);
    }
}

TEST_CASE("the web app's files: MIME types, precompressed forms, index for /, JSON 404s")
{
    // Files and messages only, nothing from the store: one back end is enough.
    TempDir data;
    WebFixture web;
    ServerProcess s = ServerProcess::Start({"--data-dir", data.path, "--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()});
    auto c = Client(s);

    auto index = c.Get("/");
    REQUIRE(index);
    CHECK(index->status == 200);
    CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(index->body.find("<title>Bondstore</title>") != std::string::npos);

    auto wasm = c.Get("/app.wasm");
    REQUIRE(wasm);
    CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
    CHECK(wasm->body == web.wasm);

    auto js_br = c.Get("/app.js", {{"Accept-Encoding", "br"}});
    REQUIRE(js_br);
    CHECK(js_br->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(js_br->get_header_value("Content-Encoding") == "br");
    CHECK(js_br->body == ReadFile(web.dir.path + "/app.js.br")); // the build's file, byte for byte
    auto js_gz = c.Get("/app.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(js_gz);
    CHECK(js_gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(Gunzip(js_gz->body) == web.js);

    auto font = c.Get("/fonts/ui.ttf");
    REQUIRE(font);
    CHECK(font->get_header_value("Content-Type") == "font/ttf");

    auto head = c.Head("/app.wasm");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());

    auto missing = c.Get("/nope.js");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(json::parse(missing->body)["error"]["code"] == "not_found");

    auto api_missing = c.Get("/api/nope", {{"Accept-Language", "en-US,en;q=0.9"}});
    REQUIRE(api_missing);
    CHECK(api_missing->status == 404);
    CHECK(json::parse(api_missing->body)["error"]["message"] == "Nothing here.");
    auto api_missing_zh = c.Get("/api/nope", {{"Accept-Language", "zh-CN"}});
    REQUIRE(api_missing_zh);
    CHECK(json::parse(api_missing_zh->body)["error"]["message"] == "这里什么也没有。");
    // Every bundled language, negotiated from what browsers send.
    for (const auto& language : std::vector<std::pair<std::string, std::string>>{
             {"zh-TW,zh;q=0.9", "這裡什麼都沒有。"}, {"de-AT,de;q=0.9,en;q=0.5", "Hier gibt es nichts."},
             {"fr-CH, fr;q=0.9", "Il n’y a rien ici."}, {"ja-JP", "お探しのページは見つかりませんでした。"},
             {"ko-KR,ko;q=0.9", "여기에는 아무것도 없습니다."}, {"ru-RU,ru;q=0.9,en-US;q=0.8", "Здесь ничего нет."},
             {"ar-SA,ar;q=0.9", "لا يوجد شيء هنا."}, {"pt-BR,pt;q=0.9", "这里什么也没有。"}}) {
        auto r = c.Get("/api/nope", {{"Accept-Language", language.first}});
        REQUIRE(r);
        CHECK_MESSAGE(json::parse(r->body)["error"]["message"] == language.second, language.first);
    }

    auto traversal = c.Get("/../../etc/passwd");
    REQUIRE(traversal);
    CHECK(traversal->status != 200);
}

TEST_CASE("a malformed catalog file stops the server before it serves, naming file, product and field")
{
    // Refused before a store is opened: one back end is enough.
    TempDir data;
    WebFixture web;
    json doc = json::parse(ReadFile(SampleCatalog()));
    doc["products"][4]["hs_code"] = "19011";
    std::string bad = data.path + "/bad-catalog.json";
    WriteFile(bad, doc.dump());
    RunResult r = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path + "/store", "--web-dir", web.dir.path,
                                       "--seed-catalog", bad});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("serving") == std::string::npos);
    CHECK(r.err.find(bad) != std::string::npos);
    CHECK(r.err.find("products[4]") != std::string::npos);
    CHECK(r.err.find(doc["products"][4]["sku"].get<std::string>()) != std::string::npos);
    CHECK(r.err.find("hs_code") != std::string::npos);
    CHECK(r.err.find("10 digits") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(data.path + "/store/bondstore.db")); // nothing was written

    WriteFile(bad, "{\"products\": [");
    RunResult syntax = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path, "--web-dir", web.dir.path, "--seed-catalog", bad});
    CHECK(syntax.exit_code == 1);
    CHECK(syntax.err.find("not valid JSON") != std::string::npos);
}

TEST_CASE("product images are served under /images/ from --images-dir; the sample catalog's all exist")
{
    // Images are files, not the store's: one back end is enough.
    TempDir data;
    WebFixture web;
    ServerProcess s = ServerProcess::Start({"--data-dir", data.path + "/store", "--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()});
    auto c = Client(s);
    json catalog = json::parse(ReadFile(SampleCatalog()));
    for (const json& p : catalog["products"]) {
        REQUIRE(p.contains("images"));
        std::string url = p["images"][0].get<std::string>();
        auto image = c.Get(url);
        REQUIRE(image);
        CHECK_MESSAGE(image->status == 200, url);
        CHECK(image->get_header_value("Content-Type") == "image/png");
        CHECK(image->body.substr(1, 3) == "PNG");
        CHECK(!image->get_header_value("ETag").empty());
    }
    for (const char* path : {"/images/nope.png", "/images/../catalog/sample.json", "/images/"}) {
        auto missing = c.Get(path);
        REQUIRE(missing);
        CHECK_MESSAGE(missing->status == 404, path);
    }
    // Another directory, or none.
    WriteFile(data.path + "/pictures/a.webp", "RIFF....WEBP");
    ServerProcess other = ServerProcess::Start({"--data-dir", data.path + "/store2", "--web-dir", web.dir.path, "--images-dir", data.path + "/pictures"});
    auto webp = Client(other).Get("/images/a.webp");
    REQUIRE(webp);
    CHECK(webp->status == 200);
    CHECK(webp->get_header_value("Content-Type") == "image/webp");
    ServerProcess none = ServerProcess::Start({"--data-dir", data.path + "/store3", "--web-dir", web.dir.path, "--images-dir", ""});
    auto no_images = Client(none).Get("/images/SK-LAM-CR-60.png");
    REQUIRE(no_images);
    CHECK(no_images->status == 404);
    RunResult missing_dir = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path + "/store4", "--web-dir", web.dir.path,
                                                 "--images-dir", data.path + "/no-such-dir"});
    CHECK(missing_dir.exit_code == 1);
    CHECK(missing_dir.err.find("no-such-dir") != std::string::npos);
}

TEST_CASE("kiosks: /kiosk is the app's page, and their idle time is the server's")
{
    // The page is a file and the idle time a flag, neither the store's: one back end is enough.
    TempDir data;
    WebFixture web;
    ServerProcess s = ServerProcess::Start({"--data-dir", data.path + "/store", "--web-dir", web.dir.path, "--kiosk-idle", "45"});
    auto c = Client(s);
    auto page = c.Get("/kiosk");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<title>Bondstore</title>") != std::string::npos);
    auto settings = c.Get("/api/kiosk");
    REQUIRE(settings);
    CHECK(json::parse(settings->body) == json::parse(R"({"idle_seconds":45,"warning_seconds":20})"));
    ServerProcess d = ServerProcess::Start({"--data-dir", data.path + "/store2", "--web-dir", web.dir.path}, {"BONDSTORE_KIOSK_IDLE=120"});
    CHECK(json::parse(Client(d).Get("/api/kiosk")->body)["idle_seconds"] == 120);
    for (const char* bad : {"5", "3601", "90s", ""}) {
        RunResult r = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path + "/store3", "--web-dir", web.dir.path, "--kiosk-idle", bad});
        CHECK_MESSAGE(r.exit_code != 0, bad);
        CHECK(r.err.find("--kiosk-idle") != std::string::npos);
    }
}

TEST_CASE("a broken tax table stops the server, naming the heading, period and field")
{
    // Refused before a store is opened: one back end is enough.
    TempDir data;
    WebFixture web;
    json table = json::parse(ReadFile(BONDSTORE_SOURCE_DIR "/assets/tax/tax-table.json"));
    for (json& h : table["headings"])
        if (h["hs"] == "2208") h["periods"][0]["ct"]["rate"] = "1.2";
    WriteFile(data.path + "/table.json", table.dump());
    RunResult r = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path + "/store", "--web-dir", web.dir.path,
                                       "--tax-table", data.path + "/table.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("table.json") != std::string::npos);
    CHECK(r.err.find("2208") != std::string::npos);
    CHECK(r.err.find("periods[0].ct.rate") != std::string::npos);
    CHECK(r.err.find("1.2") != std::string::npos);
    CHECK(Run(ServerBinary(), {"--port", "0", "--data-dir", data.path, "--web-dir", web.dir.path,
                               "--tax-table", data.path + "/missing.json"}).exit_code == 1);
}

TEST_CASE("flags, environment variables and --help")
{
    // How flags and the environment are read, not the store (BONDSTORE_DATA_DIR shows by its SQLite file): one back end is enough.
    RunResult help = Run(ServerBinary(), {"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--data-dir") != std::string::npos);
    CHECK(help.out.find("BONDSTORE_PORT") != std::string::npos);

    CHECK(Run(ServerBinary(), {"--port", "http"}).exit_code == 2);
    CHECK(Run(ServerBinary(), {"--port", "70000"}).exit_code == 2);
    CHECK(Run(ServerBinary(), {"--frobnicate"}).exit_code == 2);
    CHECK(Run(ServerBinary(), {"--port"}).exit_code == 2);
    CHECK(Run(ServerBinary(), {}, {"BONDSTORE_PORT=x"}).exit_code == 2);

    TempDir data;
    WebFixture web;
    ServerProcess s = ServerProcess::Start({"--port", "0"}, {"BONDSTORE_DATA_DIR=" + data.path, "BONDSTORE_WEB_DIR=" + web.dir.path,
                                                             "BONDSTORE_SEED_CATALOG=" + SampleCatalog()});
    CHECK(std::filesystem::exists(data.path + "/bondstore.db"));
    CHECK(s.Stop(SIGINT) == 0);
    CHECK(s.Stderr().find("stopped") != std::string::npos);

    RunResult no_web = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path, "--web-dir", data.path + "/nope"});
    CHECK(no_web.exit_code == 1);
    CHECK(no_web.err.find("web app directory") != std::string::npos);
}

TEST_CASE("data survives a restart and the seed is loaded only into an empty store")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WebFixture web;
        {
            ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()}));
            CHECK(s.Stop(SIGTERM) == 0);
        }
        // A different, valid seed on restart is validated but not loaded over existing data.
        json doc = json::parse(ReadFile(SampleCatalog()));
        doc["products"].erase(doc["products"].begin() + 1, doc["products"].end());
        doc["stock"] = json::array();
        WriteFile(b.dir->path + "/small.json", doc.dump());
        ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--seed-catalog", b.dir->path + "/small.json"}));
        auto c = Client(s);
        auto catalog = c.Get("/api/catalog");
        REQUIRE(catalog);
        CHECK(json::parse(catalog->body)["products"].size() > 1);
        CHECK(s.Stop(SIGTERM) == 0);
    }
}

TEST_CASE("search: the catalog carries pinyin keys, and \"nf\" finds 奶粉 over HTTP")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WebFixture web;
        ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()}));
        auto c = Client(s);
        json catalog = json::parse(c.Get("/api/catalog")->body);
        CHECK(catalog["products"][0]["search"]["initials"].get<std::string>().find("nf") != std::string::npos);
        CHECK(catalog["products"][0]["search"]["rank"].contains("zh-Hans"));

        json nf = json::parse(c.Get("/api/search?q=nf&limit=5")->body);
        REQUIRE(nf["hits"].size() == 5);
        for (const json& hit : nf["hits"]) CHECK(hit["title"]["zh-Hans"].get<std::string>().find("奶粉") != std::string::npos);

        json sorted = json::parse(c.Get("/api/search?sort=price_desc&limit=1")->body);
        CHECK(sorted["hits"][0]["sku"] == "WA-LON-MAS-AUTO"); // ¥14,800, the dearest
        json skincare = json::parse(c.Get("/api/search?category=skincare&origin=JP")->body);
        CHECK(skincare["total"].get<int>() >= 1);
        CHECK(skincare["facets"]["category"].contains("infant_formula"));
        CHECK(c.Get("/api/search?sort=random")->status == 400);
        CHECK(c.Get("/api/search?limit=100000")->status == 400);
        CHECK(c.Get("/api/search?price_band=9")->status == 400);
    }
}

TEST_CASE("the catalog's first page: a small catalog whole, a large one a page at a time, searched on the server as in the browser")
{
    const size_t sample_size = json::parse(ReadFile(SampleCatalog()))["products"].size();
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        WebFixture web;
        {
            ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--seed-catalog", SampleCatalog()}));
            auto c = Client(s);
            // The very first request after the start already gets a compressed body.
            auto first = c.Get("/api/catalog/page", {{"Accept-Encoding", "br"}});
            REQUIRE(first);
            CHECK(first->get_header_value("Content-Encoding") == "br");
            json page = json::parse(Unbrotli(first->body));
            CHECK(page["complete"] == true);
            CHECK(page["product_count"] == sample_size);
            CHECK(page["products"].size() == sample_size);
            CHECK(page["products"][0].contains("merchant")); // in full
            CHECK(page["warehouses"].size() == 2);
            CHECK(s.Stop(SIGTERM) == 0);
        }
        // The same store with a threshold below its size: paged.
        ServerProcess s = ServerProcess::Start(StoreArgs(b, {"--web-dir", web.dir.path, "--whole-catalog-max", "10"}));
        auto c = Client(s);
        json page = json::parse(c.Get("/api/catalog/page")->body);
        CHECK(page["complete"] == false);
        CHECK(page["product_count"] == sample_size);
        CHECK(page["total"] == sample_size);
        CHECK(page["offset"] == 0);
        REQUIRE(page["products"].size() == sample_size); // the default page holds 50
        CHECK_FALSE(page["products"][0].contains("merchant")); // listing form
        CHECK_FALSE(page["products"][0].contains("barcode"));
        CHECK(page["products"][0].contains("search"));         // the browser indexes what it has loaded
        CHECK(page["availability"]["items"].size() == sample_size);
        CHECK(page["availability"]["items"][0]["sku"] == page["products"][0]["sku"]);
        CHECK(page["facets"]["category"]["infant_formula"] == 5);

        // A search's second and third rows: the rows of the same search asked in one go.
        json all = json::parse(c.Get("/api/search?q=nf&limit=3")->body);
        json rows = json::parse(c.Get("/api/catalog/page?q=nf&limit=2&offset=1&locale=zh-Hans")->body);
        CHECK(rows["total"] == all["total"]);
        CHECK(rows["offset"] == 1);
        REQUIRE(rows["products"].size() == 2);
        CHECK(rows["products"][0]["sku"] == all["hits"][1]["sku"]);
        CHECK(rows["products"][1]["sku"] == all["hits"][2]["sku"]);
        json dearest = json::parse(c.Get("/api/catalog/page?sort=price_desc&limit=1")->body);
        CHECK(dearest["products"][0]["sku"] == "WA-LON-MAS-AUTO");
        json past = json::parse(c.Get("/api/catalog/page?offset=1000")->body);
        CHECK(past["products"].empty());
        CHECK(past["total"] == sample_size);
        for (const char* bad : {"/api/catalog/page?offset=-1", "/api/catalog/page?offset=x", "/api/catalog/page?limit=501",
                                "/api/catalog/page?offset=99999999", "/api/catalog/page?sort=random"})
            CHECK_MESSAGE(c.Get(bad)->status == 400, bad);

        // One product in full, for its page.
        auto product = c.Get("/api/products/IF-APT-PF3-800");
        REQUIRE(product);
        CHECK(product->status == 200);
        json p = json::parse(product->body);
        CHECK(p["barcode"] == "4008976021100");
        CHECK(p["customs_name"] == "幼儿配方奶粉");
        CHECK(c.Get("/api/products/NO-SUCH-SKU")->status == 404);

        // Availability of some SKUs (a paged client's cart); an unknown SKU has none.
        json some = json::parse(c.Get("/api/inventory?skus=IF-APT-PF3-800,NO-SUCH-SKU")->body); // read from the store
        REQUIRE(some["items"].size() == 2);
        CHECK(some["items"][0]["available"].get<int>() > 0);
        CHECK(some["items"][1]["available"] == 0);
        json everything = json::parse(c.Get("/api/inventory")->body);
        CHECK(everything["items"].size() == sample_size);
        json cached = json::parse(c.Get("/api/inventory?skus=IF-APT-PF3-800,NO-SUCH-SKU")->body); // from the whole, just read
        CHECK(cached == some);
        CHECK(c.Get("/api/inventory?skus=")->status == 400);
        CHECK(c.Get("/api/inventory?skus=A,,B")->status == 400);
        CHECK(s.Stop(SIGTERM) == 0);
    }
}
