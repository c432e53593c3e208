#include "core/wire/order_json.h"

#include "core/catalog/bonded_stock.h"
#include "core/orders/fulfilment.h"
#include "core/orders/shipment.h"
#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

// A field holding personal data: any value that is not a string is reported without itself.
std::string PrivateString(FieldReader& r, const char* key, bool required)
{
    const json* v = r.Get(key, required);
    if (!v) return {};
    if (!v->is_string()) { r.Report("json.expected_string", key, v->is_number() ? "(a number)" : v->type_name()); return {}; }
    return v->get<std::string>();
}

} // namespace

OrderRequestParse ParseOrderRequestJson(std::string_view text)
{
    OrderRequestParse out;
    Problem syntax;
    json doc = wire::ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(syntax); return out; }
    if (!doc.is_object()) {
        out.problems.push_back(wire::SectionProblem("json.expected_object", "order", -1, doc.type_name()));
        return out;
    }
    FieldReader r(doc, "order", -1, out.problems);
    OrderRequest& o = out.request;
    if (const json* lines = r.Get("lines", true)) {
        if (!lines->is_array()) r.Report("json.expected_array", "lines");
        else {
            // At most 99 lines are ever accepted; a huge list is refused without reading it all.
            if (lines->size() > 1000) r.Report("order.too_many_lines", "lines", std::to_string(lines->size()));
            else
                for (size_t i = 0; i < lines->size(); i++) {
                    const json& l = (*lines)[i];
                    if (!l.is_object()) {
                        out.problems.push_back(wire::SectionProblem("json.expected_object", "lines", int64_t(i), l.type_name()));
                        continue;
                    }
                    FieldReader lr(l, "lines", int64_t(i), out.problems);
                    OrderLineRequest line;
                    line.sku = lr.String("sku", true);
                    line.qty = lr.Integer("qty", true);
                    lr.UnknownFields({"sku", "qty"});
                    o.lines.push_back(std::move(line));
                }
        }
    }
    if (const json* b = r.Get("buyer", true)) {
        if (!b->is_object()) r.Report("json.expected_object", "buyer", b->type_name());
        else {
            FieldReader br(*b, "order", -1, out.problems, {}, "buyer.");
            o.buyer.name = PrivateString(br, "name", true);
            o.buyer.id_number = PrivateString(br, "id_number", true);
            o.buyer.phone = PrivateString(br, "phone", true);
            br.UnknownFields({"name", "id_number", "phone"});
        }
    }
    if (const json* c = r.Get("consignee", true)) {
        if (!c->is_object()) r.Report("json.expected_object", "consignee", c->type_name());
        else {
            FieldReader cr(*c, "order", -1, out.problems, {}, "consignee.");
            o.consignee.name = PrivateString(cr, "name", true);
            o.consignee.phone = PrivateString(cr, "phone", true);
            o.consignee.address = PrivateString(cr, "address", true);
            o.consignee.district = cr.String("district", true);
            cr.UnknownFields({"name", "phone", "address", "district"});
        }
    }
    o.freight = r.Fen("freight_fen", false);
    o.expected_total = r.Fen("expected_total_fen", true);
    r.UnknownFields({"lines", "buyer", "consignee", "freight_fen", "expected_total_fen"});
    return out;
}

std::string OrderRequestToJson(const OrderRequest& o)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    w.Key("lines").BeginArray();
    for (const OrderLineRequest& l : o.lines) w.BeginObject().Field("sku", l.sku).Field("qty", l.qty).EndObject();
    w.EndArray();
    w.Key("buyer").BeginObject().Field("name", o.buyer.name).Field("id_number", o.buyer.id_number).Field("phone", o.buyer.phone).EndObject();
    w.Key("consignee").BeginObject().Field("name", o.consignee.name).Field("phone", o.consignee.phone)
        .Field("address", o.consignee.address).Field("district", o.consignee.district).EndObject();
    w.Field("freight_fen", o.freight.fen).Field("expected_total_fen", o.expected_total.fen);
    w.EndObject();
    return out;
}

