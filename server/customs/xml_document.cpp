#include "server/customs/xml_document.h"

#include <libxml/parser.h>

namespace bondstore {

XmlDoc ParseXmlDocument(std::string_view xml, std::string* error, size_t max_bytes)
{
    if (xml.size() > max_bytes) {
        *error = "larger than " + std::to_string(max_bytes) + " bytes";
        return nullptr;
    }
    // A DTD is refused before libxml2 reads it, and again after (a DOCTYPE the quick look missed
    // still leaves an internal subset).
    if (xml.find("<!DOCTYPE") != std::string_view::npos) {
        *error = "a DOCTYPE is not accepted";
        return nullptr;
    }
    XmlDoc doc(xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
    if (!doc || !xmlDocGetRootElement(doc.get())) {
        *error = "not well-formed XML";
        return nullptr;
    }
    if (doc->intSubset || doc->extSubset) {
        *error = "a DOCTYPE is not accepted";
        return nullptr;
    }
    return doc;
}

} // namespace bondstore
