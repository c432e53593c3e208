// SM2-SM3 beside RSA-SHA1 (issue 18, part 7): the national algorithms as the e-port's signing cards
// use them, checked against signatures a real card made — not only against ourselves.
#include <doctest/doctest.h>

#include "server/base/bytes.h"
#include "server/customs/message_signer.h"
#include "server/customs/order_relay.h"
#include "server/customs/signature_algorithm.h"
#include "server/customs/signature_verifier.h"
#include "server/customs/simulator_signatures.h"
#include "tests/server/order_fixture.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace bondstore;
using namespace bondstore::test;

namespace {

// A real e-port SM2 certificate (public; issued by 中国电子口岸 in 2023) and two signatures its
// card made, with the text each signs, as published in the tests of Weasley-J/chinaport-data-signature
// (src/test/java/.../client/SignClientTest.java). The first text is a Java text block: it ends in
// a line feed, and the card signed that too.
const char kEportCert[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIEoDCCBESgAwIBAgIIAwAAAAAM3m8wDAYIKoEcz1UBg3UFADCBmDELMAkGA1UE\n"
    "BhMCQ04xDzANBgNVBAgMBuWMl+S6rDEPMA0GA1UEBwwG5YyX5LqsMRswGQYDVQQK\n"
    "DBLkuK3lm73nlLXlrZDlj6PlsrgxGzAZBgNVBAsMEuivgeS5pueuoeeQhuS4reW/\n"
    "gzEtMCsGA1UEAwwk5Lit5Zu955S15a2Q5Lia5Yqh6K+B5Lmm566h55CG5Lit5b+D\n"
    "MB4XDTIzMDMyOTAwMDAwMFoXDTMzMDMyOTAwMDAwMFowVjELMAkGA1UEBhMCQ04x\n"
    "MzAxBgNVBAsMKua1t+WNl+ecgeiNo+iqiei/m+WHuuWPo+i0uOaYk+aciemZkOWF\n"
    "rOWPuDESMBAGA1UEAwwJ5p2o5aaC6YeRMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0D\n"
    "QgAE0vOQmplAr9igPZrA8F1msqnFd0U++6G6NhG5rNuIUWft0BwQn7eSJkt5/fvS\n"
    "Soe7pUg2/awHUWPnzkeeQc7oVqOCArUwggKxMBEGCWCGSAGG+EIBAQQEAwIFoDAO\n"
    "BgNVHQ8BAf8EBAMCBsAwCQYDVR0TBAIwADApBgNVHSUEIjAgBggrBgEFBQcDAgYI\n"
    "KwYBBQUHAwQGCisGAQQBgjcUAgIwHwYDVR0jBBgwFoAURCQxt0wEvoAVXmuo4N1b\n"
    "jKXTh0UwHQYDVR0OBBYEFAytGob5L0WqhOCZ5l6Lf2jUdNrAMGgGA1UdIARhMF8w\n"
    "XQYEVR0gADBVMFMGCCsGAQUFBwIBFkdodHRwczovL3d3dy5jaGluYXBvcnQuZ292\n"
    "LmNuL3RjbXNmaWxlL3UvY21zL3d3dy8yMDIyMDQvMTIxMzI5NDh4dDZwLnBkZjB/\n"
    "BgNVHR8EeDB2MHSgcqBwhm5sZGFwOi8vbGRhcC5jaGluYXBvcnQuZ292LmNuOjM4\n"
    "OS9jbj1jcmwwMzAwMDAsb3U9Y3JsMDAsb3U9Y3JsLGM9Y24/Y2VydGlmaWNhdGVS\n"
    "ZXZvY2F0aW9uTGlzdD9iYXNlP2NuPWNybDAzMDAwMDA+BggrBgEFBQcBAQQyMDAw\n"
    "LgYIKwYBBQUHMAGGImh0dHA6Ly9vY3NwLmNoaW5hcG9ydC5nb3YuY246ODgwMC8w\n"
    "OgYKKwYBBAGpQ2QFAQQsDCrmtbfljZfnnIHojaPoqonov5vlh7rlj6PotLjmmJPm\n"
    "nInpmZDlhazlj7gwEgYKKwYBBAGpQ2QFAwQEDAIwMTAiBgorBgEEAalDZAUIBBQM\n"
    "EjUxMjMyNDE5NjQxMDE3Mjk3WDAgBgorBgEEAalDZAUJBBIMEDAzLUpKMEc5MDAy\n"
    "MjA3NTIwGQYKKwYBBAGpQ2QFCwQLDAlNQTVUTkZHWTkwEgYKKwYBBAGpQ2QFDAQE\n"
    "DAIwMDASBgorBgEEAalDZAIBBAQMAjEyMBIGCisGAQQBqUNkAgQEBAwCMTQwDAYI\n"
    "KoEcz1UBg3UFAANIADBFAiBM4OVAc8aaCZU4XFfcVMkC7bWIIenRnPLxrnwVeYO3\n"
    "CQIhANQ767YIurkJCoLtwyqQPbUZe/+3BjGZcIWqB1mAl9T+\n"
    "-----END CERTIFICATE-----\n";

// The SignedInfo each signature is over; they differ only in the DigestValue.
std::string SignedInfo(const std::string& digest_value)
{
    return "<ds:SignedInfo xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><ds:CanonicalizationMethod "
           "Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"></ds:CanonicalizationMethod><ds:SignatureMethod "
           "Algorithm=\"http://www.w3.org/2000/09/xmldsig#sm2-sm3\"></ds:SignatureMethod><ds:Reference URI=\"\"><ds:Transforms>"
           "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"></ds:Transform></ds:Transforms>"
           "<ds:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"></ds:DigestMethod><ds:DigestValue>" +
           digest_value + "</ds:DigestValue></ds:Reference></ds:SignedInfo>";
}
const std::string kSignedInfoSha1Digest1 = SignedInfo("gTNsxKmXAJfylGtBHhi7HfMRnec=") + "\n";
const char kSignature1[] = "9cxkIKyiFi6X5v4JZsJQExJS+3pKmWcWzQjO0ziHHN9BZV5p04gb8XaCkeIQZFlVe93mI47az8xZAwSB1y1l+g==";
const std::string kSignedInfoSha1Digest2 = SignedInfo("tYLIrRGmnwZb42LRdVr0ITzkFkA=");
const char kSignature2[] = "XvSyJzDPnePobS0kMCdCTevE4OYEKn5QTdHsx6SsZPzMfN9vks4Zlwngndn979VcZzaLw/U7G8aApb4tfarJ/A==";

struct Key {
    EVP_PKEY* key = nullptr;
    explicit Key(EVP_PKEY* k) : key(k) {}
    ~Key() { EVP_PKEY_free(key); }
};

EVP_PKEY* CertificateKey(const std::string& pem)
{
    BIO* bio = BIO_new_mem_buf(pem.data(), int(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_PKEY* key = cert ? X509_get_pubkey(cert) : nullptr;
    X509_free(cert);
    return key;
}

std::string Hex(const std::vector<unsigned char>& bytes) { return bondstore::Hex(bytes.data(), bytes.size()); }

const SignatureMethod kSm2{SignatureAlgorithm::Sm2Sm3};

} // namespace

TEST_CASE("SM3 is GB/T 32905's: the standard's example digests")
{
    CHECK(Hex(*DigestByUri(DigestMethodUri(SignatureAlgorithm::Sm2Sm3), "abc")) ==
          "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    std::string abcd;
    for (int i = 0; i < 16; i++) abcd += "abcd";
    CHECK(Hex(*DigestByUri(DigestMethodUri(SignatureAlgorithm::Sm2Sm3), abcd)) ==
          "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    CHECK_FALSE(DigestByUri("http://example.com/md5", "abc"));
}

TEST_CASE("SM2-SM3 verifies what a real e-port card signed, and nothing else")
{
    Key key(CertificateKey(kEportCert));
    REQUIRE(key.key);
    CHECK(AlgorithmOfKey(key.key) == SignatureAlgorithm::Sm2Sm3);
    std::vector<unsigned char> one = *Unbase64(kSignature1), two = *Unbase64(kSignature2);
    CHECK(one.size() == 64); // r‖s, not DER
    CHECK(VerifyBytes(key.key, kSm2, kSignedInfoSha1Digest1, one));
    CHECK(VerifyBytes(key.key, kSm2, kSignedInfoSha1Digest2, two));
    // Each signature is of its own text; a changed byte, a changed signature, or a text without
    // the line feed the card signed fails.
    CHECK_FALSE(VerifyBytes(key.key, kSm2, kSignedInfoSha1Digest2, one));
    std::string text = kSignedInfoSha1Digest1;
    CHECK_FALSE(VerifyBytes(key.key, kSm2, text.substr(0, text.size() - 1), one));
    text[text.find("gTNs")] = 'h';
    CHECK_FALSE(VerifyBytes(key.key, kSm2, text, one));
    std::vector<unsigned char> bent = one;
    bent[40] ^= 1;
    CHECK_FALSE(VerifyBytes(key.key, kSm2, kSignedInfoSha1Digest1, bent));
    bent = one;
    bent.pop_back();
    CHECK_FALSE(VerifyBytes(key.key, kSm2, kSignedInfoSha1Digest1, bent));
    // The card's key is SM2: an RSA method with it is refused, not attempted.
    CHECK_FALSE(VerifyBytes(key.key, SignatureMethod{SignatureAlgorithm::RsaSha1}, kSignedInfoSha1Digest1, one));
    // The URIs a verifier reads: the specification's and the integrators' form.
    CHECK(ReadSignatureMethodUri("http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3")->algorithm == SignatureAlgorithm::Sm2Sm3);
    CHECK(ReadSignatureMethodUri("http://www.w3.org/2000/09/xmldsig#sm2-sm3")->algorithm == SignatureAlgorithm::Sm2Sm3);
    CHECK_FALSE(ReadSignatureMethodUri("http://www.w3.org/2000/09/xmldsig#dsa-sha1"));
}

TEST_CASE("Bondstore signs with SM2-SM3 as the card does: 64-byte signatures its verifier and customs' side accept")
{
    TempDir dir;
    std::string error;
    REQUIRE_MESSAGE(CreateSelfSignedSigningKey(dir.path + "/k.pem", dir.path + "/c.pem", "sm2 test", &error, SignatureAlgorithm::Sm2Sm3), error);
    std::unique_ptr<MessageSigner> signer = OpenKeySigner(dir.path + "/k.pem", dir.path + "/c.pem", "0001", &error);
    REQUIRE_MESSAGE(signer, error);
    CHECK(std::string(signer->algorithm()) == "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3");
    std::optional<std::string> text_signature = signer->SignText("payExInfoStr", &error);
    REQUIRE(text_signature);
    CHECK(Unbase64(*text_signature)->size() == 64);

    const std::string message = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ceb:CEB621Message xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\">"
                                "<ceb:orderNo>BS1</ceb:orderNo></ceb:CEB621Message>";
    std::optional<std::string> xml = signer->Sign(message, &error);
    REQUIRE_MESSAGE(xml, error);
    CHECK(xml->find("#sm3\"") != std::string::npos);
    std::unique_ptr<SignatureVerifier> verifier = SignatureVerifier::FromCertificateFile(dir.path + "/c.pem", &error);
    REQUIRE(verifier);
    std::string why;
    CHECK_MESSAGE(verifier->Verify(*xml, &why), why);
    CHECK(verifier->VerifyBytes("payExInfoStr", *Unbase64(*text_signature), kSm2));
    std::string altered = *xml;
    altered.replace(altered.find(">BS1<"), 5, ">BS2<");
    CHECK_FALSE(verifier->Verify(altered, &why));
    CHECK(why.find("altered") != std::string::npos);

    // Customs' side (the simulator) verifies it against the certificates it trusts, and only those.
    TempDir other;
    REQUIRE(CreateSelfSignedSigningKey(other.path + "/k.pem", other.path + "/c.pem", "someone", &error, SignatureAlgorithm::Sm2Sm3));
    SignatureCheck trusting, stranger;
    REQUIRE_MESSAGE(trusting.Init({dir.path + "/c.pem"}, &error), error);
    REQUIRE_MESSAGE(stranger.Init({other.path + "/c.pem"}, &error), error);
    CHECK(trusting.Verify(*xml));
    CHECK_FALSE(trusting.Verify(altered));
    CHECK_FALSE(stranger.Verify(*xml));

    // An RSA key still signs RSA-SHA1, which xmlsec checks on customs' side.
    REQUIRE(CreateSelfSignedSigningKey(other.path + "/rk.pem", other.path + "/rc.pem", "rsa", &error));
    std::unique_ptr<MessageSigner> rsa = OpenKeySigner(other.path + "/rk.pem", other.path + "/rc.pem", "0001", &error);
    REQUIRE(rsa);
    CHECK(std::string(rsa->algorithm()) == "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
    SignatureCheck rsa_trusting;
    REQUIRE(rsa_trusting.Init({other.path + "/rc.pem"}, &error));
    CHECK(rsa_trusting.Verify(*rsa->Sign(message, &error)));
}

TEST_CASE("the relay's key is the algorithm asked for: made so when missing, refused when it is another kind")
{
    TempDir dir;
    RelayFiles files = DefaultRelayFiles(dir.path);
    files.customs_config = std::string(BONDSTORE_SOURCE_DIR) + "/assets/customs/declarant.json";
    files.ceb_xsd = CebXsdFile();
    files.algorithm = SignatureAlgorithm::Sm2Sm3;
    std::string error;
    std::optional<RelayKit> kit = OpenRelayKit(files, true, &error);
    REQUIRE_MESSAGE(kit, error);
    CHECK(std::string(kit->signer->algorithm()).find("sm2-sm3") != std::string::npos);
    files.algorithm = SignatureAlgorithm::RsaSha1;
    CHECK_FALSE(OpenRelayKit(files, true, &error));
    CHECK(error.find("does not sign with rsa-sha1") != std::string::npos);
    files.algorithm.reset(); // the key's own
    kit = OpenRelayKit(files, true, &error);
    REQUIRE(kit);
    CHECK(std::string(kit->signer->algorithm()).find("sm2-sm3") != std::string::npos);
    CHECK(ParseSignatureAlgorithm("sm2-sm3") == SignatureAlgorithm::Sm2Sm3);
    CHECK_FALSE(ParseSignatureAlgorithm("SM2"));
}
