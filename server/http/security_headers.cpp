#include "server/http/security_headers.h"

#include "server/base/bytes.h"

#include <httplib.h>
#include <openssl/evp.h>

namespace bondstore {

namespace {

// 'sha256-…' of each `<tag>…</tag>` without a src attribute.
std::string InlineHashes(std::string_view html, std::string_view tag)
{
    std::string out;
    const std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
    for (size_t at = html.find(open); at != std::string_view::npos; at = html.find(open, at + 1)) {
        size_t head_end = html.find('>', at);
        if (head_end == std::string_view::npos) break;
        std::string_view head = html.substr(at, head_end - at);
        size_t end = html.find(close, head_end);
        if (end == std::string_view::npos) break;
        if (head.find(" src=") != std::string_view::npos) continue;
        std::string_view body = html.substr(head_end + 1, end - head_end - 1);
        unsigned char digest[32];
        unsigned int n = 0;
        EVP_Digest(body.data(), body.size(), digest, &n, EVP_sha256(), nullptr);
        out += " 'sha256-" + Base64(digest, n) + "'";
    }
    return out;
}

} // namespace

std::string PagePolicy(std::string_view html)
{
    return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + InlineHashes(html, "script") +
           "; style-src 'self'" + InlineHashes(html, "style") +
           "; img-src 'self' data: blob: https:; connect-src 'self'; worker-src 'self'; font-src 'self'; object-src 'none'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

void AddSecurityHeaders(const std::string& page_policy, httplib::Response& res)
{
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    // A 304 carries no body, hence no Content-Type to choose a policy by; and a cache (the
    // browser's, the service worker's) takes a 304's headers over the ones it kept. So the kept
    // policy stays.
    if (res.status == 304) return;
    // A script's policy governs it when it runs as a worker (the service worker, sw.js).
    std::string type = res.get_header_value("Content-Type");
    bool page = type.rfind("text/html", 0) == 0 || type.find("javascript") != std::string::npos;
    res.set_header("Content-Security-Policy", page ? page_policy : "default-src 'none'; frame-ancestors 'none'");
}

} // namespace bondstore