std::string OrderReceiptToJson(const OrderReceipt& o)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    w.Field("order_no", o.order_no).Field("status", StatusCode(o.status)).Field("created_at", o.created_at);
    if (!o.lookup_secret.empty()) w.Field("lookup_secret", o.lookup_secret);
    if (o.pay_before) w.Field("pay_before", o.pay_before);
    w.Field("amount_to_pay_fen", o.amount_to_pay.fen).Field("tax_total_fen", o.tax_total.fen);
    w.Key("buyer").BeginObject().Field("name", o.buyer_name).Field("id_number", o.buyer_id_number)
        .Field("phone", o.buyer_phone).EndObject();
    w.Key("consignee").BeginObject().Field("name", o.consignee_name).Field("phone", o.consignee_phone)
        .Field("address", o.consignee_address).Field("district", o.consignee_district).EndObject();
    w.Key("lines").BeginArray();
    for (const OrderLineRequest& l : o.lines) w.BeginObject().Field("sku", l.sku).Field("qty", l.qty).EndObject();
    w.EndArray();
    if (!o.warehouse.empty()) w.Field("warehouse", o.warehouse);
    w.Key("timeline").BeginArray();
    for (const OrderTimelineEntry& e : o.timeline) {
        w.BeginObject().Field("status", StatusCode(e.status)).Field("at", e.at);
        if (!e.detail.empty()) w.Field("detail", e.detail);
        w.EndObject();
    }
    w.EndArray();
    w.Key("customs").BeginArray();
    for (const CustomsStep& c : o.customs) w.BeginObject().Field("message", c.message).Field("code", c.code).Field("at", c.at).EndObject();
    w.EndArray();
    if (!o.shipment.carrier.empty()) {
        w.Key("shipment").BeginObject().Field("carrier", o.shipment.carrier).Field("waybill_no", o.shipment.waybill_no);
        w.Key("tracking").BeginArray();
        for (const TrackingEvent& e : o.shipment.tracking)
            w.BeginObject().Field("stage", TrackingStageCode(e.stage)).Field("code", e.code).Field("at", e.at).Field("place", e.place)
                .Field("text", e.text).EndObject();
        w.EndArray().EndObject();
    }
    if (o.return_info.requested_at != 0) {
        w.Key("return").BeginObject().Field("requested_at", o.return_info.requested_at).Field("due_back_at", o.return_info.due_back_at);
        if (o.return_info.goods_back_at != 0) w.Field("goods_back_at", o.return_info.goods_back_at);
        w.EndObject();
    }
    out += ",\"quote\":";
    out += o.quote_json.empty() ? "null" : o.quote_json;
    out += "}";
    return out;
}

