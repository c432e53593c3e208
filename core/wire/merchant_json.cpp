#include "core/wire/merchant_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

constexpr int64_t kMaxAdjustment = 1'000'000'000;

} // namespace

std::string MerchantMeToJson(const std::string& merchant)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("merchant", merchant).EndObject();
    return out;
}

std::optional<std::string> ParseMerchantMeJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded() || !j.contains("merchant") || !j["merchant"].is_string()) return std::nullopt;
    return j["merchant"].get<std::string>();
}

StockAdjustmentParse ParseStockAdjustmentJson(std::string_view text)
{
    StockAdjustmentParse out;
    json j = wire::ParseObject(text, &out.problems);
    if (j.is_discarded()) return out;
    FieldReader r(j, "adjustment", -1, out.problems);
    StockAdjustmentRequest& a = out.request;
    a.id = r.String("id", true);
    a.sku = r.String("sku", true);
    a.warehouse = r.String("warehouse", true);
    a.reason = r.String("reason", true);
    a.delta = r.Integer("delta", true);
    r.UnknownFields({"id", "sku", "warehouse", "reason", "delta"});
    if (HasErrors(out.problems)) return out;
    if (a.id.empty() || a.id.size() > 100) r.Report("stock.adjustment_invalid", "id", a.id);
    if (a.sku.empty()) r.Report("stock.adjustment_invalid", "sku", a.sku);
    if (a.warehouse.empty()) r.Report("stock.adjustment_invalid", "warehouse", a.warehouse);
    if (a.reason.empty() || a.reason.size() > 200) r.Report("stock.adjustment_invalid", "reason", a.reason);
    if (a.delta == 0 || a.delta > kMaxAdjustment || a.delta < -kMaxAdjustment)
        r.Report("stock.adjustment_invalid", "delta", std::to_string(a.delta));
    return out;
}

std::string StockAdjustmentToJson(const StockAdjustmentRequest& a)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Field("id", a.id)
        .Field("sku", a.sku)
        .Field("warehouse", a.warehouse)
        .Field("delta", a.delta)
        .Field("reason", a.reason)
        .EndObject();
    return out;
}

std::string StockAdjustmentAnswerToJson(const StockAdjustmentAnswer& a)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Field("id", a.id)
        .Field("sku", a.sku)
        .Field("warehouse", a.warehouse)
        .Field("on_hand", a.on_hand)
        .Field("reserved", a.reserved)
        .Field("available", a.on_hand - a.reserved)
        .Key("replayed")
        .Bool(a.replayed)
        .EndObject();
    return out;
}

std::string SalesFiguresToJson(const SalesFigures& f)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("merchant", f.merchant).Field("from", f.from).Field("to", f.to);
    w.Key("days").BeginArray();
    for (const SalesFigures::Day& d : f.days)
        w.BeginObject()
            .Field("date", d.date)
            .Field("orders", d.orders)
            .Field("goods_fen", d.goods_fen)
            .Field("tax_fen", d.tax_fen)
            .Field("rejected", d.rejected)
            .EndObject();
    w.EndArray();
    w.Key("top").BeginArray();
    for (const SalesFigures::Top& t : f.top) w.BeginObject().Field("sku", t.sku).Field("qty", t.qty).Field("goods_fen", t.goods_fen).EndObject();
    w.EndArray().EndObject();
    return out;
}

std::optional<SalesFigures> ParseSalesFiguresJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "stats", -1, problems);
    SalesFigures f;
    f.merchant = r.String("merchant", true);
    f.from = r.String("from", true);
    f.to = r.String("to", true);
    if (const json* days = r.Get("days", true); days && days->is_array())
        for (const json& d : *days) {
            if (!d.is_object()) continue;
            FieldReader dr(d, "days", -1, problems);
            f.days.push_back({dr.String("date", true), dr.Integer("orders", true), dr.Integer("goods_fen", true),
                              dr.Integer("tax_fen", true), dr.Integer("rejected", true)});
        }
    if (const json* top = r.Get("top", true); top && top->is_array())
        for (const json& t : *top) {
            if (!t.is_object()) continue;
            FieldReader tr(t, "top", -1, problems);
            f.top.push_back({tr.String("sku", true), tr.Integer("qty", true), tr.Integer("goods_fen", true)});
        }
    if (HasErrors(problems)) return std::nullopt;
    return f;
}

std::optional<OrderEventRequest> ParseOrderEventJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "event", -1, problems);
    OrderEventRequest e{r.String("event", true), r.String("detail", false)};
    if (HasErrors(problems)) return std::nullopt;
    return e;
}

