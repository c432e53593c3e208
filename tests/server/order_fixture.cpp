#include "tests/server/order_fixture.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace bondstore::test {

namespace {

// The throwaway PostgreSQL server of this test run.
struct Postgres {
    std::unique_ptr<TempDir> dir;
    std::string error;
    std::atomic<int> databases{0};

    Postgres()
    {
        dir = std::make_unique<TempDir>();
        // As root, the server runs as "postgres", which must be able to reach its directory.
        std::filesystem::permissions(dir->path, std::filesystem::perms(0755));
        RunResult r = Run(std::string(BONDSTORE_SOURCE_DIR) + "/scripts/postgres.sh", {"start", dir->path + "/pg"}, {}, 120);
        if (r.exit_code != 0) error = r.err + r.out;
    }
    // Runs at exit, after doctest's context is gone: no test macros here, so not Run() either.
    ~Postgres()
    {
        std::string stop = "'" + std::string(BONDSTORE_SOURCE_DIR) + "/scripts/postgres.sh' stop '" + dir->path + "/pg' >/dev/null 2>&1";
        if (std::system(stop.c_str()) != 0) std::fprintf(stderr, "could not stop the tests' PostgreSQL in %s\n", dir->path.c_str());
    }
    void Restart()
    {
        RunResult r = Run(std::string(BONDSTORE_SOURCE_DIR) + "/scripts/postgres.sh", {"restart", dir->path + "/pg"}, {}, 120);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
    std::string NewDatabase()
    {
        std::string name = "t" + std::to_string(++databases);
        RunResult r = Run(std::string(BONDSTORE_SOURCE_DIR) + "/scripts/postgres.sh", {"createdb", dir->path + "/pg", name}, {}, 60);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        std::string conninfo = r.out.substr(0, r.out.find('\n'));
        return conninfo;
    }
};

Postgres& ThePostgres()
{
    static Postgres pg;
    REQUIRE_MESSAGE(pg.error.empty(), "cannot start PostgreSQL for the tests: " << pg.error);
    return pg;
}

std::string Trim(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

} // namespace

std::vector<std::string> Backend::ServerArgs() const
{
    std::vector<std::string> args = {"--data-dir", dir->path + "/store"};
    if (kind == "postgresql") {
        args.push_back("--database");
        args.push_back(conninfo);
    }
    return args;
}

std::string Backend::Sql(const std::string& query) const
{
    RunResult r = kind == "sqlite" ? Run("/usr/bin/sqlite3", {"-readonly", dir->path + "/store/bondstore.db", query})
                                   : Run("/usr/bin/psql", {conninfo, "-At", "-c", query});
    REQUIRE_MESSAGE(r.exit_code == 0, query << ": " << r.err);
    return Trim(r.out);
}

std::string Backend::StoredBytes() const
{
    if (kind == "sqlite") {
        std::string bytes;
        for (const char* suffix : {"", "-wal", "-journal"}) {
            std::string path = dir->path + "/store/bondstore.db" + suffix;
            if (std::filesystem::exists(path)) bytes += ReadFile(path);
        }
        return bytes;
    }
    RunResult r = Run("/usr/bin/pg_dump", {"--dbname=" + conninfo, "--data-only"}, {}, 60);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return r.out;
}

void Backend::SqlWrite(const std::string& statement) const
{
    RunResult r = kind == "sqlite" ? Run("/usr/bin/sqlite3", {"-cmd", ".timeout 5000", dir->path + "/store/bondstore.db", statement})
                                   : Run("/usr/bin/psql", {conninfo, "-At", "-c", statement});
    REQUIRE_MESSAGE(r.exit_code == 0, statement << ": " << r.err);
}

Backend SqliteBackend()
{
    Backend b;
    b.kind = "sqlite";
    b.dir = std::make_unique<TempDir>();
    return b;
}

std::vector<Backend> BothBackends()
{
    std::vector<Backend> out(2);
    out[0].kind = "sqlite";
    out[0].dir = std::make_unique<TempDir>();
    out[1].kind = "postgresql";
    out[1].dir = std::make_unique<TempDir>();
    out[1].conninfo = ThePostgres().NewDatabase();
    return out;
}

Backend PostgresBackend()
{
    Backend b;
    b.kind = "postgresql";
    b.dir = std::make_unique<TempDir>();
    b.conninfo = ThePostgres().NewDatabase();
    return b;
}

void RestartPostgres() { ThePostgres().Restart(); }

void WriteOrderCatalog(const std::string& path)
{
    nlohmann::json sample = nlohmann::json::parse(ReadFile(SampleCatalog()));
    nlohmann::json tmpl = sample["products"][0];
    tmpl.erase("barcode");
    nlohmann::json catalog;
    catalog["warehouses"] = sample["warehouses"];
    catalog["products"] = nlohmann::json::array();
    catalog["stock"] = nlohmann::json::array();
    auto add = [&](const std::string& sku, int64_t price_fen, const std::string& warehouse, int64_t units) {
        nlohmann::json p = tmpl;
        p["sku"] = sku;
        p["handle"] = sku;
        p["price_fen"] = price_fen;
        p["title"] = {{"zh-Hans", "测试商品 " + sku}, {"en", "Test item " + sku}};
        catalog["products"].push_back(p);
        catalog["stock"].push_back({{"sku", sku}, {"warehouse", warehouse}, {"on_hand", units}});
    };
    for (int i = 0; i < 50; i++) {
        char sku[16];
        std::snprintf(sku, sizeof sku, "T-%03d", i);
        add(sku, 5000, "CQ-LL", 2);
    }
    add("T-BIG", 490000, "CQ-LL", 100);
    add("T-LUXE", 620000, "CQ-LL", 5); // one item over the ¥5,000 order limit: full tax (2019 rules)
    add("T-XY", 5000, "CQ-XY", 10);
    add("T-OTHER", 5000, "CQ-LL", 10);
    catalog["products"].back()["merchant"] = "other"; // everything else is "demo"'s
    WriteFile(path, catalog.dump());
}

std::string ValidIdNumber(int n)
{
    char first17[32];
    std::snprintf(first17, sizeof first17, "110101199001%02d%03d", 1 + (unsigned(n) / 1000) % 28, unsigned(n) % 1000);
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (first17[i] - '0') * w[i];
    return std::string(first17) + "10X98765432"[sum % 11];
}

std::string OrderBody(const std::vector<std::pair<std::string, int>>& lines, int buyer, int64_t expected_total_fen,
                      int64_t freight_fen)
{
    nlohmann::json j;
    j["lines"] = nlohmann::json::array();
    for (const auto& [sku, qty] : lines) j["lines"].push_back({{"sku", sku}, {"qty", qty}});
    j["buyer"] = {{"name", "王小明"}, {"id_number", ValidIdNumber(buyer)}, {"phone", "13800138000"}};
    j["consignee"] = {{"name", "王小明"}, {"phone", "139 0013 9000"}, {"address", "重庆市渝北区两路寸滩保税港区 1 号"}, {"district", "500112"}};
    j["freight_fen"] = freight_fen;
    j["expected_total_fen"] = expected_total_fen;
    return j.dump();
}

int64_t QuotedTotal(const std::string& url, const std::vector<std::pair<std::string, int>>& lines, int64_t freight_fen)
{
    httplib::Client c(url);
    nlohmann::json j;
    j["lines"] = nlohmann::json::array();
    for (const auto& [sku, qty] : lines) j["lines"].push_back({{"sku", sku}, {"qty", qty}});
    j["freight_fen"] = freight_fen;
    auto r = c.Post("/api/quote", j.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return nlohmann::json::parse(r->body)["amount_to_pay_fen"].get<int64_t>();
}

OrderShop::OrderShop(Backend& b, std::vector<std::string> extra, std::vector<std::string> env) : backend(b)
{
    WriteFile(files.path + "/web/index.html", "<!doctype html>");
    WriteOrderCatalog(files.path + "/catalog.json");
    std::vector<std::string> args = b.ServerArgs();
    for (const std::string& a : {std::string("--web-dir"), files.path + "/web", std::string("--seed-catalog"), files.path + "/catalog.json"})
        args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    server = ServerProcess::Start(args, env);
    one_item_total = QuotedTotal(server.url, {{"T-000", 1}});
}

httplib::Result PlaceOrder(httplib::Client& c, const std::string& key, const std::string& body, httplib::Headers headers)
{
    headers.insert({{"Idempotency-Key", key}, {"Accept-Language", "en"}});
    return c.Post("/api/orders", headers, body, "application/json");
}

std::vector<std::string> AdminStoreArgs(const Backend& b)
{
    std::vector<std::string> args = {"--data-dir", b.dir->path + "/store"};
    if (b.kind == "postgresql") { args.push_back("--database"); args.push_back(b.conninfo); }
    return args;
}

std::string MerchantToken(const Backend& b, const std::string& merchant)
{
    std::vector<std::string> args = {"tokens", "create", "--merchant", merchant};
    for (const std::string& a : AdminStoreArgs(b)) args.push_back(a);
    std::string token = Run(AdminBinary(), args).out;
    return token.substr(0, token.find('\n'));
}

std::string KioskToken(const Backend& b, const std::string& url, const std::string& kiosk)
{
    std::vector<std::string> args = {"kiosks", "add", kiosk, "--name", "test kiosk " + kiosk};
    for (const std::string& a : AdminStoreArgs(b)) args.push_back(a);
    RunResult added = Run(AdminBinary(), args);
    REQUIRE_MESSAGE(added.exit_code == 0, added.err);
    std::string code = added.out.substr(0, added.out.find('\n'));
    httplib::Client c(url);
    auto enrolled = c.Post("/api/kiosks/enroll", nlohmann::json{{"code", code}}.dump(), "application/json");
    REQUIRE(enrolled);
    REQUIRE_MESSAGE(enrolled->status == 200, enrolled->body);
    return nlohmann::json::parse(enrolled->body)["token"].get<std::string>();
}

std::string CebXsdFile() { return std::string(BONDSTORE_SOURCE_DIR) + "/../shared/customs/xsd/v202205/ceb_import_202205.xsd"; }

} // namespace bondstore::test
