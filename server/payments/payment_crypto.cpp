#include "server/payments/payment_crypto.h"

#include "server/base/bytes.h"
#include "server/base/files.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <vector>

namespace bondstore {

namespace {

std::string UpperHex(const unsigned char* bytes, size_t n)
{
    std::string hex = Hex(bytes, n);
    for (char& c : hex)
        if (c >= 'a' && c <= 'f') c = char(c - 'a' + 'A');
    return hex;
}

struct Bio {
    BIO* bio;
    explicit Bio(std::string_view text) : bio(BIO_new_mem_buf(text.data(), int(text.size()))) {}
    ~Bio() { BIO_free(bio); }
};

} // namespace

std::unique_ptr<RsaKey> RsaKey::FromPem(std::string_view pem, std::string* error)
{
    if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
        Bio b(pem);
        EVP_PKEY* key = PEM_read_bio_PrivateKey(b.bio, nullptr, nullptr, nullptr);
        if (key && EVP_PKEY_base_id(key) == EVP_PKEY_RSA) return std::unique_ptr<RsaKey>(new RsaKey(key, true));
        EVP_PKEY_free(key);
        *error = "not an RSA private key";
        return nullptr;
    }
    EVP_PKEY* key = nullptr;
    if (pem.find("CERTIFICATE-----") != std::string_view::npos) {
        Bio b(pem);
        X509* cert = PEM_read_bio_X509(b.bio, nullptr, nullptr, nullptr);
        if (cert) key = X509_get_pubkey(cert);
        X509_free(cert);
    } else {
        Bio b(pem);
        key = PEM_read_bio_PUBKEY(b.bio, nullptr, nullptr, nullptr);
    }
    if (key && EVP_PKEY_base_id(key) == EVP_PKEY_RSA) return std::unique_ptr<RsaKey>(new RsaKey(key, false));
    EVP_PKEY_free(key);
    *error = "not an RSA key, public key or certificate in PEM";
    return nullptr;
}

std::unique_ptr<RsaKey> RsaKey::FromPemFile(const std::string& file, std::string* error)
{
    std::string pem;
    if (!ReadFile(file, &pem)) {
        *error = "cannot read " + file;
        return nullptr;
    }
    std::unique_ptr<RsaKey> key = FromPem(pem, error);
    if (!key) *error = file + ": " + *error;
    return key;
}

RsaKey::~RsaKey() { EVP_PKEY_free(key_); }

std::optional<std::string> RsaKey::SignSha256(std::string_view text) const
{
    if (!private_) return std::nullopt;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::vector<unsigned char> sig(size_t(EVP_PKEY_get_size(key_)));
    size_t len = sig.size();
    bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_) == 1 &&
              EVP_DigestSign(ctx, sig.data(), &len, reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok) return std::nullopt;
    return Base64(sig.data(), len);
}

bool RsaKey::VerifySha256(std::string_view text, std::string_view signature_base64) const
{
    std::optional<std::vector<unsigned char>> sig = Unbase64(signature_base64);
    if (!sig || sig->empty()) return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key_) == 1 &&
              EVP_DigestVerify(ctx, sig->data(), sig->size(), reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

std::optional<std::string> RsaKey::EncryptPkcs1(std::string_view plain) const
{
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key_, nullptr);
    size_t len = 0;
    std::vector<unsigned char> out;
    bool ok = ctx && EVP_PKEY_encrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
              EVP_PKEY_encrypt(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(plain.data()), plain.size()) == 1;
    if (ok) {
        out.resize(len);
        ok = EVP_PKEY_encrypt(ctx, out.data(), &len, reinterpret_cast<const unsigned char*>(plain.data()), plain.size()) == 1;
    }
    EVP_PKEY_CTX_free(ctx);
    if (!ok) return std::nullopt;
    return Base64(out.data(), len);
}

