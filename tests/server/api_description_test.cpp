// The API's description (docs/openapi.json) against the server's own route table (bondstore-server
// --list-routes, server/http/route_table.h), both ways: a route the server answers that the
// description lacks fails, and so does a described route the server does not answer — unless the
// description says which option mounts it ("x-mounted-with"). The server serves the description
// as it is in the repository. (What each route answers is held against the description by the
// contract test, tests/contract/.)
#include <doctest/doctest.h>

#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

using namespace bondstore::test;
using json = nlohmann::json;

namespace {

std::string DescriptionFile() { return std::string(BONDSTORE_SOURCE_DIR) + "/docs/openapi.json"; }

std::set<std::string> ServerRoutes(const std::vector<std::string>& extra = {})
{
    TempDir dir;
    std::vector<std::string> args = {"--data-dir", dir.path, "--list-routes"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = Run(ServerBinary(), args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::set<std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) out.insert(line);
    return out;
}

} // namespace

TEST_CASE("the API description names every route the server answers, and only those")
{
    const json description = json::parse(ReadFile(DescriptionFile()));
    REQUIRE(description.value("openapi", "") == "3.1.0");
    std::set<std::string> described, optional;
    const json paths = description.at("paths");
    for (auto& [path, item] : paths.items())
        for (const char* method : {"get", "post", "put", "patch", "delete"}) {
            if (!item.contains(method)) continue;
            std::string route = std::string(method == std::string("get") ? "GET" : method == std::string("post") ? "POST"
                                             : method == std::string("put") ? "PUT" : method == std::string("patch") ? "PATCH" : "DELETE") + " " + path;
            described.insert(route);
            if (item[method].contains("x-mounted-with")) optional.insert(route);
        }

    const std::set<std::string> answered = ServerRoutes();
    REQUIRE(answered.size() > 50);
    for (const std::string& route : answered) {
        CAPTURE(route);
        CHECK_MESSAGE(described.count(route), "the server answers " << route << ", which docs/openapi.json does not describe");
    }
    for (const std::string& route : described) {
        CAPTURE(route);
        CHECK_MESSAGE((answered.count(route) || optional.count(route)),
                      "docs/openapi.json describes " << route << ", which the server does not answer (and no x-mounted-with says when it would)");
    }
}

TEST_CASE("the server serves the API description as it is in the repository")
{
    TempDir dir;
    ServerProcess server = ServerProcess::Start({"--data-dir", dir.path});
    httplib::Client c(server.url);
    auto r = c.Get("/api/openapi.json");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(r->body == ReadFile(DescriptionFile()));
    CHECK(!r->get_header_value("ETag").empty());
}
