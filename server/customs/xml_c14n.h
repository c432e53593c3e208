// XmlC14n: Canonical XML 1.0 (inclusive, without comments), the form XML-DSig digests and signs —
// of a whole document, or of one element's subtree with the namespaces in scope (the node-set
// XML-DSig specifies for SignedInfo). Shared by the signer (message_signer.h) and the verifier
// (signature_verifier.h), so what one writes the other reads the same way.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace bondstore {

// The whole document; "" if libxml2 cannot canonicalise it.
std::string CanonicalXml(xmlDoc* doc);

// The subtree of the first element matching `element` (an XPath name test; the prefix "ds" is
// XML-DSig's namespace), e.g. "ds:SignedInfo"; "" if there is none.
std::string CanonicalSubtree(xmlDoc* doc, const char* element);

} // namespace bondstore
