#include "core/wire/operator_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

// Each object of the array `key` of `r`'s object, read by `each` (non-objects skipped).
template <class Each>
void ForEachObject(FieldReader& r, const char* key, std::vector<Problem>& problems, Each each)
{
    const json* array = r.Get(key, true);
    if (!array) return;
    if (!array->is_array()) return r.Report("json.expected_array", key);
    int64_t index = 0;
    for (const json& item : *array) {
        FieldReader ir(item, key, index++, problems);
        if (item.is_object()) each(ir);
        else r.Report("json.expected_object", key);
    }
}

void WriteFigures(wire::JsonWriter& w, const StatisticsFigures& f)
{
    w.Field("orders", f.orders)
        .Field("lines", f.lines)
        .Field("qty", f.qty)
        .Field("goods_fen", f.goods_fen)
        .Field("tariff_fen", f.tariff_fen)
        .Field("consumption_tax_fen", f.consumption_tax_fen)
        .Field("vat_fen", f.vat_fen)
        .Field("released", f.released)
        .Field("rejected", f.rejected)
        .Field("returned", f.returned);
}

StatisticsFigures ReadFigures(FieldReader& r)
{
    StatisticsFigures f;
    f.orders = r.Integer("orders", true);
    f.lines = r.Integer("lines", true);
    f.qty = r.Integer("qty", true);
    f.goods_fen = r.Integer("goods_fen", true);
    f.tariff_fen = r.Integer("tariff_fen", true);
    f.consumption_tax_fen = r.Integer("consumption_tax_fen", true);
    f.vat_fen = r.Integer("vat_fen", true);
    f.released = r.Integer("released", true);
    f.rejected = r.Integer("rejected", true);
    f.returned = r.Integer("returned", true);
    return f;
}

} // namespace

std::string StoreActivityToJson(const StoreActivity& a)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("from", a.from).Field("to", a.to);
    w.Key("places").BeginArray();
    for (const StoreActivity::Place& p : a.places)
        w.BeginObject()
            .Field("store", p.store)
            .Field("kiosk", p.kiosk)
            .Field("orders", p.orders)
            .Field("goods_fen", p.goods_fen)
            .Field("tax_fen", p.tax_fen)
            .EndObject();
    w.EndArray();
    w.Key("kiosks").BeginArray();
    for (const StoreActivity::Kiosk& k : a.kiosks)
        w.BeginObject()
            .Field("id", k.id)
            .Field("name", k.name)
            .Field("store", k.store)
            .Field("state", k.state)
            .Field("last_seen_at", k.last_seen_at)
            .EndObject();
    w.EndArray();
    w.Key("days").BeginArray();
    for (const StoreActivity::Day& d : a.days)
        w.BeginObject().Field("date", d.date).Field("orders", d.orders).Field("at_stores", d.at_stores).EndObject();
    w.EndArray().EndObject();
    return out;
}

std::optional<StoreActivity> ParseStoreActivityJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "activity", -1, problems);
    StoreActivity a;
    a.from = r.String("from", true);
    a.to = r.String("to", true);
    ForEachObject(r, "places", problems, [&](FieldReader& p) {
        a.places.push_back({p.String("store", true), p.String("kiosk", true), p.Integer("orders", true), p.Integer("goods_fen", true),
                            p.Integer("tax_fen", true)});
    });
    ForEachObject(r, "kiosks", problems, [&](FieldReader& k) {
        a.kiosks.push_back({k.String("id", true), k.String("name", true), k.String("store", true), k.String("state", true),
                            k.Integer("last_seen_at", true)});
    });
    ForEachObject(r, "days", problems, [&](FieldReader& d) {
        a.days.push_back({d.String("date", true), d.Integer("orders", true), d.Integer("at_stores", true)});
    });
    if (HasErrors(problems)) return std::nullopt;
    return a;
}

std::string OrderOverviewToJson(const OrderOverview& overview)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("orders").BeginArray();
    for (const OrderOverview::Order& o : overview.orders)
        w.BeginObject()
            .Field("order_no", o.order_no)
            .Field("placed_at", o.placed_at)
            .Field("status", StatusCode(o.status))
            .Field("merchant", o.merchant)
            .Field("store", o.store)
            .Field("kiosk", o.kiosk)
            .Field("goods_fen", o.goods_fen)
            .Field("tax_fen", o.tax_fen)
            .Field("amount_fen", o.amount_fen)
            .EndObject();
    w.EndArray().EndObject();
    return out;
}

