// CalendarDate: a day in the proleptic Gregorian calendar, with no time zone. Tax rules take
// effect on dates ("from 2019-04-01"), ID numbers carry birth dates, and a quote is computed for
// a declaration date the caller passes in (core never reads a clock).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace bondstore {

struct CalendarDate {
    int year = 0, month = 0, day = 0;

    friend constexpr auto operator<=>(const CalendarDate&, const CalendarDate&) = default;
    bool valid() const;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Strict "YYYY-MM-DD" (ISO 8601 calendar date, years 1000–9999) that names a real day.
// Returns false for anything else ("2019-02-29", "2019-4-1", "20190401").
bool ParseIsoDate(std::string_view text, CalendarDate* out);

// Strict "YYYYMMDD" (as in ID numbers and CEB declTime).
bool ParseCompactDate(std::string_view text, CalendarDate* out);

std::string FormatIsoDate(const CalendarDate& d);   // "2019-04-01"

// The date in China (UTC+8 all year) at a Unix time. Shells read their clock and call this.
CalendarDate ChinaDateAt(int64_t unix_seconds);

// Days since 1970-01-01 (negative before), and back.
long DaysSinceEpoch(const CalendarDate& d);
CalendarDate FromDaysSinceEpoch(long days);

} // namespace bondstore
