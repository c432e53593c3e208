#include "server/operations/event_log.h"

#include "server/base/bytes.h"

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <mutex>

namespace bondstore {

namespace {

thread_local std::string current_request_id;
std::mutex write_mutex;

const char* LevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    }
    return "info";
}

} // namespace

void LogEvent(LogLevel level, std::string_view event, std::vector<LogField> fields)
{
    LogLine line;
    line.time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    line.level = LevelName(level);
    line.event = std::string(event);
    if (!current_request_id.empty() && event != "request") line.fields.push_back({"request_id", current_request_id});
    for (LogField& f : fields) line.fields.push_back(std::move(f));
    std::string text = LogLineToJson(line);
    text += '\n';
    std::lock_guard<std::mutex> lock(write_mutex);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

void SetCurrentRequestId(std::string id) { current_request_id = std::move(id); }

const std::string& CurrentRequestId() { return current_request_id; }

std::string Printed(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    va_list again;
    va_copy(again, args);
    int n = std::vsnprintf(nullptr, 0, format, args);
    va_end(args);
    std::string out(n > 0 ? size_t(n) : 0, '\0');
    if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
    va_end(again);
    return out;
}

std::string MakeRequestId() { return RandomHex(16); }

} // namespace bondstore
