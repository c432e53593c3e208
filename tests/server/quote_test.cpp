// Tax quotes through the two outside doors: `bondstore-admin quote` (inline lines, stdin → stdout)
// and POST /api/quote (catalog SKUs over HTTP, on both back ends). Every vector of VECTORS.md A, B
// and D, to the fen.
#include <doctest/doctest.h>

#include "tests/server/order_fixture.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

struct Vector {
    const char* name;
    json line;           // inline line: price_fen, qty, hs_code, legal_qty, legal_unit, overrides…
    const char* date;
    int64_t freight, annual_used, insurance;
    const char* regime;
    int64_t tariff, ct, vat, total; // -1: not checked
};

json L(int64_t price, const char* hs, const char* legal_qty = "1", const char* legal_unit = "piece", int64_t qty = 1)
{
    return {{"price_fen", price}, {"qty", qty}, {"hs_code", hs}, {"legal_qty", legal_qty}, {"legal_unit", legal_unit}};
}

json With(json line, std::initializer_list<std::pair<const char*, json>> extra)
{
    for (auto& [k, v] : extra) line[k] = v;
    return line;
}

const std::vector<Vector>& Vectors()
{
    static const std::vector<Vector> v = {
        {"V01", L(42500, "3304990099", "20", "g"), "2025-11-18", 0, 0, 0, "within_limits", 0, 5250, 4550, 9800},
        {"V02", L(50000, "1905310000"), "2024-06-01", 0, 0, 0, "within_limits", 0, 0, 4550, 4550},
        {"V03", L(100000, "1905310000"), "2017-06-01", 0, 0, 0, "within_limits", 0, 0, 11900, 11900},
        {"V04a", L(100000, "3304990099", "500", "ml"), "2018-06-01", 0, 0, 0, "within_limits", 0, 0, 11200, 11200},
        {"V04b", L(100000, "3304990099", "500", "ml"), "2019-05-01", 0, 0, 0, "within_limits", 0, 0, 9100, 9100},
        {"V05", L(100000, "3304100091", "3.8", "g"), "2016-06-01", 0, 0, 0, "within_limits", 0, 30000, 17000, 47000},
        {"V06", L(100000, "3304990099", "50", "ml"), "2017-06-01", 0, 0, 0, "within_limits", 0, 12353, 14000, 26353},
        {"V07", L(100000, "3304990099", "50", "ml"), "2016-06-01", 0, 0, 0, "within_limits", 0, 0, 11900, 11900},
        {"V08a", L(300000, "4202210090"), "2019-02-01", 0, 0, 0, "within_limits", 0, 0, 33600, 33600},
        {"V08b", L(300000, "4202210090"), "2019-04-01", 0, 0, 0, "within_limits", 0, 0, 27300, 27300},
        {"V09a", L(70000, "3304990099", "50", "ml"), "2025-01-01", 0, 0, 0, "within_limits", 0, 8647, 7494, 16141},
        {"V09b", L(70000, "3304990099", "83.5", "g"), "2025-01-01", 0, 0, 0, "within_limits", 0, 0, 6370, 6370},
        {"V10a", L(10000, "3304990099", "10", "sheet"), "2025-01-01", 0, 0, 0, "within_limits", 0, 0, 910, 910},
        {"V10b", With(L(10000, "3304990099", "250", "g"), {{"second_qty", "1"}, {"second_unit", "sheet"}}), "2025-01-01", 0, 0, 0, "within_limits", 0, 1235, 1071, 2306},
        {"V11", L(300000, "4202210090"), "2018-12-15", 0, 0, 0, "general_trade_full_tax", 30000, 0, 52800, 82800},
        {"V12", With(L(1000000, "3304990099", "1000", "ml"), {{"tariff_rate", "0.02"}, {"ct_rate", "0"}}), "2016-06-01", 10000, 0, 10000, "general_trade_full_tax", 20400, 0, 176868, 197268},
        {"V13", With(L(200000000, "3304990099", "1", "L"), {{"tariff_rate", "0.5"}, {"ct_rate", "0.15"}}), "2017-01-01", 0, 0, 600000, "general_trade_full_tax", 100300000, 53100000, 60180000, 213580000},
        {"V14", With(L(12000, "3304990099", "1", "L"), {{"ct_rate", "0.15"}, {"vat_rate", "0"}, {"tariff_rate", "0"}}), "2017-01-01", 0, 1995000, 0, "general_trade_full_tax", 0, 2118, 0, 2118},
        {"V17", L(30000, "2204210000", "0.75", "L"), "2025-01-01", 0, 0, 0, "within_limits", 0, 2333, 3033, 5366},
        {"V18", L(20000, "1509200000", "1", "L"), "2025-01-01", 0, 0, 0, "within_limits", 0, 0, 1260, 1260},
        {"V19", L(25000, "1901101010", "800", "g", 2), "2025-01-01", 2000, 0, 0, "within_limits", 0, 0, 4732, 4732},
        {"V20", L(40000, "2208300000", "0.7", "L"), "2025-01-01", 0, 0, 0, "within_limits", 0, 7056, 4557, 11613},
        {"V21", L(12000, "2203000000", "12", "L"), "2025-01-01", 0, 0, 0, "within_limits", 0, 213, 1120, 1333},
        {"V22", L(1200000, "9102210090"), "2025-01-01", 0, 0, 0, "single_item_full_tax", 132000, 333000, 216450, 681450},
        {"V23", L(1200000, "9102210090"), "2025-01-01", 0, 2000000, 0, "rejected", 0, 0, 0, 0},
        {"V24", L(260000, "1901101010", "800", "g", 2), "2025-01-01", 0, 0, 0, "rejected", 0, 0, 0, 0},
        {"V25", L(500000, "1905310000"), "2025-01-01", 0, 2100000, 0, "within_limits", 0, 0, 45500, 45500},
        {"V26", With(L(600000, "8516310000"), {{"tariff_rate", "0"}}), "2025-01-01", 0, 0, 0, "single_item_full_tax", 0, 0, 78000, 78000},
        {"V27a", L(30000, "3304990099", "30", "ml"), "2025-01-01", 0, 0, 0, "within_limits", 0, 3706, 3212, 6918},
        {"V27b", L(30000, "3304990099", "30.03", "ml"), "2025-01-01", 0, 0, 0, "within_limits", 0, 0, 2730, 2730},
        {"V28", L(19900, "1905310000", "1", "piece", 2), "2017-01-01", 1000, 0, 0, "within_limits", 0, 0, 4855, 4855},
    };
    return v;
}

