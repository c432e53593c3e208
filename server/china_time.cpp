#include "china_time.h"

#include <chrono>

namespace bondstore {

CalendarDate TodayInChina()
{
    using namespace std::chrono;
    return ChinaDateAt(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

} // namespace bondstore
