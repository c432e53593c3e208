// ChinaTime: today's date in China (UTC+8, no daylight saving) — the date tax rules are taken
// from when a request does not name one. The only clock read in the tax path, and it is here in
// the server, not in core.
#pragma once

#include "core/calendar_date.h"

namespace bondstore {

CalendarDate TodayInChina();

} // namespace bondstore
