// RetailStatistics: the pilot zone's figures of cross-border retail imports ("full-coverage
// statistics", the monthly report) — orders, goods value, tax by kind, by day, HS chapter, origin
// country, bonded warehouse, experience store, trade mode and customs' outcome — computed from the
// orders' lines as they were taken. bondstore-admin stats and the operator screen show them; the
// server reads the lines (SalesStore::StatisticsLines), core counts.
//
// What counts: every order placed in the period that went to customs or was bound for it — paid
// onward (core's CountsAsSale) plus those customs rejected or that came back (returned). Orders
// never paid, expired or cancelled are no import. An order counts once in a row (its lines may
// fall in several rows of one table: two HS chapters); goods, tax and quantities are its lines'.
// So each table's money and quantities sum to the total, and its order counts at least to it.
#pragma once

#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// Bondstore's orders ship from a bonded warehouse: cross-border e-commerce bonded imports, customs
// trade mode 1210 (网购保税进口).
inline constexpr std::string_view kBondedImportTradeMode = "1210";

// One order line, as the statistics read it.
struct StatisticsLine {
    std::string order_no;
    int64_t day = 0;              // the China calendar day the order was placed (days since 1970-01-01)
    OrderStatus status = OrderStatus::Paid;
    std::string hs_code;          // the product as sold: 10 digits
    std::string origin;           // ISO 3166 alpha-2 ("JP"); "" if the product named none
    std::string warehouse, store; // store "" for shoppers' own devices
    std::string trade_mode;       // "1210"
    int64_t qty = 0, goods_fen = 0, tariff_fen = 0, consumption_tax_fen = 0, vat_fen = 0;
};

// Where an order stands with customs, for the statistics: "in_customs" (paid, declared, being
// withdrawn), "released" (released, shipped, delivered, a return asked), "rejected", "returned";
// "" for an order that is no import (never paid, expired, cancelled).
std::string_view StatisticsOutcome(OrderStatus status);

struct StatisticsFigures {
    int64_t orders = 0, lines = 0, qty = 0;
    int64_t goods_fen = 0, tariff_fen = 0, consumption_tax_fen = 0, vat_fen = 0;
    int64_t released = 0, rejected = 0, returned = 0; // orders
    int64_t tax_fen() const { return tariff_fen + consumption_tax_fen + vat_fen; }
};

struct StatisticsRow {
    std::string key;              // the day ("2026-11-05"), the chapter ("04"), the country ("NZ"), …
    StatisticsFigures figures;
};

struct StatisticsTable {
    std::string dimension;        // "day", "hs_chapter", "origin", "warehouse", "store", "trade_mode", "outcome"
    std::vector<StatisticsRow> rows; // by key; every day of the period in "day"
};

struct RetailStatistics {
    std::string from, to;         // ISO dates, China calendar, inclusive
    StatisticsFigures total;
    std::vector<StatisticsTable> tables; // in the order of the dimensions above
};

// A period of the statistics: a month ("2026-11") or a day ("2026-11-05"), as China calendar days
// (first and last, inclusive). Nothing for anything else ("2026-13", "2026-11-31", "2026-1").
struct StatisticsPeriod {
    int64_t first = 0, last = 0;
    std::string name;             // as given: "2026-11"
};
std::optional<StatisticsPeriod> ParseStatisticsPeriod(std::string_view month_or_day);

// The figures of `lines` placed from day `first` to `last` (China calendar days, inclusive);
// lines outside the period and of orders that are no import are left out.
RetailStatistics ComputeRetailStatistics(const std::vector<StatisticsLine>& lines, int64_t first, int64_t last);

// The statistics as a file: its name ("bondstore-stats-2026-11.xlsx") and media type, for "csv"
// or "xlsx" — the server's download and the operator screen's saved file say the same.
std::string StatisticsFileName(std::string_view period, std::string_view format);
std::string_view StatisticsMediaType(std::string_view format);

// One CSV (RFC 4180, a header line): dimension,key,orders,lines,qty,goods,tariff,consumption_tax,
// vat,tax,released,rejected,returned — money in yuan with two decimals; the total first
// (dimension "total", key "").
std::string RetailStatisticsCsv(const RetailStatistics& statistics);

} // namespace bondstore
