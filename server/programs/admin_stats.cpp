// bondstore-admin stats: the pilot zone's figures of cross-border retail imports for a month or a
// day (core/orders/retail_statistics.h) — a table on stdout, a CSV, an XLSX workbook with charts
// (server/reports/statistics_workbook.h).
#include "server/programs/admin_commands.h"

#include "server/base/files.h"
#include "server/reports/statistics_workbook.h"
#include "server/store/stores.h"

#include "core/base/money.h"
#include "core/orders/retail_statistics.h"

#include <cstdio>

namespace bondstore::admin {

namespace {

void PrintFigures(const std::string& key, const StatisticsFigures& f)
{
    std::printf("  %-24s %7lld %7lld %14s %12s %12s %12s %14s %5lld %5lld %5lld\n", key.empty() ? "-" : key.c_str(), (long long)f.orders,
                (long long)f.qty, FormatYuan(Money{f.goods_fen}).c_str(), FormatYuan(Money{f.tariff_fen}).c_str(),
                FormatYuan(Money{f.consumption_tax_fen}).c_str(), FormatYuan(Money{f.vat_fen}).c_str(),
                FormatYuan(Money{f.tax_fen()}).c_str(), (long long)f.released, (long long)f.rejected, (long long)f.returned);
}

void PrintTable(const RetailStatistics& s)
{
    std::printf("Cross-border retail imports, %s to %s (China calendar; CNY)\n", s.from.c_str(), s.to.c_str());
    std::printf("  %-24s %7s %7s %14s %12s %12s %12s %14s %5s %5s %5s\n", "", "ORDERS", "QTY", "GOODS", "TARIFF", "CONSUMPTION", "VAT", "TAX",
                "REL", "REJ", "RET");
    PrintFigures("total", s.total);
    for (const StatisticsTable& t : s.tables) {
        if (t.dimension == "day") continue; // (a month's days: in the CSV and the workbook)
        std::printf("%s\n", t.dimension.c_str());
        for (const StatisticsRow& r : t.rows) PrintFigures(r.key, r.figures);
    }
}

} // namespace

int Stats(const Args& args)
{
    std::string period_text, data_dir = DefaultDataDir(), database = DefaultDatabase();
    bool csv = false, xlsx = false;
    std::string csv_path, xlsx_path;
    // --csv and --xlsx take a file name when one follows (else one is made from the period).
    auto optional_value = [&](size_t& i, std::string& out) {
        if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) out = args[++i];
    };
    for (size_t i = 0; i < args.size(); i++) {
        if ((args[i] == "--month" || args[i] == "--day") && i + 1 < args.size() && period_text.empty()) period_text = args[++i];
        else if (args[i] == "--data-dir" && i + 1 < args.size()) data_dir = args[++i];
        else if (args[i] == "--database" && i + 1 < args.size()) database = args[++i];
        else if (args[i] == "--csv") { csv = true; optional_value(i, csv_path); }
        else if (args[i] == "--xlsx") { xlsx = true; optional_value(i, xlsx_path); }
        else { std::fprintf(stderr, "bondstore-admin stats: unexpected argument '%s'\n", args[i].c_str()); return 2; }
    }
    std::optional<StatisticsPeriod> period = ParseStatisticsPeriod(period_text);
    if (!period) {
        std::fprintf(stderr, "bondstore-admin stats: give --month YYYY-MM or --day YYYY-MM-DD (a real month or day)%s\n",
                     period_text.empty() ? "" : (", got '" + period_text + "'").c_str());
        return 2;
    }
    if (csv && csv_path.empty()) csv_path = StatisticsFileName(period->name, "csv");
    if (xlsx && xlsx_path.empty()) xlsx_path = StatisticsFileName(period->name, "xlsx");

    std::string error;
    std::unique_ptr<Stores> stores = OpenStores(data_dir, database, DatabaseOptions{1}, &error);
    if (!stores) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    std::optional<RetailStatistics> s = stores->sales.Statistics(*period, &error);
    if (!s) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
    if (csv) {
        if (!WriteFileAtomically(csv_path, RetailStatisticsCsv(*s))) { std::fprintf(stderr, "bondstore-admin: cannot write %s\n", csv_path.c_str()); return 1; }
        std::fprintf(stderr, "wrote %s\n", csv_path.c_str());
    }
    if (xlsx) {
        if (!WriteStatisticsWorkbook(*s, xlsx_path, &error)) { std::fprintf(stderr, "bondstore-admin: %s\n", error.c_str()); return 1; }
        std::fprintf(stderr, "wrote %s\n", xlsx_path.c_str());
    }
    if (!csv && !xlsx) PrintTable(*s);
    return 0;
}

} // namespace bondstore::admin
