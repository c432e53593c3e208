#include "server/customs/signature_verifier.h"

#include "server/base/bytes.h"
#include "server/customs/signature_algorithm.h"
#include "server/customs/xml_c14n.h"
#include "server/customs/xml_document.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <vector>

namespace bondstore {

namespace {

constexpr const char* kDsNs = "http://www.w3.org/2000/09/xmldsig#";
constexpr const char* kC14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
constexpr const char* kEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

bool IsDs(const xmlNode* n, const char* name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST kDsNs) && xmlStrEqual(n->name, BAD_CAST name);
}

xmlNode* DsChild(xmlNode* parent, const char* name)
{
    for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
        if (IsDs(c, name)) return c;
    return nullptr;
}

std::string Attribute(xmlNode* n, const char* name)
{
    xmlChar* v = n ? xmlGetProp(n, BAD_CAST name) : nullptr;
    std::string out = v ? reinterpret_cast<char*>(v) : "";
    xmlFree(v);
    return out;
}

std::string Text(xmlNode* n)
{
    xmlChar* t = n ? xmlNodeGetContent(n) : nullptr;
    std::string out = t ? reinterpret_cast<char*>(t) : "";
    xmlFree(t);
    std::string clean; // base64 in XML may be wrapped
    for (char c : out)
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t') clean += c;
    return clean;
}

} // namespace

std::unique_ptr<SignatureVerifier> SignatureVerifier::FromCertificateFile(const std::string& cert_pem_file, std::string* error)
{
    FILE* f = std::fopen(cert_pem_file.c_str(), "r");
    if (!f) { *error = "cannot read customs' certificate " + cert_pem_file; return nullptr; }
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    EVP_PKEY* key = cert ? X509_get_pubkey(cert) : nullptr;
    X509_free(cert);
    if (!key) { *error = cert_pem_file + " is not a PEM certificate"; return nullptr; }
    return std::unique_ptr<SignatureVerifier>(new SignatureVerifier(key));
}

SignatureVerifier::~SignatureVerifier() { EVP_PKEY_free(key_); }

bool SignatureVerifier::VerifyBytes(std::string_view data, const std::vector<unsigned char>& signature, SignatureMethod method) const
{
    return bondstore::VerifyBytes(key_, method, data, signature);
}

bool SignatureVerifier::Verify(std::string_view xml, std::string* why) const
{
    XmlDoc doc = ParseXmlDocument(xml, why);
    if (!doc) return false;
    xmlNode* root = xmlDocGetRootElement(doc.get());
    xmlNode* signature = nullptr;
    for (xmlNode* c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) signature = IsDs(c, "Signature") ? c : nullptr; // the last element child
    if (!signature) { *why = "not signed"; return false; }
    xmlNode* info = DsChild(signature, "SignedInfo");
    xmlNode* reference = DsChild(info, "Reference");
    if (!info || !reference) { *why = "no SignedInfo/Reference"; return false; }
    int references = 0;
    for (xmlNode* c = info->children; c; c = c->next) references += IsDs(c, "Reference");
    if (references != 1 || Attribute(reference, "URI") != "") { *why = "one Reference to the whole document is expected"; return false; }
    if (Attribute(DsChild(info, "CanonicalizationMethod"), "Algorithm") != kC14n) { *why = "an unexpected canonicalization"; return false; }
    std::optional<SignatureMethod> method = ReadSignatureMethodUri(Attribute(DsChild(info, "SignatureMethod"), "Algorithm"));
    std::string digest_uri = Attribute(DsChild(reference, "DigestMethod"), "Algorithm");
    if (!method || !DigestByUri(digest_uri, "")) { *why = "an unexpected signature or digest algorithm"; return false; }
    bool enveloped = false;
    for (xmlNode* t = DsChild(DsChild(reference, "Transforms"), "Transform"); t; t = t->next) {
        if (t->type != XML_ELEMENT_NODE) continue;
        std::string algorithm = Attribute(t, "Algorithm");
        if (algorithm == kEnveloped) enveloped = true;
        else if (algorithm != kC14n) { *why = "an unexpected transform " + algorithm; return false; }
    }
    if (!enveloped) { *why = "the enveloped-signature transform is expected"; return false; }
    std::optional<std::vector<unsigned char>> digest_value = Unbase64(Text(DsChild(reference, "DigestValue")));
    std::optional<std::vector<unsigned char>> signature_value = Unbase64(Text(DsChild(signature, "SignatureValue")));
    if (!digest_value || !signature_value) { *why = "DigestValue or SignatureValue is not base64"; return false; }

    // 1. SignedInfo, signed by the trusted key.
    std::string signed_info = CanonicalSubtree(doc.get(), "ds:SignedInfo");
    if (signed_info.empty() || !bondstore::VerifyBytes(key_, *method, signed_info, *signature_value)) {
        *why = "the signature does not verify with the trusted certificate";
        return false;
    }

    // 2. The document without its signature (the enveloped-signature transform), digested.
    xmlUnlinkNode(signature);
    xmlFreeNode(signature);
    std::string document = CanonicalXml(doc.get());
    std::optional<std::vector<unsigned char>> digest = DigestByUri(digest_uri, document);
    if (document.empty() || !digest || digest_value->size() != digest->size() ||
        CRYPTO_memcmp(digest->data(), digest_value->data(), digest->size()) != 0) {
        *why = "the digest does not match: the message was altered";
        return false;
    }
    return true;
}

} // namespace bondstore
