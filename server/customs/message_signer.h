// MessageSigner: signs a CEB message the way the single window verifies it (SPEC.md §3.1): an
// enveloped XML signature over the whole message (Reference URI=""), inclusive C14N 1.0, with the
// key's name and X.509 certificate in KeyInfo, appended as the message's last element.
//
// An interface, because real deployments often sign in an external key device (the e-port's
// card or a signing server); the built-in signer holds a key in a PEM file and signs with the
// algorithm of the key: RSA-SHA1 or SM2-SM3, the two the 202205 specification lists
// (signature_algorithm.h).
#pragma once

#include "server/customs/signature_algorithm.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

class MessageSigner {
public:
    virtual ~MessageSigner() = default;
    // The SignatureMethod algorithm URI.
    virtual const char* algorithm() const = 0;
    // The message with its ds:Signature, or nothing (and `error`) if it cannot be signed (not
    // well-formed XML, already signed, a key failure).
    virtual std::optional<std::string> Sign(std::string_view xml, std::string* error) const = 0;
    // Base64 of the signature of `text` itself, with the same key and algorithm: the raw payment
    // data of announcement 179 is signed text, not XML (CLEARANCE.md §11).
    virtual std::optional<std::string> SignText(std::string_view text, std::string* error) const = 0;
    // The certificate's serial number, lower-case hex (that upload's certNo).
    virtual std::string certificate_serial() const = 0;
};

// The serial number of the certificate in `cert_pem` as lower-case hex; "" if it is not one.
std::string CertificateSerialHex(std::string_view cert_pem);

// The private key and certificate in PEM files: RSA-SHA1 for an RSA key, SM2-SM3 for an SM2 one;
// `key_name` goes into KeyInfo's KeyName (the e-port's certificate number).
std::unique_ptr<MessageSigner> OpenKeySigner(const std::string& key_pem_file, const std::string& cert_pem_file,
                                             const std::string& key_name, std::string* error);

// Writes a new key (a 2048-bit RSA key, or an SM2 key; mode 0600) and a self-signed certificate
// for it, valid ten years, to the two files (neither may exist). For development and the
// simulator only: the single window trusts only certificates its own CA issued.
bool CreateSelfSignedSigningKey(const std::string& key_pem_file, const std::string& cert_pem_file, const std::string& common_name,
                                std::string* error, SignatureAlgorithm algorithm = SignatureAlgorithm::RsaSha1);

} // namespace bondstore
