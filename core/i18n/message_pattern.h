// MessagePattern helpers for translators' tools and tests, on ICU's own MessageFormat parser:
// the arguments a pattern uses (so a translation can be checked against its source), and
// pseudo-localisation of the literal text only (so "{count, plural, one {# item} …}" keeps working).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace bondstore {

// The arguments of an ICU MessageFormat pattern, each with how it is formatted: "" for a plain
// {name}, "plural", "selectordinal", "select", "choice", or the type of a simple argument
// ("number", "date", …, with its style: "number,integer"). A translation must use the same map
// as its source: {count} turned into {count, number} or {count, select, …} fails at format time.
// A name used two ways is described by both, joined with "+" ("+select" for {section} and
// {section, select, …}). False if the pattern does not parse.
bool MessageArguments(std::string_view pattern, std::map<std::string, std::string>* arguments);

// True if a translation's arguments can stand for its source's: the same names, each used only in
// ways the source's value suits. A plain {count} for a source's {count, plural, …} is fine (ja,
// zh, ko need no plural forms); {count, number} for a source's plain {count}, or select for
// plural, is not: the value might not be a number, or not text.
bool CompatibleArguments(const std::map<std::string, std::string>& source,
                         const std::map<std::string, std::string>& translation);

// "{count, plural}, {name}" — for reports.
std::string DescribeArguments(const std::map<std::string, std::string>& arguments);

enum class PseudoKind {
    Accented, // en-XA: "[Ŝéàŕçĥ · · ·]" — accents, ~35% longer, bracketed: catches truncation and
              // hard-coded strings
    Bidi,     // ar-XB: the whole message in right-to-left override marks: reads mirrored, and
              // catches layouts that do not mirror
};

// The pattern with its literal text pseudo-localised and its syntax untouched. An unparsable
// pattern is returned unchanged.
std::string Pseudolocalize(std::string_view pattern, PseudoKind kind);

} // namespace bondstore
