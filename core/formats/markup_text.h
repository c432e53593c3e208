// Text made safe to put in HTML or XML, in an element or a quoted attribute: & < > " ' escaped.
#pragma once

#include <string>
#include <string_view>

namespace bondstore {

std::string EscapeMarkup(std::string_view text);

} // namespace bondstore
