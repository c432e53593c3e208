// SignatureCheck: the simulator's side of customs' XML signatures — verifying what the platform,
// payment companies and carriers sign (xmlsec, one keys manager trusting their certificates; SM2-SM3,
// which xmlsec lacks, with signature_verifier.h for each certificate), and signing customs' own
// receipts (an enveloped signature, as the single window's). Customs' side only: the store's
// verifier is server/customs/signature_verifier.h.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

typedef struct _xmlSecKeysMngr xmlSecKeysMngr;
typedef struct _xmlSecKey xmlSecKey;

namespace bondstore {

class SignatureVerifier;

class SignatureCheck {
public:
    SignatureCheck();
    ~SignatureCheck();
    SignatureCheck(const SignatureCheck&) = delete;
    SignatureCheck& operator=(const SignatureCheck&) = delete;
    bool Init(const std::vector<std::string>& certs, std::string* error);
    bool Verify(const std::string& xml);
    // Customs' signing key (PEM); then Sign signs a document. False (and `error`) if unreadable.
    bool LoadSigningKey(const std::string& pem, std::string* error);
    bool signing() const { return signing_key_ != nullptr; }
    std::string Sign(const std::string& xml);

private:
    xmlSecKeysMngr* manager_ = nullptr;
    std::vector<std::unique_ptr<SignatureVerifier>> sm2_; // one per trusted certificate
    xmlSecKey* signing_key_ = nullptr;
    // One for every instance (the platform's and the payment companies' checks): xmlsec and
    // OpenSSL reach process-wide state (glibc's time zone among them) on every call.
    static std::mutex mutex_;
};

} // namespace bondstore
