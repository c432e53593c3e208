// PersonalData: how the server keeps a buyer's personal data (name, resident ID number, phone,
// consignee and address) — sealed with AES-256-GCM under the store's data key, never in the clear
// in the database, a log line or an answer. Quota look-ups use a keyed hash of the ID number
// (HMAC-SHA256), so the number itself is never needed to find a buyer's orders.
//
// The data key is 32 bytes from configuration: BONDSTORE_DATA_KEY (64 hex digits) or a key file
// (--data-key-file; by default data-key in the data directory, created with mode 0600 on first
// start). Subkeys for hashing and order secrets are derived from it, so one secret is kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

class PersonalData {
public:
    // From 64 hex digits.
    static std::optional<PersonalData> FromHexKey(std::string_view hex, std::string* error);
    // From a key file (64 hex digits and optional whitespace); with `create`, writes a new random
    // key there (mode 0600) if the file does not exist.
    static std::optional<PersonalData> FromKeyFile(const std::string& path, bool create, std::string* error);

    // "v1." + base64(nonce ‖ ciphertext ‖ tag). Every call uses a fresh random nonce.
    std::string Seal(std::string_view plaintext) const;
    // The plaintext, or nothing if `sealed` was not sealed with this key or was altered.
    std::optional<std::string> Open(std::string_view sealed) const;

    // Lower-case hex HMAC-SHA256 under the hashing subkey: the same input, the same hash.
    std::string KeyedHash(std::string_view text) const;

    // The secret a shopper looks an order up with: derived from the order number, so it needs no
    // storage and a replayed checkout answers with the same one. 26 characters, base32.
    std::string LookupSecret(std::string_view order_no) const;
    // Compares in constant time.
    bool CheckLookupSecret(std::string_view order_no, std::string_view secret) const;

    // Names the key without revealing it (16 hex digits), so a store can tell which key its
    // sealed data and hashes were written under.
    std::string Fingerprint() const;

    // A signature for the payment sandbox's notifications (payment.h), under its own subkey.
    std::string SandboxSignature(std::string_view message) const;

    // A 32-byte key for another purpose (HMAC-SHA256 of `label` under the data key), so every
    // server sharing the data key derives the same one (order_seal.h).
    void DeriveKey(std::string_view label, unsigned char out[32]) const;

private:
    unsigned char key_[32] = {}, hash_key_[32] = {}, secret_key_[32] = {}, sandbox_key_[32] = {};
};

} // namespace bondstore
