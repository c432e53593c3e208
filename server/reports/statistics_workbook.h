// StatisticsWorkbook: the regulator's figures (core/orders/retail_statistics.h) as an XLSX
// workbook — a summary sheet with the tax by kind, then a sheet per dimension (day, HS chapter,
// origin, warehouse, store, trade mode, customs' outcome) with the same columns as the CSV, and
// charts: orders per day, goods by HS chapter, goods by origin, tax by kind. Headers in Chinese and
// English (the reader is the pilot zone's office). Written by libxlsxwriter (Debian's).
#pragma once

#include "core/orders/retail_statistics.h"

#include <string>

namespace bondstore {

// Writes the workbook to `path` (replaced). False with `error` set when it cannot be written.
bool WriteStatisticsWorkbook(const RetailStatistics& statistics, const std::string& path, std::string* error);

} // namespace bondstore
