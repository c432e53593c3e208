// OrderSeal: how a kiosk keeps an order it could not send without keeping its buyer's data.
//
// A kiosk that loses the network seals the order to the server before it goes to the outbox in
// IndexedDB: the browser (WebCrypto) makes a one-time P-256 key, agrees a secret with the
// server's public key (ECDH), derives an AES-256-GCM key from it (HKDF-SHA256, info
// "bondstore order seal v1") and encrypts the order's JSON, binding it to its Idempotency-Key
// (the additional data). What the kiosk keeps — and what its idle wipe may leave behind — can be
// read only with the server's private key: not by the next shopper, not by someone with the
// kiosk's disk.
//
// The key pair is derived from the data key (personal_data.h), so every server sharing the data
// key opens what any of them published, and nothing more is kept or backed up.
//
// The body a kiosk sends (POST /api/orders, docs/api.md):
//   {"sealed":{"v":1,"key_id":"…","epk":"<base64 65-byte point>","iv":"<base64 12 bytes>",
//              "data":"<base64 ciphertext ‖ 16-byte tag>"}}
// and what it seals: {"order":{…the order request…},"follow":"<follow secret>"}. The follow secret
// (at least 26 characters of a CSPRNG) is shown only as the kiosk's QR code, for the shopper's
// phone to follow the order with (GET /api/orders/queued); the kiosk does not keep it.
#pragma once

#include "server/security/personal_data.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace bondstore {

class OrderSeal {
public:
    explicit OrderSeal(const PersonalData& data_key);

    // 16 hex digits naming the key pair (from its public key).
    const std::string& key_id() const { return key_id_; }
    // {"alg":"ECDH-P256+HKDF-SHA256+A256GCM","key_id":"…","public_key":"<base64 raw point>"}:
    // GET /api/order-seal-key.
    std::string PublicKeyJson() const;

    // Is this body a sealed order (a JSON object with "sealed")? Does not open it.
    static bool IsSealed(std::string_view body);

    // The order's JSON from a sealed body, or nothing with `error` set to an error code:
    // "sealed_invalid" (not the format above, altered, or sealed to another Idempotency-Key) or
    // "sealed_key_unknown" (sealed to a key this server does not hold).
    std::optional<std::string> Open(std::string_view body, std::string_view idempotency_key, std::string* error) const;

    // A sealed order: its request's JSON and its follow secret, or nothing with `error` as Open's
    // (also "sealed_invalid" when the plaintext is not {"order":{…},"follow":"…"}).
    struct SealedOrder {
        std::string order, follow;
    };
    std::optional<SealedOrder> OpenOrder(std::string_view body, std::string_view idempotency_key, std::string* error) const;

    // Seals `plaintext` as the web app does, to the public key of PublicKeyJson(): for tests and
    // tools. Nothing (and `error`) if the key cannot be used.
    static std::optional<std::string> Seal(std::string_view public_key_json, std::string_view idempotency_key,
                                           std::string_view plaintext, std::string* error);

private:
    std::shared_ptr<EVP_PKEY> own_; // the key pair (EVP_PKEY: OpenSSL's), made once
    std::string public_key_; // base64 of the uncompressed point
    std::string key_id_;
};

} // namespace bondstore
