// Text in a URL (RFC 3986): percent-encoded where it holds anything but the unreserved characters
// (letters, digits, "-._~"), UTF-8 byte by byte, so a Chinese SKU or search travels in a link.
#pragma once

#include <string>
#include <string_view>

namespace bondstore {

std::string PercentEncode(std::string_view text);

// Decodes %XX escapes (and, in a query, "+" as a space: `plus_is_space`). False, with `out`
// unspecified, when an escape is malformed ("%4", "%G1").
bool PercentDecode(std::string_view text, std::string* out, bool plus_is_space = false);

} // namespace bondstore
