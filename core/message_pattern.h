// MessagePattern helpers for translators' tools and tests, on ICU's own MessageFormat parser:
// the arguments a pattern uses (so a translation can be checked against its source), and
// pseudo-localisation of the literal text only (so "{count, plural, one {# item} …}" keeps working).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace bondstore {

// The argument names of an ICU MessageFormat pattern ("{count}", "{count, plural, …}" → count).
// False if the pattern does not parse.
bool MessageArguments(std::string_view pattern, std::set<std::string>* names);

enum class PseudoKind {
    Accented, // en-XA: "[Ŝéàŕçĥ · · ·]" — accents, ~35% longer, bracketed: catches truncation and
              // hard-coded strings
    Bidi,     // ar-XB: each run of text wrapped in right-to-left override marks: catches layouts
              // that do not mirror
};

// The pattern with its literal text pseudo-localised and its syntax untouched. An unparsable
// pattern is returned unchanged.
std::string Pseudolocalize(std::string_view pattern, PseudoKind kind);

} // namespace bondstore
