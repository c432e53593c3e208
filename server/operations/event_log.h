// EventLog: the server's log — one JSON object per line on stderr (core/wire/log_json.h), so an
// operator's shipper (journald, Loki, Elasticsearch) reads it without a parser of ours: a line
// per request (http/request_log.h) and lines for what happens beside requests (the relay to the
// single window, payments, imports, the carrier's dispatch). A line written while a request is
// answered carries its request id, so every line of one request can be found together.
//
// Never personal data: no names, ID numbers, phone numbers, addresses, tokens or bodies; order
// numbers, SKUs, merchant and kiosk ids are not personal. docs/operations.md lists the events.
#pragma once

#include "core/wire/log_json.h"

#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

enum class LogLevel { Info, Warning, Error };

// Writes one line (whole, never interleaved with another thread's).
void LogEvent(LogLevel level, std::string_view event, std::vector<LogField> fields);

// The request this thread is answering ("" between requests): its id is added to each line and
// sent with the calls made to providers meanwhile (X-Request-Id).
void SetCurrentRequestId(std::string id);
const std::string& CurrentRequestId();

// printf into a string, for a line's "message".
std::string Printed(const char* format, ...) __attribute__((format(printf, 1, 2)));

// A new request id: 16 random bytes, hex.
std::string MakeRequestId();

} // namespace bondstore