OrderReceiptParse ParseOrderReceiptJson(std::string_view text)
{
    OrderReceiptParse out;
    Problem syntax;
    json doc = wire::ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(syntax); return out; }
    if (!doc.is_object()) { out.problems.push_back(wire::SectionProblem("json.expected_object", "order", -1)); return out; }
    FieldReader r(doc, "order", -1, out.problems);
    OrderReceipt& o = out.receipt;
    o.order_no = r.String("order_no", true);
    std::string status = r.String("status", true);
    if (auto s = ParseStatus(status)) o.status = *s;
    else if (!status.empty()) r.Report("order.status_unknown", "status", status);
    o.created_at = r.Integer("created_at", true);
    o.lookup_secret = r.String("lookup_secret", false);
    o.pay_before = r.Integer("pay_before", false);
    o.amount_to_pay = r.Fen("amount_to_pay_fen", true);
    o.tax_total = r.Fen("tax_total_fen", true);
    if (const json* b = r.Get("buyer", false); b && b->is_object()) {
        FieldReader br(*b, "order", -1, out.problems, {}, "buyer.");
        o.buyer_name = br.String("name", false);
        o.buyer_id_number = br.String("id_number", false);
        o.buyer_phone = br.String("phone", false);
    }
    if (const json* c = r.Get("consignee", false); c && c->is_object()) {
        FieldReader cr(*c, "order", -1, out.problems, {}, "consignee.");
        o.consignee_name = cr.String("name", false);
        o.consignee_phone = cr.String("phone", false);
        o.consignee_address = cr.String("address", false);
        o.consignee_district = cr.String("district", false);
    }
    if (const json* lines = r.Get("lines", false); lines && lines->is_array())
        for (const json& l : *lines)
            if (l.is_object()) {
                FieldReader lr(l, "lines", -1, out.problems);
                o.lines.push_back({lr.String("sku", true), lr.Integer("qty", true)});
            }
    o.warehouse = r.String("warehouse", false);
    if (const json* t = r.Get("timeline", false); t && t->is_array())
        for (const json& e : *t)
            if (e.is_object()) {
                FieldReader er(e, "timeline", -1, out.problems);
                OrderTimelineEntry entry;
                if (auto s = ParseStatus(er.String("status", true))) entry.status = *s;
                entry.at = er.Integer("at", true);
                entry.detail = er.String("detail", false);
                o.timeline.push_back(std::move(entry));
            }
    if (const json* c = r.Get("customs", false); c && c->is_array())
        for (const json& e : *c)
            if (e.is_object()) {
                FieldReader cr(e, "customs", -1, out.problems);
                o.customs.push_back({cr.String("message", true), cr.Integer("code", true), cr.Integer("at", true)});
            }
    if (const json* sh = r.Get("shipment", false); sh && sh->is_object()) {
        FieldReader sr(*sh, "shipment", -1, out.problems);
        o.shipment.carrier = sr.String("carrier", true);
        o.shipment.waybill_no = sr.String("waybill_no", true);
        if (const json* t = sr.Get("tracking", false); t && t->is_array())
            for (const json& e : *t)
                if (e.is_object()) {
                    FieldReader er(e, "tracking", -1, out.problems);
                    TrackingEvent event;
                    std::string stage = er.String("stage", true);
                    if (auto st = ParseTrackingStage(stage)) event.stage = *st;
                    else if (!stage.empty()) er.Report("order.tracking_stage_unknown", "stage", stage);
                    event.code = er.String("code", false);
                    event.at = er.Integer("at", true);
                    event.place = er.String("place", false);
                    event.text = er.String("text", false);
                    o.shipment.tracking.push_back(std::move(event));
                }
    }
    if (const json* rt = r.Get("return", false); rt && rt->is_object()) {
        FieldReader rr(*rt, "return", -1, out.problems);
        o.return_info.requested_at = rr.Integer("requested_at", true);
        o.return_info.due_back_at = rr.Integer("due_back_at", true);
        o.return_info.goods_back_at = rr.Integer("goods_back_at", false);
    }
    if (const json* q = r.Get("quote", false); q && q->is_object()) o.quote_json = q->dump();
    return out;
}

std::string InventoryToJson(const std::vector<SkuAvailability>& items)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Key("items").BeginArray();
    for (const SkuAvailability& i : items) {
        // What one order can take is what one warehouse holds (core/orders/fulfilment.h).
        const int64_t orderable = OrderableQty(i);
        w.BeginObject().Field("sku", i.sku).Field("available", i.available).Field("orderable", orderable)
            .Field("level", AvailabilityLevel(orderable));
        w.Key("warehouses").BeginArray();
        for (const auto& [code, n] : i.warehouses) w.BeginObject().Field("code", code).Field("available", n).EndObject();
        w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    return out;
}

