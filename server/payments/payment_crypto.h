// The cryptography payment providers publish for their messages (../shared/payments/SPEC.md), with
// OpenSSL: SHA256withRSA (RSASSA-PKCS1-v1_5) signatures in base64 — WeChat Pay APIv3 and Alipay's
// RSA2 —, AEAD_AES_256_GCM, which WeChat Pay encrypts its notifications with, and the MD5 and
// HMAC-SHA256 signatures of WeChat Pay's APIv2 (the customs declaration), as upper-case hex.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace bondstore {

// An RSA key read from PEM: a private key, a public key or a certificate (its public key).
class RsaKey {
public:
    static std::unique_ptr<RsaKey> FromPem(std::string_view pem, std::string* error);
    static std::unique_ptr<RsaKey> FromPemFile(const std::string& file, std::string* error);
    ~RsaKey();
    RsaKey(const RsaKey&) = delete;
    RsaKey& operator=(const RsaKey&) = delete;

    bool has_private() const { return private_; }
    // Base64(SHA256withRSA(text)); nothing if this is not a private key or signing fails.
    std::optional<std::string> SignSha256(std::string_view text) const;
    // Whether `signature_base64` is this key's SHA256withRSA signature of `text`.
    bool VerifySha256(std::string_view text, std::string_view signature_base64) const;
    // RSAES-PKCS1-v1_5 (what WeChat Pay encrypts identity fields with) as base64, and back.
    std::optional<std::string> EncryptPkcs1(std::string_view plain) const;
    std::optional<std::string> DecryptPkcs1(std::string_view cipher_base64) const;
    // The public half as PEM ("-----BEGIN PUBLIC KEY-----").
    std::string PublicPem() const;

private:
    RsaKey(EVP_PKEY* key, bool is_private) : key_(key), private_(is_private) {}
    EVP_PKEY* key_;
    bool private_;
};

// A new 2048-bit RSA key as PKCS#8 PEM (for the local fakes and the tests).
std::string NewRsaKeyPem();

// AEAD_AES_256_GCM: `key` exactly 32 bytes, `nonce` the IV (WeChat: 12 bytes), `aad` may be empty.
// Seal returns base64(ciphertext ‖ 16-byte tag); Open returns the plaintext, or nothing if the tag
// does not verify (a forged or damaged message) or anything is malformed.
std::optional<std::string> AeadAes256GcmSeal(std::string_view key, std::string_view nonce, std::string_view aad,
                                             std::string_view plain);
std::optional<std::string> AeadAes256GcmOpen(std::string_view key, std::string_view nonce, std::string_view aad,
                                             std::string_view cipher_base64);

// Upper-case hex digests (WeChat Pay APIv2 signatures) and lower-case MD5 (Alipay's legacy MD5).
std::string Md5UpperHex(std::string_view text);
std::string Md5LowerHex(std::string_view text);
std::string HmacSha256UpperHex(std::string_view key, std::string_view text);

// Compares two strings in time that does not depend on where they differ.
bool SameSecret(std::string_view a, std::string_view b);

} // namespace bondstore
