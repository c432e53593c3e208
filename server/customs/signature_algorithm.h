// SignatureAlgorithm: the two ways the single window's messages are signed (SPEC.md §3.1; the
// 202205 specification): RSA-SHA1, and the Chinese national algorithms SM2 with SM3.
//
// SM2-SM3 as the e-port's signing cards do it: the SM3 hash of the signer's distinguishing ID
// "1234567812345678" (GB/T 32918, the default every e-port card uses) and the data, signed with
// the SM2 key; the signature written as r‖s, 32 bytes each (64 bytes in all), not DER. OpenSSL 3
// has SM2 and SM3 (EVP_PKEY-SM2(7)); xmlsec does not, so Bondstore computes these signatures
// itself, for the store and for the simulator.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

typedef struct evp_pkey_st EVP_PKEY;

namespace bondstore {

enum class SignatureAlgorithm { RsaSha1, Sm2Sm3 };

// "rsa-sha1", "sm2-sm3" (the --signing-algorithm values); nullopt for anything else.
std::optional<SignatureAlgorithm> ParseSignatureAlgorithm(std::string_view name);
const char* SignatureAlgorithmName(SignatureAlgorithm algorithm);

// The XML-DSig algorithm URIs a message signed this way carries: SignatureMethod and the
// Reference's DigestMethod. SM2-SM3 uses the ones the 202205 specification gives
// (http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3 and #sm3).
const char* SignatureMethodUri(SignatureAlgorithm algorithm);
const char* DigestMethodUri(SignatureAlgorithm algorithm);

// What a SignatureMethod URI names, as a verifier reads it: the specification's and the form
// integrators' signing services write (http://www.w3.org/2000/09/xmldsig#sm2-sm3, with a SHA-1
// digest), RSA with SHA-1 or SHA-256. nullopt for any other.
struct SignatureMethod {
    SignatureAlgorithm algorithm;
    bool sha256 = false; // RSA only: rsa-sha256
};
std::optional<SignatureMethod> ReadSignatureMethodUri(std::string_view uri);

// The digest of `data` by a DigestMethod URI (SHA-1, SHA-256, SM3); nullopt if the URI is not one.
std::optional<std::vector<unsigned char>> DigestByUri(std::string_view uri, std::string_view data);

// The algorithm a key signs with: RSA keys RSA-SHA1, SM2 keys SM2-SM3; nullopt for others.
std::optional<SignatureAlgorithm> AlgorithmOfKey(EVP_PKEY* key);

// A new key for the algorithm: RSA 2048 bits, or SM2. nullptr on failure.
EVP_PKEY* NewSigningKey(SignatureAlgorithm algorithm);

// The signature of `data` (RSA PKCS#1 v1.5 over SHA-1, or SM2 r‖s over SM3 with the ID), or
// nullopt if the key cannot sign it.
std::optional<std::vector<unsigned char>> SignBytes(EVP_PKEY* key, SignatureMethod method, std::string_view data);

// True if `signature` is `key`'s signature of `data` by `method`.
bool VerifyBytes(EVP_PKEY* key, SignatureMethod method, std::string_view data, const std::vector<unsigned char>& signature);

} // namespace bondstore
