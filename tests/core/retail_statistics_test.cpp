// The regulator's statistics (core/orders/retail_statistics.h): which orders count (paid onward;
// never-paid, expired and cancelled are no import), an order once per row and its lines' money,
// every day of the period, each table summing to the total; the period's month or day; the CSV.
#include "core/orders/retail_statistics.h"

#include "core/base/calendar_date.h"

#include <doctest/doctest.h>

using namespace bondstore;

namespace {

int64_t Day(const char* iso)
{
    CalendarDate d;
    REQUIRE(ParseIsoDate(iso, &d));
    return DaysSinceEpoch(d);
}

StatisticsLine Line(const char* order, const char* day, OrderStatus status, const char* hs, const char* origin, int64_t qty, int64_t goods,
                    int64_t tariff, int64_t ct, int64_t vat, const char* store = "")
{
    return {order, Day(day), status, hs, origin, "CQ-LL", store, "1210", qty, goods, tariff, ct, vat};
}

const StatisticsTable& TableOf(const RetailStatistics& s, const std::string& dimension)
{
    for (const StatisticsTable& t : s.tables)
        if (t.dimension == dimension) return t;
    FAIL("no table " << dimension);
    return s.tables.front();
}

} // namespace

TEST_CASE("retail statistics: paid orders by every dimension, each table summing to the total")
{
    std::vector<StatisticsLine> lines = {
        // Released, two lines in two HS chapters (milk powder 19, cosmetics 33).
        Line("A", "2026-11-03", OrderStatus::Delivered, "1901101000", "NZ", 2, 59600, 0, 0, 5424),
        Line("A", "2026-11-03", OrderStatus::Delivered, "3304990099", "JP", 1, 30000, 0, 6300, 3276),
        // Rejected at an experience store; returned; with customs.
        Line("B", "2026-11-03", OrderStatus::Rejected, "1901101000", "DE", 1, 29800, 0, 0, 2712, "jfb"),
        Line("C", "2026-11-20", OrderStatus::Returned, "3304990099", "JP", 1, 30000, 0, 6300, 3276),
        Line("D", "2026-11-30", OrderStatus::Declared, "0402210000", "", 3, 12000, 0, 0, 1092),
        // No import: never paid, expired, cancelled; and an order of another month.
        Line("E", "2026-11-04", OrderStatus::PendingPayment, "1901101000", "NZ", 1, 29800, 0, 0, 2712),
        Line("F", "2026-11-04", OrderStatus::Expired, "1901101000", "NZ", 1, 29800, 0, 0, 2712),
        Line("G", "2026-11-04", OrderStatus::Cancelled, "1901101000", "NZ", 1, 29800, 0, 0, 2712),
        Line("H", "2026-12-01", OrderStatus::Released, "1901101000", "NZ", 1, 29800, 0, 0, 2712),
    };
    std::optional<StatisticsPeriod> november = ParseStatisticsPeriod("2026-11");
    REQUIRE(november);
    RetailStatistics s = ComputeRetailStatistics(lines, november->first, november->last);
    CHECK(s.from == "2026-11-01");
    CHECK(s.to == "2026-11-30");
    CHECK(s.total.orders == 4);
    CHECK(s.total.lines == 5);
    CHECK(s.total.qty == 8);
    CHECK(s.total.goods_fen == 59600 + 30000 + 29800 + 30000 + 12000);
    CHECK(s.total.consumption_tax_fen == 12600);
    CHECK(s.total.vat_fen == 5424 + 3276 + 2712 + 3276 + 1092);
    CHECK(s.total.tax_fen() == s.total.tariff_fen + s.total.consumption_tax_fen + s.total.vat_fen);
    CHECK(s.total.released == 1);
    CHECK(s.total.rejected == 1);
    CHECK(s.total.returned == 1);

    REQUIRE(s.tables.size() == 7);
    for (const StatisticsTable& t : s.tables) {
        CAPTURE(t.dimension);
        StatisticsFigures sum;
        for (const StatisticsRow& r : t.rows) {
            sum.orders += r.figures.orders;
            sum.lines += r.figures.lines;
            sum.qty += r.figures.qty;
            sum.goods_fen += r.figures.goods_fen;
            sum.vat_fen += r.figures.vat_fen;
            sum.consumption_tax_fen += r.figures.consumption_tax_fen;
            sum.released += r.figures.released;
        }
        CHECK(sum.lines == s.total.lines);
        CHECK(sum.qty == s.total.qty);
        CHECK(sum.goods_fen == s.total.goods_fen);
        CHECK(sum.vat_fen == s.total.vat_fen);
        CHECK(sum.consumption_tax_fen == s.total.consumption_tax_fen);
        CHECK(sum.orders >= s.total.orders); // (order A is in two chapters and two origins)
    }
    const StatisticsTable& days = TableOf(s, "day");
    REQUIRE(days.rows.size() == 30);
    CHECK(days.rows[2].key == "2026-11-03");
    CHECK(days.rows[2].figures.orders == 2);
    CHECK(days.rows[3].figures.orders == 0); // (only orders that are no import that day)
    const StatisticsTable& chapters = TableOf(s, "hs_chapter");
    REQUIRE(chapters.rows.size() == 3);
    CHECK(chapters.rows[0].key == "04");
    CHECK(chapters.rows[1].key == "19");
    CHECK(chapters.rows[1].figures.orders == 2);
    CHECK(chapters.rows[2].key == "33");
    CHECK(chapters.rows[2].figures.orders == 2);
    CHECK(chapters.rows[2].figures.returned == 1);
    const StatisticsTable& origins = TableOf(s, "origin");
    CHECK(origins.rows[0].key == ""); // (a product that named none)
    CHECK(origins.rows.back().key == "NZ");
    const StatisticsTable& stores = TableOf(s, "store");
    REQUIRE(stores.rows.size() == 2);
    CHECK(stores.rows[1].key == "jfb");
    CHECK(stores.rows[1].figures.rejected == 1);
    const StatisticsTable& outcomes = TableOf(s, "outcome");
    REQUIRE(outcomes.rows.size() == 4);
    CHECK(outcomes.rows[0].key == "in_customs");
    CHECK(TableOf(s, "trade_mode").rows.size() == 1);

    // A day alone.
    RetailStatistics one = ComputeRetailStatistics(lines, Day("2026-11-03"), Day("2026-11-03"));
    CHECK(one.total.orders == 2);
    CHECK(TableOf(one, "day").rows.size() == 1);

    // The CSV: a header, the total, then each dimension; money in yuan.
    std::string csv = RetailStatisticsCsv(s);
    CHECK(csv.rfind("dimension,key,orders,lines,qty,goods,tariff,consumption_tax,vat,tax,released,rejected,returned\r\n"
                    "total,,4,5,8,1614.00,0.00,126.00,157.80,283.80,1,1,1\r\n", 0) == 0);
    CHECK(csv.find("hs_chapter,19,2,2,3,894.00,0.00,0.00,81.36,81.36,1,1,0\r\n") != std::string::npos);
    CHECK(csv.find("outcome,released,1,2,3,896.00,0.00,63.00,87.00,150.00,1,0,0\r\n") != std::string::npos);
}