void CheckQuote(const Vector& v, const json& q)
{
    CAPTURE(v.name);
    CHECK(q["regime"] == v.regime);
    CHECK(q["tariff_fen"] == v.tariff);
    CHECK(q["consumption_tax_fen"] == v.ct);
    CHECK(q["vat_fen"] == v.vat);
    CHECK(q["tax_total_fen"] == v.total);
}

json Request(const Vector& v, json line)
{
    return {{"date", v.date}, {"annual_used_fen", v.annual_used}, {"freight_fen", v.freight},
            {"insurance_fen", v.insurance}, {"lines", json::array({line})}};
}

} // namespace

TEST_CASE("bondstore-admin quote gives every vector to the fen")
{
    // Inline lines, no store opened: nothing to run on two back ends.
    for (const Vector& v : Vectors()) {
        CAPTURE(v.name);
        RunResult r = Run(AdminBinary(), {"quote"}, {}, 20, Request(v, v.line).dump());
        CHECK(r.exit_code == (std::string(v.regime) == "rejected" ? 3 : 0));
        json q = json::parse(r.out, nullptr, false);
        REQUIRE_MESSAGE(!q.is_discarded(), r.out << r.err);
        CheckQuote(v, q);
    }
    for (const Vector& v : Vectors()) {
        if (std::string(v.name) != "V23" && std::string(v.name) != "V24") continue;
        RunResult r = Run(AdminBinary(), {"quote"}, {}, 20, Request(v, v.line).dump());
        CHECK(json::parse(r.out)["reason"] == (std::string(v.name) == "V23" ? "annual_limit_exceeded" : "single_limit_exceeded"));
    }
}

TEST_CASE("bondstore-admin quote refuses bad input with a clear message and a non-zero exit")
{
    // Refused before any store is opened: nothing to run on two back ends.
    RunResult not_json = Run(AdminBinary(), {"quote"}, {}, 20, "{\"date\": ");
    CHECK(not_json.exit_code == 1);
    CHECK(not_json.out.empty());
    CHECK(not_json.err.find("not valid JSON") != std::string::npos);

    RunResult no_date = Run(AdminBinary(), {"quote"}, {}, 20, R"({"lines":[{"price_fen":100,"qty":1,"hs_code":"1905310000"}]})");
    CHECK(no_date.exit_code == 1);
    CHECK(no_date.err.find("date") != std::string::npos);

    RunResult bad_line = Run(AdminBinary(), {"quote"}, {}, 20,
                             R"({"date":"2025-01-01","lines":[{"price_fen":"cheap","qty":0,"hs_code":"1905310000","vat_rate":"13%"}]})");
    CHECK(bad_line.exit_code == 1);
    CHECK(bad_line.err.find("price_fen") != std::string::npos);
    CHECK(bad_line.err.find("vat_rate") != std::string::npos);
    CHECK(bad_line.err.find("lines[0]") != std::string::npos);

    RunResult bad_date = Run(AdminBinary(), {"quote"}, {}, 20, R"({"date":"2019-02-29","lines":[]})");
    CHECK(bad_date.exit_code == 1);
    CHECK(bad_date.err.find("2019-02-29") != std::string::npos);

    CHECK(Run(AdminBinary(), {"quote", "--tax-table", "/nonexistent.json"}, {}, 20, "{}").exit_code == 1);
    CHECK(Run(AdminBinary(), {"quote", "--frobnicate"}).exit_code == 2);
}

