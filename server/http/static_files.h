// StaticFiles: the built web app (index.html, .js, .wasm, ICU data, font), or the product images,
// read once at start and served from memory with the right MIME type, ETag, and the build's precompressed .br/.gz forms.
#pragma once

#include "server/http/cached_body.h"

#include <map>
#include <memory>
#include <string>

namespace bondstore {

class StaticFiles {
public:
    // Loads every file under `dir` (not the .br/.gz siblings, which are attached to their
    // originals; never hidden files or folders, never symbolic links). Returns false with `error` set if `dir` is not a readable directory or, for the
    // web app (`app`), holds no index.html.
    bool Load(const std::string& dir, std::string* error, bool app = true);

    // The body for a URL path ("/" is index.html), or null.
    std::shared_ptr<const CachedBody> Find(const std::string& path) const;

    size_t size() const { return files_.size(); }
    // Every file, by URL path ("/X.png").
    const std::map<std::string, std::shared_ptr<const CachedBody>>& files() const { return files_; }

private:
    std::map<std::string, std::shared_ptr<const CachedBody>> files_; // "/bondstore.wasm" -> body
};

// MIME type for a file name, by extension.
std::string MimeTypeFor(const std::string& filename);

} // namespace bondstore
