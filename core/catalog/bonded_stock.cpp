#include "core/catalog/bonded_stock.h"

#include "core/formats/csv.h"

#include <charconv>
#include <set>

namespace bondstore {

const char* AvailabilityLevel(int64_t available)
{
    return available <= 0 ? "out" : available <= kLowStock ? "low" : "in_stock";
}

StockImport ImportStockCsv(std::string_view bytes)
{
    StockImport out;
    int col_sku = -1, col_wh = -1, col_qty = -1;
    bool header = true;
    std::set<std::pair<std::string, std::string>> seen;
    auto problem = [&](const char* code, int64_t row, const char* column, std::string value = {}) {
        Problem p;
        p.code = code;
        p.row = row;
        p.field = column;
        p.value = ShortenForReport(value);
        out.problems.push_back(std::move(p));
    };
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return std::string(s);
    };
    CsvReader reader(',');
    auto on_record = [&](const CsvRecord& r) {
        if (header) {
            header = false;
            for (size_t i = 0; i < r.fields.size(); i++) {
                std::string name = trim(r.fields[i]);
                if (name == "sku") col_sku = int(i);
                else if (name == "warehouse") col_wh = int(i);
                else if (name == "on_hand") col_qty = int(i);
            }
            if (col_sku < 0) problem("stock.missing_column", 1, "sku");
            if (col_wh < 0) problem("stock.missing_column", 1, "warehouse");
            if (col_qty < 0) problem("stock.missing_column", 1, "on_hand");
            return col_sku >= 0 && col_wh >= 0 && col_qty >= 0;
        }
        auto get = [&](int c) { return size_t(c) < r.fields.size() ? trim(r.fields[size_t(c)]) : std::string(); };
        StockLevel l;
        l.sku = get(col_sku);
        l.warehouse = get(col_wh);
        std::string qty = get(col_qty);
        bool ok = true;
        if (l.sku.empty()) { problem("stock.sku_missing", r.row, "sku"); ok = false; }
        if (l.warehouse.empty()) { problem("stock.warehouse_missing", r.row, "warehouse"); ok = false; }
        auto [end, ec] = std::from_chars(qty.data(), qty.data() + qty.size(), l.on_hand);
        if (qty.empty() || ec != std::errc() || end != qty.data() + qty.size() || l.on_hand < 0 || l.on_hand > 1'000'000'000) {
            problem("stock.on_hand_not_a_count", r.row, "on_hand", qty);
            ok = false;
        }
        if (ok && !seen.emplace(l.sku, l.warehouse).second) {
            problem("stock.duplicate_row", r.row, "sku", l.sku + " @ " + l.warehouse);
            ok = false;
        }
        if (ok) {
            out.levels.push_back(std::move(l));
            out.rows.push_back(r.row);
        }
        return true;
    };
    reader.Feed(bytes, on_record);
    reader.Finish(on_record);
    if (reader.failed()) out.problems.insert(out.problems.begin(), reader.error());
    if (header && out.problems.empty()) problem("import.empty_file", 1, "");
    return out;
}

} // namespace bondstore
