#include "server/customs/message_signer.h"

#include "server/base/bytes.h"
#include "server/customs/signature_algorithm.h"
#include "server/customs/xml_c14n.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

namespace bondstore {

namespace {

constexpr const char* kDsNs = "http://www.w3.org/2000/09/xmldsig#";

// The base64 of a certificate's DER form, as X509Certificate carries it.
std::string CertificateBase64(X509* cert)
{
    unsigned char* der = nullptr;
    int n = i2d_X509(cert, &der);
    if (n <= 0) return {};
    std::string out = Base64(der, size_t(n));
    OPENSSL_free(der);
    return out;
}

struct DocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using Doc = std::unique_ptr<xmlDoc, DocDeleter>;

xmlNode* Child(xmlNode* parent, xmlNs* ns, const char* name, const char* text = nullptr)
{
    return xmlNewTextChild(parent, ns, BAD_CAST name, text ? BAD_CAST text : nullptr);
}

// Signs with a key in memory: RSA-SHA1 with an RSA key, SM2-SM3 with an SM2 one.
class KeySigner final : public MessageSigner {
public:
    KeySigner(EVP_PKEY* key, SignatureAlgorithm algorithm, std::string cert_b64, std::string key_name, std::string serial)
        : key_(key), algorithm_(algorithm), cert_b64_(std::move(cert_b64)), key_name_(std::move(key_name)), serial_(std::move(serial)) {}
    ~KeySigner() override { EVP_PKEY_free(key_); }

    const char* algorithm() const override { return SignatureMethodUri(algorithm_); }

    std::optional<std::string> Sign(std::string_view xml, std::string* error) const override
    {
        Doc doc(xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
        if (!doc) { *error = "the message is not well-formed XML"; return std::nullopt; }
        xmlNode* root = xmlDocGetRootElement(doc.get());
        for (xmlNode* n = root ? root->children : nullptr; n; n = n->next)
            if (n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST kDsNs)) {
                *error = "the message is already signed";
                return std::nullopt;
            }

        // 1. The digest of the whole document before the signature is added: exactly what the
        //    enveloped-signature transform leaves of it afterwards (no whitespace is added next
        //    to the Signature element for the same reason).
        std::string document = CanonicalXml(doc.get());
        if (document.empty()) { *error = "cannot canonicalize the message"; return std::nullopt; }
        std::optional<std::vector<unsigned char>> digest = DigestByUri(DigestMethodUri(algorithm_), document);
        if (!digest) { *error = "cannot digest the message"; return std::nullopt; }

        // 2. The Signature element, last child of the root.
        xmlNode* signature = xmlNewNode(nullptr, BAD_CAST "Signature");
        xmlNs* ds = xmlNewNs(signature, BAD_CAST kDsNs, BAD_CAST "ds");
        xmlSetNs(signature, ds);
        xmlAddChild(root, signature);
        xmlNode* info = Child(signature, ds, "SignedInfo");
        xmlNewProp(Child(info, ds, "CanonicalizationMethod"), BAD_CAST "Algorithm",
                   BAD_CAST "http://www.w3.org/TR/2001/REC-xml-c14n-20010315");
        xmlNewProp(Child(info, ds, "SignatureMethod"), BAD_CAST "Algorithm", BAD_CAST algorithm());
        xmlNode* reference = Child(info, ds, "Reference");
        xmlNewProp(reference, BAD_CAST "URI", BAD_CAST "");
        xmlNode* transforms = Child(reference, ds, "Transforms");
        xmlNewProp(Child(transforms, ds, "Transform"), BAD_CAST "Algorithm",
                   BAD_CAST "http://www.w3.org/2000/09/xmldsig#enveloped-signature");
        xmlNewProp(Child(reference, ds, "DigestMethod"), BAD_CAST "Algorithm", BAD_CAST DigestMethodUri(algorithm_));
        Child(reference, ds, "DigestValue", Base64(digest->data(), digest->size()).c_str());

        // 3. SignedInfo canonicalized as the node-set of its subtree (with the namespace nodes
        //    in scope there, as inclusive C14N renders them), signed.
        std::string signed_info = CanonicalSubtree(doc.get(), "ds:SignedInfo");
        if (signed_info.empty()) { *error = "cannot canonicalize SignedInfo"; return std::nullopt; }
        std::optional<std::string> value = SignedBase64(signed_info);
        if (!value) { *error = std::string("the ") + SignatureAlgorithmName(algorithm_) + " signature failed"; return std::nullopt; }
        Child(signature, ds, "SignatureValue", value->c_str());
        xmlNode* key_info = Child(signature, ds, "KeyInfo");
        Child(key_info, ds, "KeyName", key_name_.c_str());
        Child(Child(key_info, ds, "X509Data"), ds, "X509Certificate", cert_b64_.c_str());

        xmlChar* out = nullptr;
        int n = 0;
        xmlDocDumpMemoryEnc(doc.get(), &out, &n, "UTF-8");
        if (!out) { *error = "cannot write the signed message"; return std::nullopt; }
        std::string signed_xml(reinterpret_cast<char*>(out), size_t(n));
        xmlFree(out);
        return signed_xml;
    }

