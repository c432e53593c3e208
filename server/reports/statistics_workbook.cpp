#include "server/reports/statistics_workbook.h"

#include "core/base/money.h"

#include <xlsxwriter.h>

#include <cstdlib>

namespace bondstore {

namespace {

struct Sheet {
    const char* dimension; // RetailStatistics' table
    const char* name;      // the worksheet's (≤ 31 characters)
    const char* key;       // its first column's header
};
const Sheet kSheets[] = {
    {"day", "By day", "日期 Day"},
    {"hs_chapter", "By HS chapter", "HS 章 HS chapter"},
    {"origin", "By origin", "原产国 Origin (ISO 3166)"},
    {"warehouse", "By warehouse", "保税仓 Bonded warehouse"},
    {"store", "By store", "体验店 Experience store"},
    {"trade_mode", "By trade mode", "贸易方式 Trade mode"},
    {"outcome", "By outcome", "海关结果 Customs outcome"},
};
const char* const kColumns[] = {"订单数 Orders", "商品行 Lines", "件数 Quantity", "货值 Goods (CNY)", "关税 Tariff (CNY)",
                                "消费税 Consumption tax (CNY)", "增值税 VAT (CNY)", "税款合计 Tax (CNY)", "放行 Released",
                                "退单 Rejected", "退货 Returned"};

// Yuan as a spreadsheet number. (Cells are IEEE doubles; every amount below 2^53 fen reads back
// to the cent. The exact figure is the CSV's and the JSON's, in fen.)
double YuanCell(int64_t fen) { return std::strtod(FormatYuan(Money{fen}).c_str(), nullptr); }

// A row's key as a person reads it: shoppers' own devices and products without an origin named.
std::string KeyText(const std::string& dimension, const std::string& key)
{
    if (!key.empty()) return key;
    if (dimension == "store") return "线上 Shoppers' own devices";
    return "— none";
}

void WriteFigures(lxw_worksheet* ws, lxw_row_t row, const StatisticsFigures& f, lxw_format* money)
{
    const int64_t counts[] = {f.orders, f.lines, f.qty};
    for (lxw_col_t c = 0; c < 3; c++) worksheet_write_number(ws, row, lxw_col_t(1 + c), double(counts[c]), nullptr);
    const int64_t fen[] = {f.goods_fen, f.tariff_fen, f.consumption_tax_fen, f.vat_fen, f.tax_fen()};
    for (lxw_col_t c = 0; c < 5; c++) worksheet_write_number(ws, row, lxw_col_t(4 + c), YuanCell(fen[c]), money);
    const int64_t outcomes[] = {f.released, f.rejected, f.returned};
    for (lxw_col_t c = 0; c < 3; c++) worksheet_write_number(ws, row, lxw_col_t(9 + c), double(outcomes[c]), nullptr);
}

// A chart of one column of a dimension's sheet against its keys, placed on that sheet.
void AddChart(lxw_workbook* wb, lxw_worksheet* ws, const char* sheet, uint8_t type, const char* title, lxw_row_t rows, lxw_col_t column)
{
    if (rows == 0) return;
    lxw_chart* chart = workbook_add_chart(wb, type);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet, 1, 0, rows, 0);
    chart_series_set_values(series, sheet, 1, column, rows, column);
    chart_title_set_name(chart, title);
    if (type != LXW_CHART_PIE) chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(ws, rows + 3, 0, chart);
}

} // namespace

bool WriteStatisticsWorkbook(const RetailStatistics& s, const std::string& path, std::string* error)
{
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) {
        *error = "cannot create " + path;
        return false;
    }
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");

    // Summary: the period, the totals, the tax by kind (with its chart).
    lxw_worksheet* summary = workbook_add_worksheet(wb, "Summary");
    worksheet_set_column(summary, 0, 0, 34, nullptr);
    worksheet_set_column(summary, 1, 1, 18, nullptr);
    worksheet_write_string(summary, 0, 0, "跨境电商零售进口统计 Cross-border e-commerce retail imports", bold);
    worksheet_write_string(summary, 1, 0, "统计期间 Period", nullptr);
    worksheet_write_string(summary, 1, 1, (s.from + " – " + s.to).c_str(), nullptr);
    const StatisticsFigures& t = s.total;
    struct Line {
        const char* label;
        double value;
        bool is_money;
    };
    const Line lines[] = {
        {kColumns[0], double(t.orders), false},         {kColumns[1], double(t.lines), false},       {kColumns[2], double(t.qty), false},
        {kColumns[3], YuanCell(t.goods_fen), true},         {kColumns[4], YuanCell(t.tariff_fen), true},     {kColumns[5], YuanCell(t.consumption_tax_fen), true},
        {kColumns[6], YuanCell(t.vat_fen), true},           {kColumns[7], YuanCell(t.tax_fen()), true},      {kColumns[8], double(t.released), false},
        {kColumns[9], double(t.rejected), false},       {kColumns[10], double(t.returned), false},
    };
    lxw_row_t row = 3;
    for (const Line& l : lines) {
        worksheet_write_string(summary, row, 0, l.label, nullptr);
        worksheet_write_number(summary, row, 1, l.value, l.is_money ? money : nullptr);
        row++;
    }
    // The tax by kind: rows 7, 8, 9 (0-based 7…9 hold tariff, consumption tax, VAT).
    lxw_chart* tax = workbook_add_chart(wb, LXW_CHART_PIE);
    lxw_chart_series* kinds = chart_add_series(tax, nullptr, nullptr);
    chart_series_set_categories(kinds, "Summary", 7, 0, 9, 0);
    chart_series_set_values(kinds, "Summary", 7, 1, 9, 1);
    chart_title_set_name(tax, "税款构成 Tax by kind");
    worksheet_insert_chart(summary, row + 1, 0, tax);

    // A sheet per dimension.
    for (const Sheet& sheet : kSheets) {
        const StatisticsTable* table = nullptr;
        for (const StatisticsTable& candidate : s.tables)
            if (candidate.dimension == sheet.dimension) table = &candidate;
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name);
        worksheet_set_column(ws, 0, 0, 26, nullptr);
        worksheet_set_column(ws, 1, 11, 16, nullptr);
        worksheet_write_string(ws, 0, 0, sheet.key, bold);
        for (lxw_col_t c = 0; c < 11; c++) worksheet_write_string(ws, 0, lxw_col_t(c + 1), kColumns[c], bold);
        lxw_row_t rows = 0;
        if (table)
            for (const StatisticsRow& r : table->rows) {
                rows++;
                worksheet_write_string(ws, rows, 0, KeyText(sheet.dimension, r.key).c_str(), nullptr);
                WriteFigures(ws, rows, r.figures, money);
            }
        const std::string dimension = sheet.dimension;
        if (dimension == "day") AddChart(wb, ws, sheet.name, LXW_CHART_COLUMN, "每日订单 Orders per day", rows, 1);
        else if (dimension == "hs_chapter") AddChart(wb, ws, sheet.name, LXW_CHART_BAR, "货值（按 HS 章）Goods by HS chapter", rows, 4);
        else if (dimension == "origin") AddChart(wb, ws, sheet.name, LXW_CHART_PIE, "货值（按原产国）Goods by origin", rows, 4);
    }

    lxw_error result = workbook_close(wb);
    if (result != LXW_NO_ERROR) {
        *error = "cannot write " + path + ": " + lxw_strerror(result);
        return false;
    }
    return true;
}

} // namespace bondstore