TEST_CASE("retail statistics: a period is a real month or a real day")
{
    CHECK(ParseStatisticsPeriod("2026-02")->last - ParseStatisticsPeriod("2026-02")->first == 27);
    CHECK(ParseStatisticsPeriod("2024-02")->last - ParseStatisticsPeriod("2024-02")->first == 28);
    CHECK(ParseStatisticsPeriod("2026-11-05")->first == ParseStatisticsPeriod("2026-11-05")->last);
    CHECK(ParseStatisticsPeriod("2026-11")->name == "2026-11");
    for (const char* bad : {"", "2026", "2026-13", "2026-1", "2026-00", "2026-11-31", "2026/11", "2026-11-", "x026-11"}) {
        CAPTURE(bad);
        CHECK_FALSE(ParseStatisticsPeriod(bad));
    }
    CHECK(StatisticsFileName("2026-11", "xlsx") == "bondstore-stats-2026-11.xlsx");
    CHECK(StatisticsMediaType("csv") == "text/csv; charset=utf-8");
    CHECK(StatisticsOutcome(OrderStatus::Returning) == "released");
    CHECK(StatisticsOutcome(OrderStatus::Withdrawing) == "in_customs");
    CHECK(StatisticsOutcome(OrderStatus::Cancelled).empty());
}
