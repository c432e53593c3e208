// Files: reading a whole file, and replacing one so that a reader never sees it half written.
#pragma once

#include <string>

namespace bondstore {

// The file's bytes; false if it cannot be read.
bool ReadFile(const std::string& path, std::string* out);

// Writes `bytes` to a temporary file beside `path` and renames it over `path`.
bool WriteFileAtomically(const std::string& path, const std::string& bytes);

} // namespace bondstore
