#include "server/security/order_seal.h"

#include "server/base/bytes.h"

#include "core/wire/sealed_order_json.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/sha.h>

#include <memory>
#include <vector>

namespace bondstore {

namespace {

constexpr const char* kInfo = "bondstore order seal v1";
constexpr size_t kPointBytes = 65; // 0x04 ‖ x ‖ y
using Bytes = std::vector<unsigned char>;

template <class T, void (*Free)(T*)>
struct Freer {
    void operator()(T* p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using PKeyCtx = std::unique_ptr<EVP_PKEY_CTX, Freer<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using Big = std::unique_ptr<BIGNUM, Freer<BIGNUM, BN_clear_free>>; // (a private scalar is one)

// An EC key on P-256 from its raw parts: the public point (65 bytes) and, for our own key, the
// private scalar. Nothing if the point is not on the curve.
PKey MakeKey(const unsigned char* point, const BIGNUM* scalar)
{
    std::unique_ptr<OSSL_PARAM_BLD, Freer<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>> build(OSSL_PARAM_BLD_new());
    OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point, kPointBytes);
    if (scalar) OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar);
    std::unique_ptr<OSSL_PARAM, Freer<OSSL_PARAM, OSSL_PARAM_free>> params(OSSL_PARAM_BLD_to_param(build.get()));
    PKeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    PKey out(key);
    // fromdata takes the point as given: an attacker's point off the curve must not reach ECDH.
    PKeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
    return out;
}

// ECDH, then HKDF-SHA256 (empty salt, our info) to 32 bytes: the AES key both sides arrive at.
bool AgreeKey(EVP_PKEY* own, EVP_PKEY* peer, unsigned char key[32])
{
    PKeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
    size_t length = 0;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1 ||
        EVP_PKEY_derive(ctx.get(), nullptr, &length) != 1)
        return false;
    Bytes shared(length);
    if (EVP_PKEY_derive(ctx.get(), shared.data(), &length) != 1) return false;
    std::unique_ptr<EVP_KDF, Freer<EVP_KDF, EVP_KDF_free>> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    std::unique_ptr<EVP_KDF_CTX, Freer<EVP_KDF_CTX, EVP_KDF_CTX_free>> kctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
    if (!kctx) return false;
    char digest[] = "SHA256";
    std::string info = kInfo;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, shared.data(), length),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
        OSSL_PARAM_construct_end(),
    };
    bool ok = EVP_KDF_derive(kctx.get(), key, 32, params) == 1;
    OPENSSL_cleanse(shared.data(), shared.size());
    return ok;
}

std::string KeyId(const unsigned char* point)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(point, kPointBytes, digest);
    return Hex(digest, 8);
}

Big PrivateScalar(const unsigned char seed[32])
{
    // The seed reduced into [1, n-1]: uniform enough (the bias of a 256-bit value mod a 256-bit n
    // is below 2^-32) and never zero.
    std::unique_ptr<EC_GROUP, Freer<EC_GROUP, EC_GROUP_free>> group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    Big order_less_one(BN_dup(EC_GROUP_get0_order(group.get())));
    BN_sub_word(order_less_one.get(), 1);
    Big scalar(BN_bin2bn(seed, 32, nullptr));
    std::unique_ptr<BN_CTX, Freer<BN_CTX, BN_CTX_free>> ctx(BN_CTX_new());
    BN_mod(scalar.get(), scalar.get(), order_less_one.get(), ctx.get());
    BN_add_word(scalar.get(), 1);
    return scalar;
}

bool PublicPoint(const BIGNUM* scalar, unsigned char point[kPointBytes])
{
    std::unique_ptr<EC_GROUP, Freer<EC_GROUP, EC_GROUP_free>> group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    std::unique_ptr<EC_POINT, Freer<EC_POINT, EC_POINT_free>> p(EC_POINT_new(group.get()));
    std::unique_ptr<BN_CTX, Freer<BN_CTX, BN_CTX_free>> ctx(BN_CTX_new());
    return EC_POINT_mul(group.get(), p.get(), scalar, nullptr, nullptr, ctx.get()) == 1 &&
           EC_POINT_point2oct(group.get(), p.get(), POINT_CONVERSION_UNCOMPRESSED, point, kPointBytes, ctx.get()) == kPointBytes;
}

} // namespace

OrderSeal::OrderSeal(const PersonalData& data_key)
{
    unsigned char seed[32];
    data_key.DeriveKey("order-seal", seed);
    Big scalar = PrivateScalar(seed);
    OPENSSL_cleanse(seed, sizeof seed);
    unsigned char point[kPointBytes];
    PublicPoint(scalar.get(), point);
    public_key_ = Base64(point, kPointBytes);
    key_id_ = KeyId(point);
    own_.reset(MakeKey(point, scalar.get()).release(), EVP_PKEY_free);
}

