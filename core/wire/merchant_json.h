// The merchant API's own shapes (docs/api.md): who is signed in, a stock adjustment and its
// answer, the sales figures, and an order event a merchant records. (Uploads answer with an
// ImportReport, import_report_json.h.) Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/money.h"
#include "core/base/problem.h"
#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// GET /api/merchant/me: {"merchant"}
std::string MerchantMeToJson(const std::string& merchant);
std::optional<std::string> ParseMerchantMeJson(std::string_view json);

// POST /api/merchant/stock/adjustments: {"id","sku","warehouse","delta","reason"}
struct StockAdjustmentRequest {
    std::string id, sku, warehouse, reason;
    int64_t delta = 0;
};
// Problems name the field: json.* for the shape, "stock.adjustment_invalid" for an id over 100
// bytes, a reason over 200, a zero delta or one beyond ±1,000,000,000.
struct StockAdjustmentParse {
    StockAdjustmentRequest request;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};
StockAdjustmentParse ParseStockAdjustmentJson(std::string_view json);
std::string StockAdjustmentToJson(const StockAdjustmentRequest& request);

// Its answer: {"id","sku","warehouse","on_hand","reserved","available","replayed"}.
struct StockAdjustmentAnswer {
    std::string id, sku, warehouse;
    int64_t on_hand = 0, reserved = 0;
    bool replayed = false;
};
std::string StockAdjustmentAnswerToJson(const StockAdjustmentAnswer& answer);

// GET /api/merchant/stats: {"merchant","from","to","days":[{"date","orders","goods_fen","tax_fen",
// "rejected"}],"top":[{"sku","qty","goods_fen"}]}; every day of the range, oldest first.
struct SalesFigures {
    std::string merchant, from, to; // ISO dates, China calendar
    struct Day {
        std::string date;
        int64_t orders = 0, goods_fen = 0, tax_fen = 0, rejected = 0;
    };
    std::vector<Day> days;
    struct Top {
        std::string sku;
        int64_t qty = 0, goods_fen = 0;
    };
    std::vector<Top> top;
};
std::string SalesFiguresToJson(const SalesFigures& figures);
std::optional<SalesFigures> ParseSalesFiguresJson(std::string_view json);

// GET /api/merchant/refunds: what the merchant's orders owe back and what went back, newest first.
// {"refunds":[{"order_no","reason","state","amount_fen","refund_no","provider","created_at","updated_at"}],
//  "due_fen","done_fen"}. state: due (until the provider confirms), done, failed; reason: cancel,
// reject, return, late_payment.
struct RefundList {
    struct Refund {
        std::string order_no, reason, state, refund_no, provider;
        Money amount;
        int64_t created_at = 0, updated_at = 0;
    };
    std::vector<Refund> refunds;
    Money due, done;
};
std::string RefundListToJson(const RefundList& list);
std::optional<RefundList> ParseRefundListJson(std::string_view json);

// GET /api/merchant/returns: {"returns":[{"order_no","status","requested_at","due_back_at",
// "goods_back_at"}]} — returns declared to customs, with the day the goods are due back.
struct ReturnList {
    struct Return {
        std::string order_no;
        OrderStatus status = OrderStatus::Returning; // returning (customs deciding), returned, delivered (refused)
        OrderReturn info;
    };
    std::vector<Return> returns;
};
std::string ReturnListToJson(const ReturnList& list);
std::optional<ReturnList> ParseReturnListJson(std::string_view json);

// GET /api/merchant/tax-bills: {"bills":[{"order_no","tax_no","status","billed","charged_fen",
// "differences":[…]}]} — customs' tax bills (CEB816) of the merchant's orders, newest first;
// status 1 generated, 2 consolidated, 3 void; billed in yuan as customs wrote it; differences as
// core's TaxBillCheck names them (empty: the bill agrees with the tax charged).
struct TaxBillList {
    struct Bill {
        std::string order_no, tax_no;
        int status = 1;
        std::string billed;
        Money charged;
        std::vector<std::string> differences;
    };
    std::vector<Bill> bills;
};
std::string TaxBillListToJson(const TaxBillList& list);
std::optional<TaxBillList> ParseTaxBillListJson(std::string_view json);

// POST /api/merchant/orders/{no}/events: {"event","detail"?}
struct OrderEventRequest {
    std::string event, detail;
};
std::optional<OrderEventRequest> ParseOrderEventJson(std::string_view json);
std::string OrderEventToJson(const OrderEventRequest& request);

} // namespace bondstore
