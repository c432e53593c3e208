// Merchant onboarding from a plain export, over real HTTP on both stores: the store serves its HS
// keyword table (and refuses to start with one naming a heading its tax table lacks); a plain
// Shopify export is refused with one problem for its customs columns; bondstore-admin catalog
// fixup gives it back with suggestions, which the store refuses until reviewed and accepts after.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

const char* const kPlain =
    "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"
    "manuka-honey,Manuka Honey UMF 10+ 500g,\"<p>Raw honey, from <b>New Zealand</b>.</p>\",Comvita,Honey,honey,Title,Default Title,SRV-HONEY,168.00\n"
    "hydra-cream,Hydrating Face Cream 50ml,<p>Made in France.</p>,Maison,Skin care,,Title,Default Title,,228.00\n";

std::vector<std::string> Codes(const httplib::Result& r)
{
    std::vector<std::string> codes;
    const json report = json::parse(r->body); // (kept: a range over a temporary's member would dangle)
    for (const json& p : report["problems"]) codes.push_back(p["code"].get<std::string>());
    return codes;
}

} // namespace

TEST_CASE("onboarding: the HS keyword table served; a plain export refused with one problem; its fix-up file refused until reviewed, then imported")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        TempDir files;
        WriteFile(files.path + "/web/index.html", "<!doctype html>");
        std::vector<std::string> store = AdminStoreArgs(b);
        auto admin = [&](std::vector<std::string> args) {
            args.insert(args.end(), store.begin(), store.end());
            return Run(AdminBinary(), args);
        };
        RunResult created = admin({"tokens", "create", "--merchant", "plain"});
        REQUIRE(created.exit_code == 0);
        const std::string token = created.out.substr(0, created.out.find('\n'));
        std::vector<std::string> args = b.ServerArgs();
        args.insert(args.end(), {"--web-dir", files.path + "/web", "--seed-catalog", SampleCatalog()});
        ServerProcess server = ServerProcess::Start(args);
        httplib::Client c(server.url);
        c.set_read_timeout(30, 0);
        const httplib::Headers merchant = {{"Authorization", "Bearer " + token}, {"Accept-Language", "en"}};

        // The keyword table, revalidated by its ETag.
        auto keywords = c.Get("/api/hs-keywords");
        REQUIRE(keywords);
        REQUIRE(keywords->status == 200);
        CHECK(json::parse(keywords->body)["headings"].size() == 25);
        CHECK(c.Get("/api/hs-keywords", {{"If-None-Match", keywords->get_header_value("ETag")}})->status == 304);

        // The plain export: refused, its customs columns said once (and the missing SKU).
        auto plain = c.Post("/api/merchant/catalog", merchant, kPlain, "text/csv");
        REQUIRE(plain);
        CHECK(plain->status == 422);
        const std::vector<std::string> once = {"import.no_customs_columns", "catalog.sku_missing"};
        CHECK_MESSAGE(Codes(plain) == once, plain->body);

        // Its fix-up file: the suggestions listed; refused while they wait for review.
        WriteFile(files.path + "/products_export.csv", kPlain);
        RunResult fixed = Run(AdminBinary(), {"catalog", "fixup", files.path + "/products_export.csv"});
        REQUIRE_MESSAGE(fixed.exit_code == 0, fixed.err);
        CHECK(fixed.err.find("SRV-HONEY") != std::string::npos);
        CHECK(fixed.err.find("0409000000") != std::string::npos);
        CHECK(fixed.err.find("HYDRA-CREAM") != std::string::npos);
        const std::string fixup = ReadFile(files.path + "/products_export-fixup.csv");
        auto pending = c.Post("/api/merchant/catalog", merchant, fixup, "text/csv");
        REQUIRE(pending);
        CHECK(pending->status == 422);
        const std::vector<std::string> reviews = {"import.review_pending", "import.review_pending"};
        CHECK_MESSAGE(Codes(pending) == reviews, pending->body);

        // Reviewed: each row's Chinese title written, its review column emptied — imported.
        std::string accepted;
        size_t at = 0;
        for (size_t end; (end = fixup.find('\n', at)) != std::string::npos; at = end + 1) {
            std::string line = fixup.substr(at, end - at);
            if (at > 0) line = line.substr(0, line.rfind(",,")) + ",中文名称,"; // (title_zh, review)
            accepted += line + "\n";
        }
        auto imported = c.Post("/api/merchant/catalog", merchant, accepted, "text/csv");
        REQUIRE(imported);
        CHECK_MESSAGE(imported->status == 200, imported->body);
        CHECK(json::parse(imported->body)["created"] == 2);

        // A file that already has the customs columns needs no fix-up; a missing file is said.
        CHECK(Run(AdminBinary(), {"catalog", "fixup", files.path + "/products_export-fixup.csv"}).exit_code == 1);
        CHECK(Run(AdminBinary(), {"catalog", "fixup", files.path + "/missing.csv"}).exit_code == 2);
    }
}

TEST_CASE("onboarding: a keyword table naming a heading the tax table lacks stops the server")
{
    TempDir data;
    WriteFile(data.path + "/web/index.html", "<!doctype html>");
    WriteFile(data.path + "/kw.json", R"({"headings":[{"hs":"6110","keywords":{"en":["sweater"]}}]})");
    RunResult r = Run(ServerBinary(), {"--port", "0", "--data-dir", data.path + "/store", "--web-dir", data.path + "/web",
                                       "--hs-keywords", data.path + "/kw.json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("6110") != std::string::npos);
}
