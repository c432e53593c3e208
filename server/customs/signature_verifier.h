// SignatureVerifier: checks that a message from the single window was signed by customs — an
// enveloped XML-DSig signature, as message_signer.h writes Bondstore's own (the last child of the
// root, one Reference to the whole document with the enveloped-signature transform, inclusive
// C14N), RSA with SHA-1 or SHA-256, or SM2 with SM3 (signature_algorithm.h). Only the certificate the operator configured is trusted: a
// certificate inside the message (KeyInfo) is never taken on its word.
#pragma once

#include "server/customs/signature_algorithm.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

typedef struct evp_pkey_st EVP_PKEY;

namespace bondstore {

class SignatureVerifier {
public:
    // The public key of the certificate in `cert_pem_file`; nothing (and `error`) if unreadable.
    static std::unique_ptr<SignatureVerifier> FromCertificateFile(const std::string& cert_pem_file, std::string* error);
    ~SignatureVerifier();

    // True if `xml` carries a valid signature by the trusted key over the whole document; else
    // false with `why` ("not signed", "the digest does not match: the message was altered", …).
    bool Verify(std::string_view xml, std::string* why) const;
    // True if `signature` is the trusted key's signature of `data` itself (signed text, not XML).
    bool VerifyBytes(std::string_view data, const std::vector<unsigned char>& signature, SignatureMethod method) const;

private:
    explicit SignatureVerifier(EVP_PKEY* key) : key_(key) {}
    EVP_PKEY* key_;
};

} // namespace bondstore