std::optional<std::string> RsaKey::DecryptPkcs1(std::string_view cipher_base64) const
{
    if (!private_) return std::nullopt;
    std::optional<std::vector<unsigned char>> in = Unbase64(cipher_base64);
    if (!in || in->empty()) return std::nullopt;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key_, nullptr);
    size_t len = 0;
    std::vector<unsigned char> out;
    bool ok = ctx && EVP_PKEY_decrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
              EVP_PKEY_decrypt(ctx, nullptr, &len, in->data(), in->size()) == 1;
    if (ok) {
        out.resize(len);
        ok = EVP_PKEY_decrypt(ctx, out.data(), &len, in->data(), in->size()) == 1;
    }
    EVP_PKEY_CTX_free(ctx);
    if (!ok) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string RsaKey::PublicPem() const
{
    BIO* b = BIO_new(BIO_s_mem());
    std::string out;
    if (b && PEM_write_bio_PUBKEY(b, key_) == 1) {
        char* data = nullptr;
        long n = BIO_get_mem_data(b, &data);
        out.assign(data, size_t(n));
    }
    BIO_free(b);
    return out;
}

std::string NewRsaKeyPem()
{
    EVP_PKEY* key = EVP_RSA_gen(2048);
    BIO* b = BIO_new(BIO_s_mem());
    std::string out;
    if (key && b && PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char* data = nullptr;
        long n = BIO_get_mem_data(b, &data);
        out.assign(data, size_t(n));
    }
    BIO_free(b);
    EVP_PKEY_free(key);
    return out;
}

namespace {

std::optional<std::string> Gcm(bool seal, std::string_view key, std::string_view nonce, std::string_view aad, std::string_view in)
{
    constexpr size_t kTag = 16;
    if (key.size() != 32 || nonce.empty() || (!seal && in.size() < kTag)) return std::nullopt;
    const auto* k = reinterpret_cast<const unsigned char*>(key.data());
    const auto* iv = reinterpret_cast<const unsigned char*>(nonce.data());
    size_t body = seal ? in.size() : in.size() - kTag;
    std::string out(body + (seal ? kTag : 0), '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    const auto* i = reinterpret_cast<const unsigned char*>(in.data());
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    bool ok = ctx && (seal ? EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr)
                           : EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr)) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) == 1 &&
              (seal ? EVP_EncryptInit_ex(ctx, nullptr, nullptr, k, iv) : EVP_DecryptInit_ex(ctx, nullptr, nullptr, k, iv)) == 1;
    if (ok && !aad.empty())
        ok = (seal ? EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()), int(aad.size()))
                   : EVP_DecryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()), int(aad.size()))) == 1;
    if (ok && body > 0) ok = (seal ? EVP_EncryptUpdate(ctx, o, &len, i, int(body)) : EVP_DecryptUpdate(ctx, o, &len, i, int(body))) == 1;
    if (ok && seal) {
        ok = EVP_EncryptFinal_ex(ctx, o + body, &len) == 1 && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, int(kTag), o + body) == 1;
    } else if (ok) {
        std::string tag(in.substr(body));
        ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, int(kTag), tag.data()) == 1 && EVP_DecryptFinal_ex(ctx, o + body, &len) == 1;
    }
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) return std::nullopt;
    return out;
}

} // namespace

std::optional<std::string> AeadAes256GcmSeal(std::string_view key, std::string_view nonce, std::string_view aad, std::string_view plain)
{
    std::optional<std::string> sealed = Gcm(true, key, nonce, aad, plain);
    if (!sealed) return std::nullopt;
    return Base64(reinterpret_cast<const unsigned char*>(sealed->data()), sealed->size());
}

std::optional<std::string> AeadAes256GcmOpen(std::string_view key, std::string_view nonce, std::string_view aad,
                                             std::string_view cipher_base64)
{
    std::optional<std::vector<unsigned char>> in = Unbase64(cipher_base64);
    if (!in) return std::nullopt;
    return Gcm(false, key, nonce, aad, std::string_view(reinterpret_cast<const char*>(in->data()), in->size()));
}

std::string Md5UpperHex(std::string_view text)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(text.data(), text.size(), d, &n, EVP_md5(), nullptr);
    return UpperHex(d, n);
}

std::string Md5LowerHex(std::string_view text)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(text.data(), text.size(), d, &n, EVP_md5(), nullptr);
    return Hex(d, n);
}

std::string HmacSha256UpperHex(std::string_view key, std::string_view text)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(text.data()), text.size(), d, &n);
    return UpperHex(d, n);
}

bool SameSecret(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace bondstore
