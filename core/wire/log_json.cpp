#include "core/wire/log_json.h"

#include "core/base/calendar_date.h"
#include "core/base/localized_text.h"
#include "core/wire/json_writer.h"


namespace bondstore {

namespace {

// `s` with every byte that does not begin or continue a valid UTF-8 sequence as U+FFFD.
std::string ValidText(std::string_view s)
{
    if (IsValidUtf8(s)) return std::string(s);
    std::string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n && i + n <= s.size() && IsValidUtf8(s.substr(i, n))) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            i++;
        }
    }
    return out;
}

} // namespace

std::string UtcTimestamp(int64_t unix_ms)
{
    int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
    int64_t ms = unix_ms - seconds * 1000;
    int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    int64_t in_day = seconds - days * 86400;
    CalendarDate d = FromDaysSinceEpoch(long(days));
    std::string out;
    auto digits = [&out](int64_t v, int width) {
        std::string n = std::to_string(v);
        if (int(n.size()) < width) out.append(size_t(width) - n.size(), '0');
        out += n;
    };
    digits(d.year, 4);
    out += '-';
    digits(d.month, 2);
    out += '-';
    digits(d.day, 2);
    out += 'T';
    digits(in_day / 3600, 2);
    out += ':';
    digits(in_day / 60 % 60, 2);
    out += ':';
    digits(in_day % 60, 2);
    out += '.';
    digits(ms, 3);
    out += 'Z';
    return out;
}

std::string LogLineToJson(const LogLine& line)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("time", UtcTimestamp(line.time_ms)).Field("level", line.level).Field("event", line.event);
    for (const LogField& f : line.fields) {
        w.Key(f.key);
        if (auto* text = std::get_if<std::string>(&f.value)) w.String(ValidText(*text));
        else if (auto* number = std::get_if<int64_t>(&f.value)) w.Int(*number);
        else w.Bool(std::get<bool>(f.value));
    }
    w.EndObject();
    return out;
}

} // namespace bondstore
