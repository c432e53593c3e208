#include "core/base/calendar_date.h"

namespace bondstore {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && IsLeapYear(y) ? 29 : days[m - 1];
}

bool CalendarDate::valid() const
{
    return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

static bool Digits(std::string_view s, int* out)
{
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return !s.empty();
}

bool ParseIsoDate(std::string_view s, CalendarDate* out)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    CalendarDate d;
    if (!Digits(s.substr(0, 4), &d.year) || !Digits(s.substr(5, 2), &d.month) || !Digits(s.substr(8, 2), &d.day))
        return false;
    if (!d.valid()) return false;
    *out = d;
    return true;
}

bool ParseCompactDate(std::string_view s, CalendarDate* out)
{
    if (s.size() != 8) return false;
    CalendarDate d;
    if (!Digits(s.substr(0, 4), &d.year) || !Digits(s.substr(4, 2), &d.month) || !Digits(s.substr(6, 2), &d.day))
        return false;
    if (!d.valid()) return false;
    *out = d;
    return true;
}

std::string FormatIsoDate(const CalendarDate& d)
{
    char buf[16];
    auto put = [&](int at, int v, int width) {
        for (int i = width - 1; i >= 0; i--) { buf[at + i] = char('0' + v % 10); v /= 10; }
    };
    put(0, d.year, 4);
    buf[4] = '-';
    put(5, d.month, 2);
    buf[7] = '-';
    put(8, d.day, 2);
    return std::string(buf, 10);
}

CalendarDate ChinaDateAt(int64_t unix_seconds)
{
    int64_t local = unix_seconds + 8 * 3600;
    int64_t days = local / 86400 - (local % 86400 < 0 ? 1 : 0); // floor
    return FromDaysSinceEpoch(long(days));
}

// Howard Hinnant's days_from_civil / civil_from_days.
long DaysSinceEpoch(const CalendarDate& d)
{
    int y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = unsigned(y - era * 400);
    unsigned doy = unsigned((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + long(doe) - 719468;
}

CalendarDate FromDaysSinceEpoch(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = unsigned(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = long(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {int(y + (m <= 2)), int(m), int(d)};
}

} // namespace bondstore
