// XmlDocument: how the server parses XML that comes from outside (customs' receipts, the DxpMsg
// envelope) or that it checks before sending: libxml2 without network access, without entity
// substitution, and refusing any document that carries a DOCTYPE — a DTD can define entities
// that expand without bound when the text is read ("billion laughs") or reach for external
// files, and no CEB message has one.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

struct XmlDocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// The parsed document, or nothing with `error` set: "not well-formed XML", "a DOCTYPE is not
// accepted", "larger than N bytes", an encoding refused (XmlAsUtf8).
// The document as UTF-8: as it is when its declaration names UTF-8 or no encoding; decoded from
// GB18030 when it names GB2312, GBK or GB18030 (as integrators' receipts do), its declaration then
// saying UTF-8. Any other encoding, or bytes that are not what the declaration says: nothing, and why.
std::optional<std::string> XmlAsUtf8(std::string_view xml, std::string* error);

XmlDoc ParseXmlDocument(std::string_view xml, std::string* error, size_t max_bytes = 8u << 20);

// Whether `n` is the element `name` in customs' namespace (http://www.chinaport.gov.cn/ceb), under
// any prefix or none.
bool IsCebElement(const xmlNode* n, const char* name);
// An element's text content ("" if none).
std::string NodeText(xmlNode* n);
// `s` is between `min` and `max` ASCII digits.
bool IsDigits(std::string_view s, size_t min, size_t max);

} // namespace bondstore
