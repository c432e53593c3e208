// ChinaTime: today's date in China (UTC+8, no daylight saving) — the date tax rules are taken
// from when a request does not name one. The only clock read in the tax path, and it is here in
// the server, not in core.
#pragma once

#include "core/base/calendar_date.h"

#include <cstdint>
#include <string>

namespace bondstore {

CalendarDate TodayInChina();

// Seconds since 1970 (UTC), and the same moment as ISO 8601 text ("2026-11-26T13:05:00Z"), for
// the timestamps the store records.
int64_t UnixNow();
int64_t UnixNowMs(); // milliseconds
std::string IsoUtc(int64_t unix_seconds);

// A moment as the wall clock in China shows it (UTC+8 all year): "YYYYMMDDhhmmss" (CEB appTime),
// or with `iso` "YYYY-MM-DDThh:mm:ss" (DxpMsg CreatTime).
std::string ChinaClockText(int64_t unix_seconds, bool iso = false);

// China calendar days, numbered from 1970-01-01: the day a moment falls on, the moment it starts,
// and its ISO date ("2026-11-26"). Figures by day (the merchant's and the operator's) use them.
int64_t ChinaDayOf(int64_t unix_seconds);
int64_t ChinaDayStart(int64_t day);
std::string ChinaDayText(int64_t day);

} // namespace bondstore
