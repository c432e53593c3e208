// One date for an order (docs/orders.md "One date"): the quote, the payment, the declaration
// time and the quota year fall on one side of every change of year or tax rule, because an order
// must be paid before the next one (NextTaxChange, PaymentDeadline). Both edges of each kind of change.
#include <doctest/doctest.h>

#include "core/orders/order.h"
#include "core/tax/tax_table.h"
#include "tests/core/tax_fixtures.h"

using namespace bondstore;
using namespace bondstore::test;

namespace {

// Unix seconds of a China wall-clock time on `iso` (UTC+8).
int64_t ChinaTime(const char* iso, int hour, int minute)
{
    return int64_t(DaysSinceEpoch(Day(iso))) * 86400 + hour * 3600 + minute * 60 - 8 * 3600;
}

} // namespace

TEST_CASE("the next change of year or tax rule after a day, for an order's goods")
{
    const TaxTable& t = BundledTaxTable();
    // Mid-year, nothing dated ahead: the next 1 January (the quota's year).
    CHECK(NextTaxChange(t, Day("2026-06-15"), {"0402211000"}) == Day("2027-01-01"));
    CHECK(NextTaxChange(t, Day("2026-12-31"), {"0402211000"}) == Day("2027-01-01"));
    CHECK(NextTaxChange(t, Day("2027-01-01"), {"0402211000"}) == Day("2028-01-01"));
    // A limit regime (2019-01-01) and the VAT rates (2018-05-01, 2019-04-01) begin.
    CHECK(NextTaxChange(t, Day("2018-12-30"), {}) == Day("2019-01-01"));
    CHECK(NextTaxChange(t, Day("2018-04-30"), {}) == Day("2018-05-01"));
    CHECK(NextTaxChange(t, Day("2019-03-31"), {}) == Day("2019-04-01"));
    CHECK(NextTaxChange(t, Day("2019-04-01"), {}) == Day("2020-01-01"));
    // A heading's period ends (its next day) or begins: game consoles' rules changed on 2022-03-01.
    CHECK(NextTaxChange(t, Day("2022-02-27"), {"9504500000"}) == Day("2022-03-01"));
    CHECK(NextTaxChange(t, Day("2022-02-28"), {"9504500000"}) == Day("2022-03-01"));
    CHECK(NextTaxChange(t, Day("2022-03-01"), {"9504500000"}) == Day("2023-01-01"));
    // Only the order's own headings count: milk does not wait for consoles.
    CHECK(NextTaxChange(t, Day("2022-02-27"), {"0402211000"}) == Day("2023-01-01"));
    // Cosmetics (2016-10-01).
    CHECK(NextTaxChange(t, Day("2016-09-30"), {"3304990099"}) == Day("2016-10-01"));
}

TEST_CASE("an order is paid before the next change: its deadline, on both sides of midnight")
{
    CalendarDate new_year = Day("2027-01-01");
    // 23:40 on 31 December with 15 minutes to pay: the whole 15 minutes (23:55).
    CHECK(PaymentDeadline(ChinaTime("2026-12-31", 23, 40), 900, new_year) == ChinaTime("2026-12-31", 23, 55));
    // 23:50: only until midnight in China, when the new year's quota (and any new rule) begins.
    CHECK(PaymentDeadline(ChinaTime("2026-12-31", 23, 50), 900, new_year) == ChinaTime("2027-01-01", 0, 0));
    CHECK(ChinaDateAt(PaymentDeadline(ChinaTime("2026-12-31", 23, 50), 900, new_year) - 1) == Day("2026-12-31"));
    CHECK(QuotaYear(PaymentDeadline(ChinaTime("2026-12-31", 23, 59), 900, new_year) - 1) == 2026);
    // Midnight in China is 16:00 UTC the day before.
    CHECK(PaymentDeadline(ChinaTime("2026-12-31", 23, 50), 900, new_year) % 86400 == 16 * 3600);
    // Mid-year: the timeout alone.
    CHECK(PaymentDeadline(ChinaTime("2026-06-15", 12, 0), 900, new_year) == ChinaTime("2026-06-15", 12, 15));
}
