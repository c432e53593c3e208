#include "server/customs/simulator_signatures.h"

#include "server/customs/signature_algorithm.h"
#include "server/customs/signature_verifier.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

namespace bondstore {

std::mutex SignatureCheck::mutex_;

SignatureCheck::SignatureCheck() = default;

SignatureCheck::~SignatureCheck()
{
    if (manager_) xmlSecKeysMngrDestroy(manager_);
    if (signing_key_) xmlSecKeyDestroy(signing_key_);
}

bool SignatureCheck::Init(const std::vector<std::string>& certs, std::string* error)
{
    static const bool started = xmlSecInit() >= 0 && xmlSecCryptoAppInit(nullptr) >= 0 && xmlSecCryptoInit() >= 0;
    if (!started) { *error = "xmlsec cannot start"; return false; }
    manager_ = xmlSecKeysMngrCreate();
    if (!manager_ || xmlSecCryptoAppDefaultKeysMngrInit(manager_) < 0) { *error = "xmlsec cannot make a keys manager"; return false; }
    for (const std::string& cert : certs)
        if (xmlSecCryptoAppKeysMngrCertLoad(manager_, cert.c_str(), xmlSecKeyDataFormatPem, xmlSecKeyDataTypeTrusted) < 0) {
            *error = "cannot load the trusted certificate " + cert;
            return false;
        }
    for (const std::string& cert : certs) {
        std::unique_ptr<SignatureVerifier> v = SignatureVerifier::FromCertificateFile(cert, error);
        if (!v) return false;
        sm2_.push_back(std::move(v));
    }
    return true;
}
bool SignatureCheck::Verify(const std::string& xml)
{
    std::lock_guard lock(mutex_);
    xmlDoc* doc = xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return false;
    bool ok = false;
    xmlNode* node = xmlSecFindNode(xmlDocGetRootElement(doc), xmlSecNodeSignature, xmlSecDSigNs);
    xmlNode* method = node ? xmlSecFindNode(node, xmlSecNodeSignatureMethod, xmlSecDSigNs) : nullptr;
    xmlChar* uri = method ? xmlGetProp(method, BAD_CAST "Algorithm") : nullptr;
    std::optional<SignatureMethod> sm = uri ? ReadSignatureMethodUri(reinterpret_cast<const char*>(uri)) : std::nullopt;
    xmlFree(uri);
    if (sm && sm->algorithm == SignatureAlgorithm::Sm2Sm3) { // xmlsec has no SM2: each trusted certificate in turn
        xmlFreeDoc(doc);
        std::string why;
        for (const auto& v : sm2_)
            if (v->Verify(xml, &why)) return true;
        return false;
    }
    xmlSecDSigCtx* ctx = node ? xmlSecDSigCtxCreate(manager_) : nullptr;
    if (ctx && xmlSecDSigCtxVerify(ctx, node) >= 0) ok = ctx->status == xmlSecDSigStatusSucceeded;
    if (ctx) xmlSecDSigCtxDestroy(ctx);
    xmlFreeDoc(doc);
    return ok;
}

bool SignatureCheck::LoadSigningKey(const std::string& pem, std::string* error)
{
    signing_key_ = xmlSecCryptoAppKeyLoad(pem.c_str(), xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr);
    if (!signing_key_) *error = "cannot load the signing key " + pem;
    return signing_key_ != nullptr;
}

std::string SignatureCheck::Sign(const std::string& xml)
{
    std::lock_guard lock(mutex_);
    xmlDoc* doc = xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return xml;
    std::string out = xml;
    // An enveloped signature, last child of the root: inclusive C14N, RSA-SHA1, one reference to
    // the whole document.
    xmlNode* signature = xmlSecTmplSignatureCreate(doc, xmlSecTransformInclC14NId, xmlSecTransformRsaSha1Id, nullptr);
    xmlNode* reference = signature ? xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha1Id, nullptr, BAD_CAST "", nullptr)
                                   : nullptr;
    if (reference && xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId)) {
        xmlAddChild(xmlDocGetRootElement(doc), signature);
        xmlSecDSigCtx* ctx = xmlSecDSigCtxCreate(nullptr);
        if (ctx) {
            ctx->signKey = xmlSecKeyDuplicate(signing_key_);
            if (xmlSecDSigCtxSign(ctx, signature) >= 0) {
                xmlChar* dumped = nullptr;
                int n = 0;
                xmlDocDumpMemoryEnc(doc, &dumped, &n, "UTF-8");
                if (dumped) out.assign(reinterpret_cast<char*>(dumped), size_t(n));
                xmlFree(dumped);
            }
            xmlSecDSigCtxDestroy(ctx);
        }
    }
    xmlFreeDoc(doc);
    return out;
}

} // namespace bondstore
