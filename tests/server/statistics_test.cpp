// The regulator's statistics (bondstore-admin stats, GET /api/admin/stats), on both stores: a
// month's figures count paid orders only, by every dimension; they reconcile both ways — each
// table's money sums to the total, and the total to the orders as stored; released and rejected
// to customs' receipts — and come out as CSV and as an XLSX workbook that a real reader (Python's
// openpyxl, Debian's) opens with its sheets and charts.
#include <doctest/doctest.h>

#include "server/customs/ceb_receipt.h"
#include "tests/server/order_fixture.h"
#include "tests/server/server_process.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <sstream>

using namespace bondstore;
using namespace bondstore::test;
using json = nlohmann::json;

namespace {

const std::string kOperatorToken = "operator-token-0123456789abcdefghijklm";
const std::string kReceiptToken = "receipt-token-0123456789abcdefghijklm";
const std::string kGuid = "4CD3B5F4-2B4F-4B55-9A52-6C35A8A0A0F1";

json Body(const httplib::Result& r) { return json::parse(r->body); }

// This month and today in China ("2026-12", "2026-12-06").
std::string ChinaToday()
{
    std::time_t t = std::time(nullptr) + 8 * 3600;
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&t));
    return text;
}

// The CSV's rows of one dimension: key → columns.
std::map<std::string, std::vector<std::string>> CsvRows(const std::string& csv, const std::string& dimension)
{
    std::map<std::string, std::vector<std::string>> rows;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> cells;
        std::stringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
        if (cells.size() == 12) cells.push_back(""); // (a trailing empty field)
        if (!cells.empty() && cells[0] == dimension) rows[cells[1]] = cells;
    }
    return rows;
}

} // namespace