std::string OrderEventToJson(const OrderEventRequest& e)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("event", e.event);
    if (!e.detail.empty()) w.Field("detail", e.detail);
    w.EndObject();
    return out;
}

std::string RefundListToJson(const RefundList& list)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("refunds").BeginArray();
    for (const RefundList::Refund& r : list.refunds)
        w.BeginObject().Field("order_no", r.order_no).Field("reason", r.reason).Field("state", r.state).Field("amount_fen", r.amount.fen)
            .Field("refund_no", r.refund_no).Field("provider", r.provider).Field("created_at", r.created_at).Field("updated_at", r.updated_at)
            .EndObject();
    w.EndArray().Field("due_fen", list.due.fen).Field("done_fen", list.done.fen).EndObject();
    return out;
}

std::string ReturnListToJson(const ReturnList& list)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("returns").BeginArray();
    for (const ReturnList::Return& r : list.returns)
        w.BeginObject().Field("order_no", r.order_no).Field("status", StatusCode(r.status)).Field("requested_at", r.info.requested_at)
            .Field("due_back_at", r.info.due_back_at).Field("goods_back_at", r.info.goods_back_at).EndObject();
    w.EndArray().EndObject();
    return out;
}

std::optional<ReturnList> ParseReturnListJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object() || !j.contains("returns") || !j["returns"].is_array()) return std::nullopt;
    std::vector<Problem> problems;
    ReturnList list;
    int64_t i = 0;
    for (const json& e : j["returns"]) {
        if (!e.is_object()) return std::nullopt;
        FieldReader f(e, "returns", i++, problems);
        ReturnList::Return x;
        x.order_no = f.String("order_no", true);
        std::optional<OrderStatus> status = ParseStatus(f.String("status", true));
        if (!status) return std::nullopt;
        x.status = *status;
        x.info = {f.Integer("requested_at", true), f.Integer("due_back_at", true), f.Integer("goods_back_at", false)};
        list.returns.push_back(std::move(x));
    }
    if (HasErrors(problems)) return std::nullopt;
    return list;
}

std::string TaxBillListToJson(const TaxBillList& list)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("bills").BeginArray();
    for (const TaxBillList::Bill& b : list.bills) {
        w.BeginObject().Field("order_no", b.order_no).Field("tax_no", b.tax_no).Field("status", int64_t(b.status)).Field("billed", b.billed)
            .Field("charged_fen", b.charged.fen);
        w.Key("differences").BeginArray();
        for (const std::string& d : b.differences) w.String(d);
        w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    return out;
}

std::optional<TaxBillList> ParseTaxBillListJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object() || !j.contains("bills") || !j["bills"].is_array()) return std::nullopt;
    std::vector<Problem> problems;
    TaxBillList list;
    int64_t i = 0;
    for (const json& e : j["bills"]) {
        if (!e.is_object()) return std::nullopt;
        FieldReader f(e, "bills", i++, problems);
        TaxBillList::Bill b;
        b.order_no = f.String("order_no", true);
        b.tax_no = f.String("tax_no", true);
        b.status = int(f.Integer("status", true));
        b.billed = f.String("billed", true);
        b.charged = f.Fen("charged_fen", true);
        if (auto d = e.find("differences"); d != e.end() && d->is_array())
            for (const json& x : *d)
                if (x.is_string()) b.differences.push_back(x.get<std::string>());
        list.bills.push_back(std::move(b));
    }
    if (HasErrors(problems)) return std::nullopt;
    return list;
}

std::optional<RefundList> ParseRefundListJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object() || !j.contains("refunds") || !j["refunds"].is_array()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "refunds", -1, problems);
    RefundList list;
    list.due = r.Fen("due_fen", true);
    list.done = r.Fen("done_fen", true);
    int64_t i = 0;
    for (const json& e : j["refunds"]) {
        if (!e.is_object()) return std::nullopt;
        FieldReader f(e, "refunds", i++, problems);
        RefundList::Refund x;
        x.order_no = f.String("order_no", true);
        x.reason = f.String("reason", true);
        x.state = f.String("state", true);
        x.amount = f.Fen("amount_fen", true);
        x.refund_no = f.String("refund_no", false);
        x.provider = f.String("provider", false);
        x.created_at = f.Integer("created_at", false);
        x.updated_at = f.Integer("updated_at", false);
        list.refunds.push_back(std::move(x));
    }
    if (HasErrors(problems)) return std::nullopt;
    return list;
}

} // namespace bondstore
