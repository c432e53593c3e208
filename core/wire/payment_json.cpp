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
    w.BeginObject().Field("provider", s.provider).Key("sandbox").Bool(s.sandbox);
    for (auto [key, value] : {std::pair{"payment_id", &s.payment_id}, {"qr_code", &s.qr_code}, {"redirect_url", &s.redirect_url},
                              {"notify_url", &s.notify_url}})
        if (!value->empty()) w.Field(key, *value);
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
    s.qr_code = r.String("qr_code", false);
    s.redirect_url = r.String("redirect_url", false);
    s.notify_url = r.String("notify_url", false);
    if (const json* n = r.Get("notification", false)) {
        s.notification = ReadNotification(*n);
        if (!s.notification) return std::nullopt;
    }
    if (HasErrors(problems)) return std::nullopt;
    return s;
}

std::string PaymentAskToJson(const PaymentAsk& ask)
{
    std::string out;
    wire::JsonWriter w(out);
    w.BeginObject().Field("channel", ask.channel);
    if (!ask.return_url.empty()) w.Field("return_url", ask.return_url);
    w.EndObject();
    return out;
}

std::optional<PaymentAsk> ParsePaymentAskJson(std::string_view text)
{
    json j = wire::ParseObject(text);
    if (!j.is_object()) return std::nullopt;
    std::vector<Problem> problems;
    FieldReader r(j, "payment", -1, problems);
    PaymentAsk a;
    std::string channel = r.String("channel", false);
    if (!channel.empty()) a.channel = channel;
    a.return_url = r.String("return_url", false);
    // A path of this store: the provider sends the phone nowhere else.
    bool path = a.return_url.empty() || (a.return_url[0] == '/' && a.return_url.rfind("//", 0) != 0 && a.return_url.size() <= 200 &&
                                         a.return_url.find_first_of(" \"\\<>\r\n") == std::string::npos);
    if (HasErrors(problems) || (a.channel != "qr" && a.channel != "redirect") || !path) return std::nullopt;
    return a;
}

std::string PaymentAppliedToJson(const std::string& order_no, OrderStatus status)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("order_no", order_no).Field("status", StatusCode(status)).EndObject();
    return out;
}

} // namespace bondstore