std::optional<OrderOverview> ParseOrderOverviewJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "orders", -1, problems);
    OrderOverview overview;
    ForEachObject(r, "orders", problems, [&](FieldReader& o) {
        OrderOverview::Order order;
        order.order_no = o.String("order_no", true);
        order.placed_at = o.Integer("placed_at", true);
        std::string status = o.String("status", true);
        std::optional<OrderStatus> known = ParseStatus(status);
        if (!known) o.Report("order.status_unknown", "status", status);
        order.status = known.value_or(OrderStatus::PendingPayment);
        order.merchant = o.String("merchant", true);
        order.store = o.String("store", true);
        order.kiosk = o.String("kiosk", true);
        order.goods_fen = o.Integer("goods_fen", true);
        order.tax_fen = o.Integer("tax_fen", true);
        order.amount_fen = o.Integer("amount_fen", true);
        overview.orders.push_back(std::move(order));
    });
    if (HasErrors(problems)) return std::nullopt;
    return overview;
}

std::string CustomsRejectionsToJson(const CustomsRejections& list)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("rejections").BeginArray();
    for (const CustomsRejections::Rejection& x : list.rejections)
        w.BeginObject()
            .Field("order_no", x.order_no)
            .Field("merchant", x.merchant)
            .Field("store", x.store)
            .Field("rejected_at", x.rejected_at)
            .Field("message", x.message)
            .Field("code", x.code)
            .Field("info", x.info)
            .EndObject();
    w.EndArray().EndObject();
    return out;
}

std::optional<CustomsRejections> ParseCustomsRejectionsJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "rejections", -1, problems);
    CustomsRejections list;
    ForEachObject(r, "rejections", problems, [&](FieldReader& x) {
        list.rejections.push_back({x.String("order_no", true), x.String("merchant", true), x.String("store", true),
                                   x.Integer("rejected_at", true), x.String("message", true), x.String("code", true),
                                   x.String("info", true)});
    });
    if (HasErrors(problems)) return std::nullopt;
    return list;
}

std::string MerchantAccountsToJson(const MerchantAccounts& accounts)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("merchants").BeginArray();
    for (const MerchantAccounts::Merchant& m : accounts.merchants) {
        w.BeginObject().Field("merchant", m.merchant).Key("tokens").BeginArray();
        for (const MerchantAccounts::Token& t : m.tokens)
            w.BeginObject()
                .Field("label", t.label)
                .Field("hash_prefix", t.hash_prefix)
                .Field("created_at", t.created_at)
                .Key("revoked").Bool(t.revoked)
                .EndObject();
        w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    return out;
}

std::optional<MerchantAccounts> ParseMerchantAccountsJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "merchants", -1, problems);
    MerchantAccounts accounts;
    ForEachObject(r, "merchants", problems, [&](FieldReader& m) {
        MerchantAccounts::Merchant merchant;
        merchant.merchant = m.String("merchant", true);
        ForEachObject(m, "tokens", problems, [&](FieldReader& t) {
            MerchantAccounts::Token token{t.String("label", true), t.String("hash_prefix", true), t.String("created_at", true)};
            const json* revoked = t.Get("revoked", true);
            if (revoked && !revoked->is_boolean()) t.Report("json.expected_boolean", "revoked");
            token.revoked = revoked && revoked->is_boolean() && revoked->get<bool>();
            merchant.tokens.push_back(std::move(token));
        });
        accounts.merchants.push_back(std::move(merchant));
    });
    if (HasErrors(problems)) return std::nullopt;
    return accounts;
}

std::string RetailStatisticsToJson(const RetailStatistics& s)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("from", s.from).Field("to", s.to).Key("total").BeginObject();
    WriteFigures(w, s.total);
    w.EndObject().Key("tables").BeginArray();
    for (const StatisticsTable& t : s.tables) {
        w.BeginObject().Field("dimension", t.dimension).Key("rows").BeginArray();
        for (const StatisticsRow& r : t.rows) {
            w.BeginObject().Field("key", r.key);
            WriteFigures(w, r.figures);
            w.EndObject();
        }
        w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    return out;
}

std::optional<RetailStatistics> ParseRetailStatisticsJson(std::string_view text)
{
    std::vector<Problem> problems;
    json j = wire::ParseObject(text, &problems);
    if (j.is_discarded()) return std::nullopt;
    FieldReader r(j, "stats", -1, problems);
    RetailStatistics s;
    s.from = r.String("from", true);
    s.to = r.String("to", true);
    if (const json* total = r.Get("total", true); total && total->is_object()) {
        FieldReader tr(*total, "total", -1, problems);
        s.total = ReadFigures(tr);
    } else if (total) {
        r.Report("json.expected_object", "total");
    }
    ForEachObject(r, "tables", problems, [&](FieldReader& t) {
        StatisticsTable table{t.String("dimension", true), {}};
        ForEachObject(t, "rows", problems, [&](FieldReader& row) {
            std::string key = row.String("key", true);
            table.rows.push_back({std::move(key), ReadFigures(row)});
        });
        s.tables.push_back(std::move(table));
    });
    if (HasErrors(problems)) return std::nullopt;
    return s;
}

} // namespace bondstore
