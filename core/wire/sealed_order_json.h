// A kiosk's sealed order (server/security/order_seal.h has the cryptography): the key it is sealed
// to, the envelope a kiosk sends, and what the envelope holds. Part of core's wire format
// (core/wire/README.md). The browser's WebCrypto code (web/platform/sealing.cpp) writes the
// envelope in JavaScript; the browser test opens what it wrote on the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

// GET /api/order-seal-key: {"alg","key_id","public_key"} (public_key: base64 of the uncompressed
// P-256 point).
struct SealKey {
    std::string alg = "ECDH-P256+HKDF-SHA256+A256GCM";
    std::string key_id, public_key;
};
std::string SealKeyToJson(const SealKey& key);
std::optional<SealKey> ParseSealKeyJson(std::string_view json);

// The body a kiosk sends: {"sealed":{"v":1,"key_id","epk","iv","data"}}, the binary fields base64
// (epk: the one-time public point; iv: 12 bytes; data: ciphertext ‖ 16-byte tag).
struct SealedEnvelope {
    int64_t v = 1;
    std::string key_id, epk, iv, data;
};
// Is this body a sealed order (a JSON object with "sealed")? Does not check the rest.
bool IsSealedOrderJson(std::string_view body);
std::string SealedEnvelopeToJson(const SealedEnvelope& envelope);
std::optional<SealedEnvelope> ParseSealedEnvelopeJson(std::string_view json);

// What the envelope holds: {"order":{…the order request…},"follow":"<follow secret>"}. The follow
// secret is 26 to 200 characters.
struct SealedOrderContent {
    std::string order_json; // the order request, as POST /api/orders takes it
    std::string follow;
};
std::string SealedOrderContentToJson(const SealedOrderContent& content); // order_json must be an object
std::optional<SealedOrderContent> ParseSealedOrderContentJson(std::string_view json);

} // namespace bondstore
