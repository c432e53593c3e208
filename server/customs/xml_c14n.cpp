#include "server/customs/xml_c14n.h"

#include <libxml/c14n.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

namespace bondstore {

namespace {

std::string Canonical(xmlDoc* doc, xmlNodeSet* nodes)
{
    xmlChar* out = nullptr;
    int n = xmlC14NDocDumpMemory(doc, nodes, XML_C14N_1_0, nullptr, 0, &out);
    if (n < 0 || !out) return {};
    std::string s(reinterpret_cast<char*>(out), size_t(n));
    xmlFree(out);
    return s;
}

} // namespace

std::string CanonicalXml(xmlDoc* doc) { return Canonical(doc, nullptr); }

std::string CanonicalSubtree(xmlDoc* doc, const char* element)
{
    xmlXPathContext* ctx = xmlXPathNewContext(doc);
    if (!ctx) return {};
    xmlXPathRegisterNs(ctx, BAD_CAST "ds", BAD_CAST "http://www.w3.org/2000/09/xmldsig#");
    // The XML-DSig idiom for "this element's subtree" as a C14N node-set.
    std::string expr = std::string("(//. | //@* | //namespace::*)[ancestor-or-self::") + element + "]";
    xmlXPathObject* nodes = xmlXPathEvalExpression(BAD_CAST expr.c_str(), ctx);
    std::string out;
    if (nodes && nodes->nodesetval && nodes->nodesetval->nodeNr > 0) out = Canonical(doc, nodes->nodesetval);
    xmlXPathFreeObject(nodes);
    xmlXPathFreeContext(ctx);
    return out;
}

} // namespace bondstore
