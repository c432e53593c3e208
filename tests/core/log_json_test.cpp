// The server's log lines (core/wire/log_json.h): JSON a log shipper reads as it is.
#include <doctest/doctest.h>

#include "core/wire/log_json.h"

#include <nlohmann/json.hpp>

using namespace bondstore;

TEST_CASE("a log line: time, level and event first, then the fields in order, every text valid JSON")
{
    LogLine line;
    line.time_ms = 1796558400123; // 2026-12-06T12:00:00.123Z
    line.level = "info";
    line.event = "request";
    line.fields = {{"request_id", std::string("r-1")}, {"status", int64_t(200)}, {"replayed", false},
                   {"why", std::string("bad \xff byte, \"quoted\"\nnew line")}};
    std::string json = LogLineToJson(line);
    CHECK(json.rfind(R"({"time":"2026-12-06T12:00:00.123Z","level":"info","event":"request","request_id":"r-1","status":200,"replayed":false,)", 0) == 0);
    CHECK(json.find('\n') == std::string::npos); // one line
    nlohmann::json parsed = nlohmann::json::parse(json);
    CHECK(parsed["why"] == "bad \xEF\xBF\xBD byte, \"quoted\"\nnew line");
}

TEST_CASE("UTC timestamps, before and after the epoch, leap days")
{
    CHECK(UtcTimestamp(0) == "1970-01-01T00:00:00.000Z");
    CHECK(UtcTimestamp(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(UtcTimestamp(951782400000) == "2000-02-29T00:00:00.000Z");
    CHECK(UtcTimestamp(1798761599999) == "2026-12-31T23:59:59.999Z");
}
