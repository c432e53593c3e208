#include "server/base/china_time.h"

#include <chrono>
#include <cstdio>

namespace bondstore {

CalendarDate TodayInChina()
{
    using namespace std::chrono;
    return ChinaDateAt(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

int64_t UnixNow()
{
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

int64_t UnixNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string IsoUtc(int64_t unix_seconds)
{
    int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
    int64_t rest = unix_seconds - days * 86400;
    CalendarDate d = FromDaysSinceEpoch(long(days));
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, int(rest / 3600),
                  int(rest / 60 % 60), int(rest % 60));
    return out;
}

std::string ChinaClockText(int64_t t, bool iso)
{
    int64_t local = t + 8 * 3600;
    int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t secs = local - days * 86400;
    CalendarDate d = FromDaysSinceEpoch(long(days));
    char buf[64];
    std::snprintf(buf, sizeof buf, iso ? "%04d-%02d-%02dT%02d:%02d:%02d" : "%04d%02d%02d%02d%02d%02d", d.year, d.month, d.day,
                  int(secs / 3600), int(secs / 60 % 60), int(secs % 60));
    return buf;
}

int64_t ChinaDayOf(int64_t t)
{
    int64_t local = t + 8 * 3600;
    return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

int64_t ChinaDayStart(int64_t day) { return day * 86400 - 8 * 3600; }

std::string ChinaDayText(int64_t day) { return FormatIsoDate(FromDaysSinceEpoch(long(day))); }

} // namespace bondstore