TEST_CASE("POST /api/quote gives every table-rate vector to the fen, from catalog SKUs")
{
    // A catalog with one product per vector that uses the table's rates (vectors that override a
    // rate — V12, V13, V14, V26 — can only be asked through bondstore-admin quote).
    json catalog = json::parse(ReadFile(SampleCatalog()));
    json products = json::array();
    std::vector<const Vector*> by_api;
    for (const Vector& v : Vectors()) {
        if (v.line.contains("tariff_rate") || v.line.contains("ct_rate") || v.line.contains("vat_rate")) continue;
        json p = catalog["products"][0];
        p.erase("handle");
        p.erase("barcode");
        p["sku"] = std::string("VEC-") + v.name;
        p["price_fen"] = v.line["price_fen"];
        p["hs_code"] = v.line["hs_code"];
        p["legal_qty"] = v.line["legal_qty"];
        p["legal_unit"] = v.line["legal_unit"];
        if (v.line.contains("second_qty")) { p["second_qty"] = v.line["second_qty"]; p["second_unit"] = v.line["second_unit"]; }
        products.push_back(p);
        by_api.push_back(&v);
    }
    catalog["products"] = products;
    catalog["stock"] = json::array();
    TempDir files;
    WriteFile(files.path + "/vectors.json", catalog.dump());
    WriteFile(files.path + "/web/index.html", "<!doctype html>");
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        std::vector<std::string> args = b.ServerArgs();
        args.insert(args.end(), {"--web-dir", files.path + "/web", "--seed-catalog", files.path + "/vectors.json"});
        ServerProcess s = ServerProcess::Start(args);
        httplib::Client c(s.url);
        for (const Vector* v : by_api) {
            json line = {{"sku", std::string("VEC-") + v->name}, {"qty", v->line["qty"]}};
            auto res = c.Post("/api/quote", Request(*v, line).dump(), "application/json");
            REQUIRE(res);
            CAPTURE(res->body);
            CHECK(res->status == 200);
            CheckQuote(*v, json::parse(res->body));
        }
        CHECK(by_api.size() >= 25);

        // Without a date, the server uses today's date in China.
        auto today = c.Post("/api/quote", R"({"lines":[{"sku":"VEC-V02","qty":1}]})", "application/json");
        REQUIRE(today);
        CHECK(today->status == 200);
        CHECK(json::parse(today->body)["date"].get<std::string>().size() == 10);
        CHECK(s.Stop(SIGTERM) == 0);
    }
}

TEST_CASE("POST /api/quote refuses what it cannot quote, with problems named")
{
    TempDir files;
    WriteFile(files.path + "/web/index.html", "<!doctype html>");
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        std::vector<std::string> args = b.ServerArgs();
        args.insert(args.end(), {"--web-dir", files.path + "/web", "--seed-catalog", SampleCatalog()});
        ServerProcess s = ServerProcess::Start(args);
        httplib::Client c(s.url);
        auto post = [&](const std::string& body) { return c.Post("/api/quote", {{"Accept-Language", "en"}}, body, "application/json"); };

        auto unknown = post(R"({"lines":[{"sku":"NOPE","qty":1}]})");
        REQUIRE(unknown);
        CHECK(unknown->status == 422);
        json u = json::parse(unknown->body);
        CHECK(u["error"]["code"] == "invalid_request");
        CHECK(u["error"]["problems"][0]["code"] == "cart.unknown_sku");
        CHECK(u["error"]["problems"][0]["message"].get<std::string>().find("NOPE") != std::string::npos);

        auto bad = post(R"({"date":"tomorrow","lines":[{"sku":"IF-APT-PF3-800","qty":0,"price_fen":1}]})");
        REQUIRE(bad);
        CHECK(bad->status == 400);
        std::string body = bad->body;
        CHECK(body.find("json.expected_date") != std::string::npos);
        CHECK(body.find("quote.qty_not_positive") != std::string::npos);
        CHECK(body.find("json.unknown_field") != std::string::npos); // a client price is not accepted

        CHECK(post("not json")->status == 400);
        CHECK(post(R"({"lines":"x"})")->status == 400);
        CHECK(post(std::string(70000, ' '))->status == 413);

        // A valid request that the rules refuse is still a quote: 200 with the reason.
        auto over = post(R"({"date":"2025-01-01","lines":[{"sku":"WA-LON-MAS-AUTO","qty":2}]})");
        REQUIRE(over);
        CHECK(over->status == 200);
        CHECK(json::parse(over->body)["reason"] == "single_limit_exceeded");

        auto table = c.Get("/api/tax-table");
        REQUIRE(table);
        CHECK(table->status == 200);
        CHECK(json::parse(table->body)["cbec_factor"] == "0.7");
    }
}
