#include "server/http/static_files.h"

#include "server/base/files.h"

#include <filesystem>

namespace bondstore {

namespace fs = std::filesystem;

std::string MimeTypeFor(const std::string& name)
{
    auto ends = [&](const char* ext) {
        size_t n = std::char_traits<char>::length(ext);
        return name.size() >= n && name.compare(name.size() - n, n, ext) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
    if (ends(".wasm")) return "application/wasm";
    if (ends(".json")) return "application/json; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".png")) return "image/png";
    if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
    if (ends(".webp")) return "image/webp";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".ttf")) return "font/ttf";
    if (ends(".otf")) return "font/otf";
    if (ends(".woff2")) return "font/woff2";
    if (ends(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

static bool IsCompressible(const std::string& mime)
{
    return mime.rfind("text/", 0) == 0 || mime.rfind("application/json", 0) == 0 || mime == "application/wasm" ||
           mime == "application/octet-stream" || mime == "image/svg+xml" || mime == "font/ttf" || mime == "font/otf";
}

bool StaticFiles::Load(const std::string& dir, std::string* error, bool app)
{
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) {
        *error = app ? "the web app directory '" + dir + "' does not exist (build the wasm preset, or pass --web-dir)"
                     : "the images directory '" + dir + "' does not exist (pass --images-dir, or an empty one for none)";
        return false;
    }
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        fs::path p = it->path();
        // Never served: hidden files and folders (.git, .env, an editor's swap file) and symbolic
        // links (one could point anywhere on the machine).
        std::error_code status;
        if (p.filename().string().rfind('.', 0) == 0) {
            if (it->is_directory(status)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(status) || !it->is_regular_file(status)) continue;
        std::string ext = p.extension().string();
        if (ext == ".br" || ext == ".gz") continue;
        std::string bytes, gz, br;
        if (!ReadFile(p.string(), &bytes)) { *error = "cannot read " + p.string(); return false; }
        if (!fs::is_symlink(p.string() + ".gz", status)) ReadFile(p.string() + ".gz", &gz); // optional
        if (!fs::is_symlink(p.string() + ".br", status)) ReadFile(p.string() + ".br", &br); // optional
        std::string rel = "/" + fs::relative(p, dir).generic_string();
        std::string mime = MimeTypeFor(rel);
        // Files keep their names across builds, so clients revalidate each time (a cheap 304).
        files_[rel] = MakeCachedBody(std::move(bytes), mime, "no-cache", IsCompressible(mime), std::move(gz), std::move(br));
    }
    if (ec) { *error = "cannot list " + dir + ": " + ec.message(); return false; }
    if (app && !files_.count("/index.html")) { *error = dir + " has no index.html"; return false; }
    return true;
}

std::shared_ptr<const CachedBody> StaticFiles::Find(const std::string& path) const
{
    // "/", the kiosk's page ("/kiosk") and the merchant screen ("/merchant") are the app's page;
    // the app reads its path.
    auto it = files_.find(path == "/" || path == "/kiosk" || path == "/merchant" || path == "/operator" ? std::string("/index.html") : path);
    return it == files_.end() ? nullptr : it->second;
}

} // namespace bondstore