TEST_CASE("the regulator's statistics: a month by every dimension, reconciled with the orders and customs' receipts; CSV and a workbook with charts")
{
    for (Backend& b : BothBackends()) {
        CAPTURE(b.kind);
        OrderShop shop(b, {}, {"BONDSTORE_ADMIN_TOKEN=" + kOperatorToken, "BONDSTORE_RECEIPT_TOKEN=" + kReceiptToken});
        httplib::Client c(shop.server.url);
        const httplib::Headers op = {{"Authorization", "Bearer " + kOperatorToken}};

        // Four orders: one released (two lines), one rejected, one with customs, one never paid.
        auto order = [&](const std::string& key, std::vector<std::pair<std::string, int>> lines, int buyer, bool pay) {
            auto r = PlaceOrder(c, key, OrderBody(lines, buyer, QuotedTotal(shop.server.url, lines)));
            REQUIRE(r);
            REQUIRE_MESSAGE(r->status == 201, r->body);
            json o = Body(r);
            std::string no = o["order_no"].get<std::string>();
            if (pay) {
                auto start = c.Post("/api/orders/" + no + "/payment", {{"X-Order-Secret", o["lookup_secret"].get<std::string>()}}, "", "application/json");
                REQUIRE(start);
                REQUIRE(start->status == 200);
                REQUIRE(c.Post("/api/payments/sandbox/notify", Body(start)["notification"].dump(), "application/json")->status == 200);
            }
            return no;
        };
        const std::string released = order("st-1", {{"T-001", 1}, {"T-002", 2}}, 1, true);
        const std::string rejected = order("st-2", {{"T-003", 1}}, 2, true);
        const std::string in_customs = order("st-3", {{"T-OTHER", 1}}, 3, true);
        order("st-4", {{"T-004", 1}}, 4, false);
        std::vector<CebReceipt> receipts = {{"order", kGuid, released, 2, "20261201100000000", "新增申报成功", "", ""},
                                            {"inventory", kGuid, released, 800, "20261201100500000", "放行", "", ""},
                                            {"order", kGuid, rejected, -301001, "20261201100000001", "订单重复", "", ""}};
        for (const CebReceipt& receipt : receipts) { // (one message per receipt: a message holds one kind)
            auto posted = c.Post("/api/single-window/receipts", {{"Authorization", "Bearer " + kReceiptToken}},
                                 CebReceiptsXml({receipt}, kGuid), "application/xml");
            REQUIRE(posted);
            REQUIRE_MESSAGE(posted->status == 200, posted->body);
        }
        REQUIRE(b.Sql("SELECT status FROM orders WHERE order_no = '" + released + "'") == "released");
        REQUIRE(b.Sql("SELECT status FROM orders WHERE order_no = '" + rejected + "'") == "rejected");

        const std::string today = ChinaToday(), month = today.substr(0, 7);
        std::vector<std::string> store_args = AdminStoreArgs(b);
        auto admin = [&](std::vector<std::string> args) {
            args.insert(args.end(), store_args.begin(), store_args.end());
            return Run(AdminBinary(), args);
        };
        const std::string csv_path = shop.files.path + "/stats.csv", xlsx_path = shop.files.path + "/stats.xlsx";
        RunResult written = admin({"stats", "--month", month, "--csv", csv_path, "--xlsx", xlsx_path});
        REQUIRE_MESSAGE(written.exit_code == 0, written.err);
        const std::string csv = ReadFile(csv_path);

        // The total: three paid orders (the unpaid one is no import), four lines, five items.
        auto total = CsvRows(csv, "total")[""];
        REQUIRE(total.size() == 13);
        CHECK(total[2] == "3");
        CHECK(total[3] == "4");
        CHECK(total[4] == "5");
        CHECK(total[10] == "1"); // released
        CHECK(total[11] == "1"); // rejected
        CHECK(total[12] == "0"); // returned
        // One way: the total is the orders as stored (goods and tax of the paid ones, in yuan).
        const std::string paid = "status NOT IN ('pending_payment', 'expired', 'cancelled')";
        int64_t goods = b.SqlInt("SELECT sum(goods_fen) FROM orders WHERE " + paid);
        int64_t tax = b.SqlInt("SELECT sum(tax_total_fen) FROM orders WHERE " + paid);
        auto yuan = [](int64_t fen) { return std::to_string(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + std::to_string(fen % 100); };
        CHECK(total[5] == yuan(goods));
        CHECK(total[9] == yuan(tax));
        // …and released and rejected are what customs' receipts said (800 on the list; a negative code).
        CHECK(std::to_string(b.SqlInt("SELECT count(DISTINCT order_no) FROM customs_receipts WHERE kind = 'inventory' AND status = '800'")) == total[10]);
        CHECK(std::to_string(b.SqlInt("SELECT count(DISTINCT order_no) FROM customs_receipts WHERE status LIKE '-%'")) == total[11]);
        // The other way: every dimension's goods and items sum to the total.
        for (const char* dimension : {"day", "hs_chapter", "origin", "warehouse", "store", "trade_mode", "outcome"}) {
            CAPTURE(dimension);
            int64_t fen = 0, items = 0;
            for (const auto& [key, row] : CsvRows(csv, dimension)) {
                size_t dot = row[5].find('.');
                fen += std::stoll(row[5].substr(0, dot)) * 100 + std::stoll(row[5].substr(dot + 1));
                items += std::stoll(row[4]);
            }
            CHECK(yuan(fen) == total[5]);
            CHECK(items == 5);
        }
        auto by_day = CsvRows(csv, "day");
        CHECK(by_day.size() >= 28); // every day of the month
        CHECK(by_day[today][2] == "3");
        CHECK(CsvRows(csv, "trade_mode")["1210"][2] == "3");
        CHECK(CsvRows(csv, "outcome")["released"][2] == "1");
        CHECK(CsvRows(csv, "outcome")["rejected"][2] == "1");
        CHECK(CsvRows(csv, "outcome")["in_customs"][2] == "1");
        CHECK(CsvRows(csv, "store")[""][2] == "3");
        CHECK(CsvRows(csv, "warehouse")["CQ-LL"][2] == "3");

        // The workbook, opened by a real reader: its sheets, the figures, and its charts.
        RunResult read = Run("/usr/bin/python3", {"-c", R"(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("|".join(ws.title + ":" + str(len(ws._charts)) for ws in wb))
print(wb["Summary"]["B4"].value, wb["By day"].max_row - 1)
)", xlsx_path});
        REQUIRE_MESSAGE(read.exit_code == 0, read.err);
        CHECK(read.out.find("Summary:1|By day:1|By HS chapter:1|By origin:1|By warehouse:0|By store:0|By trade mode:0|By outcome:0") == 0);
        CHECK(read.out.find("\n3 " + std::to_string(by_day.size())) != std::string::npos);

        // The operator API: the same figures as JSON; the CSV and the workbook as downloads.
        auto figures = c.Get("/api/admin/stats?month=" + month, op);
        REQUIRE(figures);
        REQUIRE(figures->status == 200);
        CHECK(Body(figures)["total"]["orders"] == 3);
        CHECK(Body(figures)["total"]["goods_fen"] == goods);
        auto day = c.Get("/api/admin/stats?day=" + today, op);
        CHECK(Body(day)["tables"][0]["rows"].size() == 1);
        auto as_csv = c.Get("/api/admin/stats?format=csv&month=" + month, op);
        REQUIRE(as_csv);
        CHECK(as_csv->body == csv);
        CHECK(as_csv->get_header_value("Content-Disposition") == "attachment; filename=\"bondstore-stats-" + month + ".csv\"");
        auto as_xlsx = c.Get("/api/admin/stats?format=xlsx&month=" + month, op);
        REQUIRE(as_xlsx);
        CHECK(as_xlsx->status == 200);
        CHECK(as_xlsx->body.rfind("PK", 0) == 0);
        for (const char* bad : {"", "?month=2026-13", "?month=2026-1", "?day=2026-02-30", "?month=2026-11&day=2026-11-01", "?month=2026-11&format=pdf"}) {
            CAPTURE(bad);
            CHECK(c.Get(std::string("/api/admin/stats") + bad, op)->status == 400);
        }
        CHECK(c.Get("/api/admin/stats?month=" + month)->status == 401);
        // Bad usage changes nothing and says how.
        CHECK(admin({"stats", "--month", "2026-13"}).exit_code == 2);
        CHECK(admin({"stats"}).exit_code == 2);
        RunResult table = admin({"stats", "--month", month});
        CHECK(table.exit_code == 0);
        CHECK(table.out.find("hs_chapter") != std::string::npos);
        (void)in_customs;
    }
}
