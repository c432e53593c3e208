// SearchText: text as search compares it, in the browser and on the server alike.
#pragma once

#include <string>
#include <string_view>

namespace bondstore {

// NFKC case folding, combining marks removed (then NFC), whitespace and control characters made
// one space between words, trimmed. ASCII takes a path without ICU.
std::string NormalizeForSearch(std::string_view text);

// NFKC case folding and the same spaces, accents and other marks kept: for matching words whose
// marks tell them apart ("Suède" is Sweden, "suede" a leather; ビール is beer, ヒール a heel).
std::string FoldForMatching(std::string_view text);

} // namespace bondstore