    std::optional<std::string> SignText(std::string_view text, std::string* error) const override
    {
        std::optional<std::string> signature = SignedBase64(text);
        if (!signature) *error = "the signing key could not sign";
        return signature;
    }

    std::string certificate_serial() const override { return serial_; }

private:
    std::optional<std::string> SignedBase64(std::string_view data) const
    {
        std::optional<std::vector<unsigned char>> sig = SignBytes(key_, SignatureMethod{algorithm_}, data);
        if (!sig) return std::nullopt;
        return Base64(sig->data(), sig->size());
    }

    EVP_PKEY* key_;
    SignatureAlgorithm algorithm_;
    std::string cert_b64_, key_name_, serial_;
};

std::string SerialHex(X509* cert)
{
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr);
    if (!bn) return {};
    char* hex = BN_bn2hex(bn);
    std::string out = hex ? hex : "";
    OPENSSL_free(hex);
    BN_free(bn);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

bool CreateSelfSignedSigningKey(const std::string& key_pem_file, const std::string& cert_pem_file,
                                const std::string& common_name, std::string* error, SignatureAlgorithm algorithm)
{
    EVP_PKEY* key = NewSigningKey(algorithm);
    X509* cert = X509_new();
    bool ok = key && cert;
    if (ok) {
        // A random serial: certNo names the certificate (the 179 upload), so two must never share one.
        uint64_t serial = 0;
        RandomBytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial);
        ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), (serial >> 1) | 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
        X509_gmtime_adj(X509_getm_notAfter(cert), 10L * 365 * 86400);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
        X509_set_issuer_name(cert, name);
        ok = X509_sign(cert, key, algorithm == SignatureAlgorithm::Sm2Sm3 ? EVP_sm3() : EVP_sha256()) > 0;
    }
    if (ok) {
        int fd = ::open(key_pem_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        FILE* kf = fd >= 0 ? fdopen(fd, "w") : nullptr;
        ok = kf && PEM_write_PrivateKey(kf, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
        ok = (kf ? std::fclose(kf) == 0 : false) && ok;
        if (!ok) *error = "cannot write the signing key " + key_pem_file;
    } else {
        *error = "cannot create a signing key";
    }
    if (ok) {
        FILE* cf = std::fopen(cert_pem_file.c_str(), "wx");
        ok = cf && PEM_write_X509(cf, cert) == 1;
        ok = (cf ? std::fclose(cf) == 0 : false) && ok;
        if (!ok) *error = "cannot write the signing certificate " + cert_pem_file;
    }
    X509_free(cert);
    EVP_PKEY_free(key);
    return ok;
}

std::unique_ptr<MessageSigner> OpenKeySigner(const std::string& key_pem_file, const std::string& cert_pem_file,
                                             const std::string& key_name, std::string* error)
{
    FILE* kf = std::fopen(key_pem_file.c_str(), "r");
    if (!kf) { *error = "cannot read the signing key " + key_pem_file; return nullptr; }
    EVP_PKEY* key = PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr);
    std::fclose(kf);
    std::optional<SignatureAlgorithm> algorithm = AlgorithmOfKey(key);
    if (!algorithm) {
        EVP_PKEY_free(key);
        *error = key_pem_file + " is not an RSA or SM2 private key in PEM form";
        return nullptr;
    }
    FILE* cf = std::fopen(cert_pem_file.c_str(), "r");
    if (!cf) { EVP_PKEY_free(key); *error = "cannot read the signing certificate " + cert_pem_file; return nullptr; }
    X509* cert = PEM_read_X509(cf, nullptr, nullptr, nullptr);
    std::fclose(cf);
    if (!cert) { EVP_PKEY_free(key); *error = cert_pem_file + " is not an X.509 certificate in PEM form"; return nullptr; }
    bool matches = X509_check_private_key(cert, key) == 1;
    std::string b64 = CertificateBase64(cert);
    std::string serial = SerialHex(cert);
    X509_free(cert);
    if (!matches) { EVP_PKEY_free(key); *error = "the certificate " + cert_pem_file + " is not for the key " + key_pem_file; return nullptr; }
    return std::make_unique<KeySigner>(key, *algorithm, std::move(b64), key_name, std::move(serial));
}

std::string CertificateSerialHex(std::string_view cert_pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(cert_pem.data(), int(cert_pem.size())), BIO_free);
    X509* cert = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!cert) return {};
    std::string serial = SerialHex(cert);
    X509_free(cert);
    return serial;
}

} // namespace bondstore