InventoryParse ParseInventoryJson(std::string_view text)
{
    InventoryParse out;
    Problem syntax;
    json doc = wire::ParseDocument(text, &syntax);
    if (doc.is_discarded()) { out.problems.push_back(syntax); return out; }
    const json* items = doc.is_object() && doc.contains("items") ? &doc["items"] : nullptr;
    if (!items || !items->is_array()) {
        out.problems.push_back(wire::SectionProblem("json.expected_array", "items", -1));
        return out;
    }
    for (size_t k = 0; k < items->size(); k++) {
        const json& i = (*items)[k];
        if (!i.is_object()) continue;
        FieldReader r(i, "items", int64_t(k), out.problems);
        SkuAvailability a;
        a.sku = r.String("sku", true);
        a.available = r.Integer("available", true);
        if (const json* ws = r.Get("warehouses", false); ws && ws->is_array())
            for (const json& wh : *ws)
                if (wh.is_object()) {
                    FieldReader wr(wh, "items", int64_t(k), out.problems);
                    a.warehouses.emplace_back(wr.String("code", true), wr.Integer("available", true));
                }
        out.items.push_back(std::move(a));
    }
    return out;
}

std::string OrderContactToJson(const OrderContact& c)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject();
    w.Key("buyer").BeginObject().Field("name", c.buyer.name).Field("id_number", c.buyer.id_number).Field("phone", c.buyer.phone).EndObject();
    w.Key("consignee").BeginObject().Field("name", c.consignee.name).Field("phone", c.consignee.phone)
        .Field("address", c.consignee.address).Field("district", c.consignee.district).EndObject();
    w.EndObject();
    return out;
}

std::optional<OrderContact> ParseOrderContactJson(std::string_view text)
{
    json doc = wire::ParseObject(text);
    if (doc.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(doc, "contact", -1, problems);
    const json* b = r.Get("buyer", true);
    const json* c = r.Get("consignee", true);
    if (!b || !c || !b->is_object() || !c->is_object()) return std::nullopt;
    OrderContact out;
    FieldReader br(*b, "contact", -1, problems, {}, "buyer.");
    out.buyer.name = br.String("name", true);
    out.buyer.id_number = br.String("id_number", true);
    out.buyer.phone = br.String("phone", false);
    FieldReader cr(*c, "contact", -1, problems, {}, "consignee.");
    out.consignee.name = cr.String("name", false);
    out.consignee.phone = cr.String("phone", false);
    out.consignee.address = cr.String("address", false);
    out.consignee.district = cr.String("district", false);
    if (HasErrors(problems)) return std::nullopt;
    return out;
}

std::string MaskedContactToJson(const OrderReceipt& r)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject()
        .Field("buyer_name", r.buyer_name)
        .Field("buyer_id_number", r.buyer_id_number)
        .Field("buyer_phone", r.buyer_phone)
        .Field("consignee_name", r.consignee_name)
        .Field("consignee_phone", r.consignee_phone)
        .Field("consignee_address", r.consignee_address)
        .Field("consignee_district", r.consignee_district)
        .EndObject();
    return out;
}

bool ParseMaskedContactJson(std::string_view text, OrderReceipt* r)
{
    json doc = wire::ParseObject(text);
    if (doc.is_discarded()) return false;
    std::vector<Problem> problems;
    FieldReader f(doc, "masked", -1, problems);
    r->buyer_name = f.String("buyer_name", false);
    r->buyer_id_number = f.String("buyer_id_number", false);
    r->buyer_phone = f.String("buyer_phone", false);
    r->consignee_name = f.String("consignee_name", false);
    r->consignee_phone = f.String("consignee_phone", false);
    r->consignee_address = f.String("consignee_address", false);
    r->consignee_district = f.String("consignee_district", false);
    return !HasErrors(problems);
}

std::string QueuedOrderRecordToJson(const QueuedOrderRecord& r)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("body", r.body).Field("locale", r.locale).Key("sealed").Bool(r.sealed).EndObject();
    return out;
}

std::optional<QueuedOrderRecord> ParseQueuedOrderRecordJson(std::string_view text)
{
    json doc = wire::ParseObject(text);
    if (doc.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(doc, "outbox", -1, problems);
    QueuedOrderRecord q;
    q.body = r.String("body", true);
    q.locale = r.String("locale", false);
    q.sealed = doc.contains("sealed") && doc["sealed"].is_boolean() && doc["sealed"].get<bool>();
    if (HasErrors(problems)) return std::nullopt;
    return q;
}

} // namespace bondstore
