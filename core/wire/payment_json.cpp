#include "core/wire/payment_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::FieldReader;
using wire::json;

namespace {

void WriteNotification(wire::JsonWriter& w, const SandboxNotification& n)
{
    w.BeginObject()
        .Field("provider", "sandbox")
        .Field("order_no", n.order_no)
        .Field("payment_id", n.payment_id)
        .Field("amount_fen", n.amount.fen)
        .Field("paid_at", n.paid_at)
        .Field("signature", n.signature)
        .EndObject();
}

std::optional<SandboxNotification> ReadNotification(const json& j)
{
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "notification", -1, problems);
    if (r.String("provider", true) != "sandbox") return std::nullopt;
    SandboxNotification n;
    n.order_no = r.String("order_no", true);
    n.payment_id = r.String("payment_id", true);
    n.amount = r.Fen("amount_fen", true);
    n.paid_at = r.Integer("paid_at", false);
    n.signature = r.String("signature", true);
    if (HasErrors(problems) || n.order_no.empty()) return std::nullopt;
    return n;
}

} // namespace

std::string SandboxNotificationToJson(const SandboxNotification& n)
{
    std::string out;
    wire::JsonWriter w(out);
    WriteNotification(w, n);
    return out;
}

std::optional<SandboxNotification> ParseSandboxNotificationJson(std::string_view text)
{
    return ReadNotification(wire::ParseObject(text));
}

std::string PaymentStartToJson(const PaymentStart& s)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("provider", s.provider).Key("sandbox").Bool(s.sandbox).Field("payment_id", s.payment_id)
        .Field("notify_url", s.notify_url);
    if (s.notification) {
        w.Key("notification");
        WriteNotification(w, *s.notification);
    }
    w.EndObject();
    return out;
}

std::optional<PaymentStart> ParsePaymentStartJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (j.is_discarded()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "payment", -1, problems);
    PaymentStart s;
    s.provider = r.String("provider", true);
    s.sandbox = j.contains("sandbox") && j["sandbox"].is_boolean() && j["sandbox"].get<bool>();
    s.payment_id = r.String("payment_id", false);
    s.notify_url = r.String("notify_url", false);
    if (const json* n = r.Get("notification", false)) {
        s.notification = ReadNotification(*n);
        if (!s.notification) return std::nullopt;
    }
    if (HasErrors(problems)) return std::nullopt;
    return s;
}

std::string PaymentAppliedToJson(const std::string& order_no, OrderStatus status)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("order_no", order_no).Field("status", StatusCode(status)).EndObject();
    return out;
}

} // namespace bondstore
