#include "core/wire/service_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;

std::string ReadinessToJson(const Readiness& r)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Key("ready").Bool(r.ready)
        .Field("database", r.database)
        .Field("relay", r.relay)
        .Key("stopping").Bool(r.stopping)
        .EndObject();
    return out;
}

std::string HealthStatusToJson(const HealthStatus& h)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Field("status", h.status)
        .Field("version", h.version)
        .Field("store", h.store)
        .Field("icu", h.icu)
        .Field("catalog_version", h.catalog_version)
        .Field("products", h.products)
        .Field("payment", h.payment)
        .Key("payment_sandbox")
        .Bool(h.payment_sandbox)
        .EndObject();
    return out;
}

std::optional<HealthStatus> ParseHealthStatusJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "health", -1, problems);
    HealthStatus h;
    h.status = r.String("status", true);
    h.version = r.String("version", false);
    h.store = r.String("store", false);
    h.icu = r.String("icu", false);
    h.catalog_version = r.Integer("catalog_version", false);
    h.products = r.Integer("products", false);
    h.payment = r.String("payment", false);
    h.payment_sandbox = j.contains("payment_sandbox") && j["payment_sandbox"].is_boolean() && j["payment_sandbox"].get<bool>();
    if (HasErrors(problems)) return std::nullopt;
    return h;
}

std::string KioskSettingsToJson(const KioskSettings& k)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("idle_seconds", k.idle_seconds).Field("warning_seconds", k.warning_seconds).EndObject();
    return out;
}

std::optional<KioskSettings> ParseKioskSettingsJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "kiosk", -1, problems);
    KioskSettings k;
    k.idle_seconds = r.Integer("idle_seconds", true);
    if (j.contains("warning_seconds")) k.warning_seconds = r.Integer("warning_seconds", false);
    if (HasErrors(problems) || k.idle_seconds <= 0 || k.warning_seconds < 0) return std::nullopt;
    return k;
}

std::string KioskEnrollmentToJson(const std::string& code)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("code", code).EndObject();
    return out;
}

std::optional<std::string> ParseKioskEnrollmentJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded() || !j.contains("code") || !j["code"].is_string()) return std::nullopt;
    std::string code = j["code"].get<std::string>();
    if (code.size() > 64) return std::nullopt;
    return code;
}

std::string KioskTokenToJson(const KioskToken& t)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("kiosk", t.kiosk).Field("store", t.store).Field("token", t.token).EndObject();
    return out;
}

std::optional<KioskToken> ParseKioskTokenJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "kiosk", -1, problems);
    KioskToken t{r.String("kiosk", true), r.String("store", false), r.String("token", true)};
    if (HasErrors(problems)) return std::nullopt;
    return t;
}

std::string RelayStatusToJson(const RelayStatus& s)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject()
        .Field("relay", s.on ? "on" : "off")
        .Field("pending", s.pending)
        .Field("failing", s.failing)
        .Field("oldest_age_s", s.oldest_age_s)
        .Field("sent", s.sent)
        .Field("parked_total", s.parked_total);
    w.Key("parked").BeginArray();
    for (const RelayStatus::Parked& p : s.parked)
        w.BeginObject()
            .Field("order_no", p.order_no)
            .Field("kind", p.kind)
            .Field("error", p.error)
            .Field("ready_at", p.ready_at)
            .Field("attempts", p.attempts)
            .EndObject();
    w.EndArray().EndObject();
    return out;
}

std::optional<RelayStatus> ParseRelayStatusJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "relay", -1, problems);
    RelayStatus s;
    s.on = r.String("relay", true) == "on";
    s.pending = r.Integer("pending", true);
    s.failing = r.Integer("failing", true);
    s.oldest_age_s = r.Integer("oldest_age_s", true);
    s.sent = r.Integer("sent", true);
    s.parked_total = r.Integer("parked_total", true);
    if (const json* parked = r.Get("parked", true); parked && parked->is_array())
        for (const json& p : *parked) {
            if (!p.is_object()) continue;
            FieldReader pr(p, "parked", -1, problems);
            s.parked.push_back({pr.String("order_no", true), pr.String("kind", true), pr.String("error", false),
                                pr.Integer("ready_at", false), pr.Integer("attempts", false)});
        }
    if (HasErrors(problems)) return std::nullopt;
    return s;
}

std::string ReceiptsAckToJson(const ReceiptsAck& a)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Field("applied", a.applied)
        .Field("duplicates", a.duplicates)
        .Field("unknown_orders", a.unknown_orders)
        .EndObject();
    return out;
}

std::optional<ReceiptsAck> ParseReceiptsAckJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "receipts", -1, problems);
    ReceiptsAck a{r.Integer("applied", true), r.Integer("duplicates", true), r.Integer("unknown_orders", true)};
    if (HasErrors(problems)) return std::nullopt;
    return a;
}

std::string SingleWindowStatsToJson(const SingleWindowStats& s)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Field("received", s.received)
        .Field("unique", s.unique)
        .Field("duplicates", s.duplicates)
        .Field("invalid", s.invalid)
        .Field("refused_by_fault", s.refused_by_fault)
        .Field("rejected_quota", s.rejected_quota)
        .Field("receipts_sent", s.receipts_sent)
        .Field("receipts_pending", s.receipts_pending)
        .Field("payments", s.payments)
        .Field("waybills", s.waybills)
        .Field("held", s.held)
        .Field("rejected_mismatch", s.rejected_mismatch)
        .Field("returns", s.returns)
        .Field("tax_bills", s.tax_bills)
        .EndObject();
    return out;
}

std::optional<SingleWindowStats> ParseSingleWindowStatsJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "stats", -1, problems);
    SingleWindowStats s;
    s.received = r.Integer("received", true);
    s.unique = r.Integer("unique", true);
    s.duplicates = r.Integer("duplicates", true);
    s.invalid = r.Integer("invalid", true);
    s.refused_by_fault = r.Integer("refused_by_fault", true);
    s.rejected_quota = r.Integer("rejected_quota", true);
    s.receipts_sent = r.Integer("receipts_sent", true);
    s.receipts_pending = r.Integer("receipts_pending", true);
    s.payments = r.Integer("payments", false);
    s.waybills = r.Integer("waybills", false);
    s.held = r.Integer("held", false);
    s.rejected_mismatch = r.Integer("rejected_mismatch", false);
    s.returns = r.Integer("returns", false);
    s.tax_bills = r.Integer("tax_bills", false);
    if (HasErrors(problems)) return std::nullopt;
    return s;
}

} // namespace bondstore
