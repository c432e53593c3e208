// PoFile: the translator round trip. Each locale's catalog (i18n/<tag>.json) goes out as a
// gettext PO file — msgctxt = message key, msgid = the source (English) text, msgstr = the
// translation — and comes back in, checked before anything is written.
//
// A translation remembers which source text it was made from: "@source_hashes" in the locale's
// file holds a hash of that text per key. When the source changes, the next export flags the
// entry `fuzzy`; a translator who reviews it and drops the flag stamps it current on import.
#pragma once

#include "core/base/problem.h"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bondstore {

// One locale's catalog as stored in i18n/<tag>.json.
struct TranslationFile {
    std::vector<std::pair<std::string, std::string>> messages; // key → ICU MessageFormat, in order
    std::map<std::string, std::string> source_hashes;          // key → SourceHash of its source text

    const std::string* Find(std::string_view key) const;
};

// A short, stable hash of a source text (8 hex digits, FNV-1a): enough to notice a change.
std::string SourceHash(std::string_view source_text);

// Reads a catalog file; problems are json.* with the key in `field`.
TranslationFile ParseTranslationFile(std::string_view json, std::vector<Problem>* problems);
// Writes it as the repository keeps it: one message per line, hashes last.
std::string TranslationFileToJson(const TranslationFile& file);

struct TranslationStatus {
    int current = 0;      // translated from today's source text
    int fuzzy = 0;        // translated from another source text (or flagged by a translator)
    int untranslated = 0; // falls back
};
TranslationStatus StatusOf(const TranslationFile& source, const TranslationFile& translation);

// The PO file for `locale`: every key of `source`, in its order; untranslated keys have an empty
// msgstr, stale ones (no hash, or a hash of another source text) the fuzzy flag.
std::string ExportPo(std::string_view locale, const TranslationFile& source, const TranslationFile& translation);

struct PoImport {
    TranslationFile file;          // the locale's new catalog (empty msgstr: key dropped, it falls back)
    std::vector<Problem> problems; // section "po", row = line number, field = key
    int translated = 0, fuzzy = 0, untranslated = 0;
    bool ok() const { return !HasErrors(problems); }
};

// Reads a PO file for `locale` against the source catalog. Errors (the import is then refused as
// a whole): po.syntax, import.invalid_utf8, po.no_context, po.unknown_key, po.duplicate_key,
// po.broken_pattern (value: ICU's error), po.arguments_differ (value: the translation's
// placeholders and how they format, limit: the source's), po.wrong_language (the header's
// Language, when it does not negotiate to `locale`). A fuzzy entry is imported unstamped, so the
// next export flags it again.
PoImport ImportPo(std::string_view po, std::string_view locale, const TranslationFile& source,
                  const TranslationFile& current);

} // namespace bondstore
