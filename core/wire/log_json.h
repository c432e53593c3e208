// The server's log lines (docs/operations.md): one JSON object per line, what a log shipper
// (journald's JSON output, Loki, Elasticsearch) reads as it is. Part of core's wire format
// (core/wire/README.md).
//
//   {"time":"2026-12-06T11:00:00.123Z","level":"info","event":"request","request_id":"…",…}
//
// "time" (UTC, milliseconds), "level" and "event" come first, then the event's own fields in the
// order given. A text that is not valid UTF-8 (a provider's answer quoted in an error) is written
// with its invalid bytes as U+FFFD, so the line stays JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bondstore {

struct LogField {
    std::string key;
    std::variant<std::string, int64_t, bool> value;
};

struct LogLine {
    int64_t time_ms = 0;   // unix time, milliseconds
    std::string level;     // "info", "warning", "error"
    std::string event;     // "request", "relay", "payment", "import", "dispatch", "server", …
    std::vector<LogField> fields;
};

std::string LogLineToJson(const LogLine& line);

// "2026-12-06T11:00:00.123Z".
std::string UtcTimestamp(int64_t unix_ms);

} // namespace bondstore
