// Files: reading a whole file, and replacing one so that a reader never sees it half written.
#pragma once

#include <string>

namespace bondstore {

// The file's bytes; false if it cannot be read.
bool ReadFile(const std::string& path, std::string* out);

// Writes `bytes` to a temporary file beside `path` and renames it over `path`.
bool WriteFileAtomically(const std::string& path, const std::string& bytes);

// Creates `dir` (and its parents) if needed; one it creates is mode 0700 (only this user). An
// existing one that others can read or enter is narrowed to 0700 as well, with a warning on stderr.
bool MakePrivateDirectory(const std::string& dir, std::string* error);

} // namespace bondstore
