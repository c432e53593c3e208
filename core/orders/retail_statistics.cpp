#include "core/orders/retail_statistics.h"

#include "core/base/calendar_date.h"
#include "core/base/money.h"
#include "core/formats/csv.h"

#include <map>
#include <set>

namespace bondstore {

namespace {

const char* const kDimensions[] = {"day", "hs_chapter", "origin", "warehouse", "store", "trade_mode", "outcome"};

// A line's key in each dimension, in kDimensions' order.
std::vector<std::string> KeysOf(const StatisticsLine& l)
{
    return {FormatIsoDate(FromDaysSinceEpoch(long(l.day))), l.hs_code.substr(0, 2), l.origin, l.warehouse, l.store, l.trade_mode,
            std::string(StatisticsOutcome(l.status))};
}

// Adds a line to a row's figures; its order is counted once per row.
struct Accumulator {
    StatisticsFigures figures;
    std::set<std::string> orders;

    void Add(const StatisticsLine& l)
    {
        figures.lines++;
        figures.qty += l.qty;
        figures.goods_fen += l.goods_fen;
        figures.tariff_fen += l.tariff_fen;
        figures.consumption_tax_fen += l.consumption_tax_fen;
        figures.vat_fen += l.vat_fen;
        if (!orders.insert(l.order_no).second) return;
        figures.orders++;
        std::string_view outcome = StatisticsOutcome(l.status);
        figures.released += outcome == "released" ? 1 : 0;
        figures.rejected += outcome == "rejected" ? 1 : 0;
        figures.returned += outcome == "returned" ? 1 : 0;
    }
};

void AppendRow(std::string& out, std::string_view dimension, std::string_view key, const StatisticsFigures& f)
{
    AppendCsvField(out, dimension);
    out += ',';
    AppendCsvField(out, key);
    for (int64_t n : {f.orders, f.lines, f.qty}) out += "," + std::to_string(n);
    for (int64_t fen : {f.goods_fen, f.tariff_fen, f.consumption_tax_fen, f.vat_fen, f.tax_fen()}) out += "," + FormatYuan(Money{fen});
    for (int64_t n : {f.released, f.rejected, f.returned}) out += "," + std::to_string(n);
    out += "\r\n";
}

} // namespace

std::string_view StatisticsOutcome(OrderStatus s)
{
    switch (s) {
    case OrderStatus::Paid:
    case OrderStatus::Declared:
    case OrderStatus::Withdrawing: return "in_customs";
    case OrderStatus::Released:
    case OrderStatus::Shipped:
    case OrderStatus::Delivered:
    case OrderStatus::Returning: return "released";
    case OrderStatus::Rejected: return "rejected";
    case OrderStatus::Returned: return "returned";
    case OrderStatus::PendingPayment:
    case OrderStatus::Cancelled:
    case OrderStatus::Expired: return "";
    }
    return "";
}

std::optional<StatisticsPeriod> ParseStatisticsPeriod(std::string_view text)
{
    CalendarDate d;
    if (ParseIsoDate(text, &d)) return StatisticsPeriod{DaysSinceEpoch(d), DaysSinceEpoch(d), std::string(text)};
    if (text.size() != 7 || text[4] != '-' || !ParseIsoDate(std::string(text) + "-01", &d)) return std::nullopt;
    CalendarDate last{d.year, d.month, DaysInMonth(d.year, d.month)};
    return StatisticsPeriod{DaysSinceEpoch(d), DaysSinceEpoch(last), std::string(text)};
}

RetailStatistics ComputeRetailStatistics(const std::vector<StatisticsLine>& lines, int64_t first, int64_t last)
{
    RetailStatistics s;
    s.from = FormatIsoDate(FromDaysSinceEpoch(long(first)));
    s.to = FormatIsoDate(FromDaysSinceEpoch(long(last)));
    constexpr size_t kCount = sizeof kDimensions / sizeof kDimensions[0];
    std::vector<std::map<std::string, Accumulator>> by(kCount);
    // Every day of the period has its row (a chart's x axis), orders or not.
    for (int64_t day = first; day <= last; day++) by[0][FormatIsoDate(FromDaysSinceEpoch(long(day)))];
    Accumulator total;
    for (const StatisticsLine& l : lines) {
        if (l.day < first || l.day > last || StatisticsOutcome(l.status).empty()) continue;
        total.Add(l);
        std::vector<std::string> keys = KeysOf(l);
        for (size_t d = 0; d < kCount; d++) by[d][keys[d]].Add(l);
    }
    s.total = total.figures;
    for (size_t d = 0; d < kCount; d++) {
        StatisticsTable t{kDimensions[d], {}};
        for (const auto& [key, acc] : by[d]) t.rows.push_back({key, acc.figures});
        s.tables.push_back(std::move(t));
    }
    return s;
}

std::string StatisticsFileName(std::string_view period, std::string_view format)
{
    return "bondstore-stats-" + std::string(period) + "." + std::string(format);
}

std::string_view StatisticsMediaType(std::string_view format)
{
    return format == "csv" ? kCsvMediaType : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

std::string RetailStatisticsCsv(const RetailStatistics& s)
{
    std::string out = "dimension,key,orders,lines,qty,goods,tariff,consumption_tax,vat,tax,released,rejected,returned\r\n";
    AppendRow(out, "total", "", s.total);
    for (const StatisticsTable& t : s.tables)
        for (const StatisticsRow& r : t.rows) AppendRow(out, t.dimension, r.key, r.figures);
    return out;
}

} // namespace bondstore
