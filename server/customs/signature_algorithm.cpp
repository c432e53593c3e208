#include "server/customs/signature_algorithm.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

namespace bondstore {

namespace {

constexpr std::string_view kRsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
constexpr std::string_view kSm2Sm3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3";
constexpr std::string_view kSm2Sm3W3 = "http://www.w3.org/2000/09/xmldsig#sm2-sm3"; // integrators' signing services
constexpr std::string_view kSha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
constexpr std::string_view kSm3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3";

// The signer's distinguishing ID of GB/T 32918 (and GM/T 0009): the default of every e-port card.
constexpr unsigned char kSm2Id[] = "1234567812345678";
constexpr size_t kSm2IdLength = 16;
constexpr size_t kSm2Half = 32; // r and s of a 256-bit curve

using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

// A digest-sign or digest-verify context for the key and method; for SM2 with the ID set, as
// EVP_PKEY-SM2(7) shows. `pkey_ctx` owns the SM2 key context (the MD context only borrows it).
bool Begin(EVP_MD_CTX* ctx, PkeyCtx& pkey_ctx, EVP_PKEY* key, SignatureMethod method, bool sign)
{
    const EVP_MD* md = method.algorithm == SignatureAlgorithm::Sm2Sm3 ? EVP_sm3() : method.sha256 ? EVP_sha256() : EVP_sha1();
    if (method.algorithm == SignatureAlgorithm::Sm2Sm3) {
        if (!EVP_PKEY_is_a(key, "SM2")) return false;
        pkey_ctx.reset(EVP_PKEY_CTX_new(key, nullptr));
        if (!pkey_ctx || EVP_PKEY_CTX_set1_id(pkey_ctx.get(), kSm2Id, kSm2IdLength) <= 0) return false;
        EVP_MD_CTX_set_pkey_ctx(ctx, pkey_ctx.get());
    } else if (!EVP_PKEY_is_a(key, "RSA")) {
        return false;
    }
    return sign ? EVP_DigestSignInit(ctx, nullptr, md, nullptr, key) == 1 : EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1;
}

// SM2 signatures: OpenSSL writes and reads DER (SEQUENCE of r and s); the e-port r‖s.
std::optional<std::vector<unsigned char>> DerToRaw(const std::vector<unsigned char>& der)
{
    const unsigned char* p = der.data();
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())), ECDSA_SIG_free);
    if (!sig) return std::nullopt;
    std::vector<unsigned char> raw(2 * kSm2Half);
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw.data(), int(kSm2Half)) < 0 ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw.data() + kSm2Half, int(kSm2Half)) < 0)
        return std::nullopt;
    return raw;
}

std::optional<std::vector<unsigned char>> RawToDer(const std::vector<unsigned char>& raw)
{
    if (raw.size() != 2 * kSm2Half) return std::nullopt;
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    BIGNUM* r = BN_bin2bn(raw.data(), int(kSm2Half), nullptr);
    BIGNUM* s = BN_bin2bn(raw.data() + kSm2Half, int(kSm2Half), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return std::nullopt;
    }
    unsigned char* der = nullptr;
    int n = i2d_ECDSA_SIG(sig.get(), &der);
    if (n <= 0) return std::nullopt;
    std::vector<unsigned char> out(der, der + n);
    OPENSSL_free(der);
    return out;
}

} // namespace

std::optional<SignatureAlgorithm> ParseSignatureAlgorithm(std::string_view name)
{
    if (name == "rsa-sha1") return SignatureAlgorithm::RsaSha1;
    if (name == "sm2-sm3") return SignatureAlgorithm::Sm2Sm3;
    return std::nullopt;
}

const char* SignatureAlgorithmName(SignatureAlgorithm a) { return a == SignatureAlgorithm::Sm2Sm3 ? "sm2-sm3" : "rsa-sha1"; }

const char* SignatureMethodUri(SignatureAlgorithm a) { return a == SignatureAlgorithm::Sm2Sm3 ? kSm2Sm3.data() : kRsaSha1.data(); }

const char* DigestMethodUri(SignatureAlgorithm a) { return a == SignatureAlgorithm::Sm2Sm3 ? kSm3.data() : kSha1.data(); }

std::optional<SignatureMethod> ReadSignatureMethodUri(std::string_view uri)
{
    if (uri == kRsaSha1) return SignatureMethod{SignatureAlgorithm::RsaSha1, false};
    if (uri == kRsaSha256) return SignatureMethod{SignatureAlgorithm::RsaSha1, true};
    if (uri == kSm2Sm3 || uri == kSm2Sm3W3) return SignatureMethod{SignatureAlgorithm::Sm2Sm3, false};
    return std::nullopt;
}

std::optional<std::vector<unsigned char>> DigestByUri(std::string_view uri, std::string_view data)
{
    const EVP_MD* md = uri == kSha1 ? EVP_sha1() : uri == kSha256 ? EVP_sha256() : uri == kSm3 ? EVP_sm3() : nullptr;
    if (!md) return std::nullopt;
    std::vector<unsigned char> out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) != 1) return std::nullopt;
    out.resize(n);
    return out;
}

std::optional<SignatureAlgorithm> AlgorithmOfKey(EVP_PKEY* key)
{
    if (key && EVP_PKEY_is_a(key, "RSA")) return SignatureAlgorithm::RsaSha1;
    if (key && EVP_PKEY_is_a(key, "SM2")) return SignatureAlgorithm::Sm2Sm3;
    return std::nullopt;
}

EVP_PKEY* NewSigningKey(SignatureAlgorithm a)
{
    return a == SignatureAlgorithm::Sm2Sm3 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2") : EVP_RSA_gen(2048);
}

std::optional<std::vector<unsigned char>> SignBytes(EVP_PKEY* key, SignatureMethod method, std::string_view data)
{
    PkeyCtx pkey_ctx(nullptr, EVP_PKEY_CTX_free); // outlives ctx, which borrows it
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t n = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    if (!ctx || !Begin(ctx.get(), pkey_ctx, key, method, true) || EVP_DigestSign(ctx.get(), nullptr, &n, bytes, data.size()) != 1)
        return std::nullopt;
    std::vector<unsigned char> sig(n);
    if (EVP_DigestSign(ctx.get(), sig.data(), &n, bytes, data.size()) != 1) return std::nullopt;
    sig.resize(n);
    if (method.algorithm == SignatureAlgorithm::Sm2Sm3) return DerToRaw(sig);
    return sig;
}

bool VerifyBytes(EVP_PKEY* key, SignatureMethod method, std::string_view data, const std::vector<unsigned char>& signature)
{
    std::vector<unsigned char> sig = signature;
    if (method.algorithm == SignatureAlgorithm::Sm2Sm3) {
        std::optional<std::vector<unsigned char>> der = RawToDer(signature);
        if (!der) return false;
        sig = std::move(*der);
    }
    PkeyCtx pkey_ctx(nullptr, EVP_PKEY_CTX_free); // outlives ctx, which borrows it
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return ctx && Begin(ctx.get(), pkey_ctx, key, method, false) &&
           EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

} // namespace bondstore
