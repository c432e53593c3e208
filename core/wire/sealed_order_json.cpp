#include "core/wire/sealed_order_json.h"

#include "core/wire/json_reader.h"
#include "core/wire/json_writer.h"

namespace bondstore {

using wire::json;

namespace {

json Parse(std::string_view text) { return wire::ParseObject(text); }

std::optional<std::string> Text(const json& j, const char* key)
{
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
    return j[key].get<std::string>();
}

} // namespace

std::string SealKeyToJson(const SealKey& k)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Field("alg", k.alg).Field("key_id", k.key_id).Field("public_key", k.public_key).EndObject();
    return out;
}

std::optional<SealKey> ParseSealKeyJson(std::string_view text)
{
    json j = Parse(text);
    if (!j.is_object()) return std::nullopt;
    auto alg = Text(j, "alg"), key_id = Text(j, "key_id"), public_key = Text(j, "public_key");
    if (!key_id || !public_key) return std::nullopt;
    SealKey k;
    if (alg) k.alg = *alg;
    k.key_id = *key_id;
    k.public_key = *public_key;
    return k;
}

bool IsSealedOrderJson(std::string_view body)
{
    json j = Parse(body);
    return j.is_object() && j.contains("sealed");
}

std::string SealedEnvelopeToJson(const SealedEnvelope& e)
{
    std::string out;
    wire::JsonWriter(out)
        .BeginObject()
        .Key("sealed")
        .BeginObject()
        .Field("v", e.v)
        .Field("key_id", e.key_id)
        .Field("epk", e.epk)
        .Field("iv", e.iv)
        .Field("data", e.data)
        .EndObject()
        .EndObject();
    return out;
}

std::optional<SealedEnvelope> ParseSealedEnvelopeJson(std::string_view text)
{
    json root = Parse(text);
    if (!root.is_object() || !root.contains("sealed") || !root["sealed"].is_object()) return std::nullopt;
    const json& s = root["sealed"];
    if (!s.contains("v") || !s["v"].is_number_integer()) return std::nullopt;
    auto key_id = Text(s, "key_id"), epk = Text(s, "epk"), iv = Text(s, "iv"), data = Text(s, "data");
    if (!key_id || !epk || !iv || !data) return std::nullopt;
    return SealedEnvelope{s["v"].get<int64_t>(), *key_id, *epk, *iv, *data};
}

std::string SealedOrderContentToJson(const SealedOrderContent& c)
{
    std::string out;
    wire::JsonWriter(out).BeginObject().Key("order").Raw(c.order_json).Field("follow", c.follow).EndObject();
    return out;
}

std::optional<SealedOrderContent> ParseSealedOrderContentJson(std::string_view text)
{
    json j = Parse(text);
    if (!j.is_object() || !j.contains("order") || !j["order"].is_object()) return std::nullopt;
    auto follow = Text(j, "follow");
    if (!follow || follow->size() < 26 || follow->size() > 200) return std::nullopt;
    return SealedOrderContent{j["order"].dump(), *follow};
}

} // namespace bondstore