std::string OrderSeal::PublicKeyJson() const
{
    SealKey key;
    key.key_id = key_id_;
    key.public_key = public_key_;
    return SealKeyToJson(key);
}

bool OrderSeal::IsSealed(std::string_view body) { return IsSealedOrderJson(body); }

std::optional<std::string> OrderSeal::Open(std::string_view body, std::string_view idempotency_key, std::string* error) const
{
    *error = "sealed_invalid";
    std::optional<SealedEnvelope> s = ParseSealedEnvelopeJson(body);
    if (!s || s->v != 1) return std::nullopt;
    if (s->key_id != key_id_) { *error = "sealed_key_unknown"; return std::nullopt; }
    std::optional<Bytes> epk = Unbase64(s->epk), iv = Unbase64(s->iv), data = Unbase64(s->data);
    if (!epk || epk->size() != kPointBytes || !iv || iv->size() != 12 || !data || data->size() < 16) return std::nullopt;

    PKey peer = MakeKey(epk->data(), nullptr);
    unsigned char key[32];
    if (!own_ || !peer || !AgreeKey(own_.get(), peer.get(), key)) return std::nullopt;

    size_t n = data->size() - 16;
    std::string out(n, '\0');
    std::unique_ptr<EVP_CIPHER_CTX, Freer<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>> ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key, iv->data()) == 1 &&
              EVP_DecryptUpdate(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(idempotency_key.data()),
                                int(idempotency_key.size())) == 1 &&
              EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length, data->data(), int(n)) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, data->data() + n) == 1 &&
              EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + length, &length) == 1;
    OPENSSL_cleanse(key, sizeof key);
    if (!ok) return std::nullopt;
    error->clear();
    return out;
}

std::optional<OrderSeal::SealedOrder> OrderSeal::OpenOrder(std::string_view body, std::string_view idempotency_key,
                                                           std::string* error) const
{
    std::optional<std::string> plaintext = Open(body, idempotency_key, error);
    if (!plaintext) return std::nullopt;
    std::optional<SealedOrderContent> content = ParseSealedOrderContentJson(*plaintext);
    if (!content) {
        *error = "sealed_invalid";
        return std::nullopt;
    }
    return SealedOrder{std::move(content->order_json), std::move(content->follow)};
}

std::optional<std::string> OrderSeal::Seal(std::string_view public_key_json, std::string_view idempotency_key,
                                           std::string_view plaintext, std::string* error)
{
    std::optional<SealKey> seal_key = ParseSealKeyJson(public_key_json);
    std::optional<Bytes> point = seal_key ? Unbase64(seal_key->public_key) : std::nullopt;
    PKey server = point && point->size() == kPointBytes ? MakeKey(point->data(), nullptr) : nullptr;
    if (!server) { *error = "not an order seal key"; return std::nullopt; }
    PKey ephemeral(EVP_EC_gen("P-256"));
    unsigned char epk[kPointBytes];
    size_t epk_length = 0;
    unsigned char key[32], iv[12];
    RandomBytes(iv, sizeof iv);
    if (!ephemeral ||
        EVP_PKEY_get_octet_string_param(ephemeral.get(), OSSL_PKEY_PARAM_PUB_KEY, epk, sizeof epk, &epk_length) != 1 ||
        epk_length != kPointBytes || !AgreeKey(ephemeral.get(), server.get(), key)) {
        *error = "cannot agree a key";
        return std::nullopt;
    }
    Bytes data(plaintext.size() + 16);
    std::unique_ptr<EVP_CIPHER_CTX, Freer<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>> ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key, iv);
    EVP_EncryptUpdate(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(idempotency_key.data()), int(idempotency_key.size()));
    EVP_EncryptUpdate(ctx.get(), data.data(), &length, reinterpret_cast<const unsigned char*>(plaintext.data()), int(plaintext.size()));
    EVP_EncryptFinal_ex(ctx.get(), data.data() + length, &length);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, data.data() + plaintext.size());
    OPENSSL_cleanse(key, sizeof key);
    SealedEnvelope envelope;
    envelope.key_id = seal_key->key_id;
    envelope.epk = Base64(epk, kPointBytes);
    envelope.iv = Base64(iv, 12);
    envelope.data = Base64(data.data(), data.size());
    return SealedEnvelopeToJson(envelope);
}

} // namespace bondstore
