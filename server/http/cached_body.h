// CachedBody: a response body prepared once and served many times — the web app's files and the
// published catalog. Holds the identity bytes and their gzip and brotli forms, an ETag, and serves
// the best form the client accepts, or 304 when the client already has it.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}

namespace bondstore {

struct CachedBody {
    std::string content_type;  // e.g. "application/wasm"
    std::string cache_control; // e.g. "no-cache"
    std::string etag;          // strong ETag, quoted
    std::string identity;
    // The compressed forms, made before the body is served (a client that accepts one never gets
    // the identity form, not even the first after a start). Empty when not worth it.
    std::string gzip, brotli;
};

// Builds a body, compressing `bytes` with gzip and brotli when `compress` is set (already
// compressed formats such as PNG gain nothing). `precompressed_*` may supply the compressed forms
// (the build writes .gz/.br next to the web app's files); missing ones are computed here, at the
// highest levels for bodies up to 1 MB and faster ones above (a 50,000-product catalog: 54 MB).
std::shared_ptr<const CachedBody> MakeCachedBody(std::string bytes, std::string content_type,
                                                 std::string cache_control, bool compress,
                                                 std::string precompressed_gzip = {},
                                                 std::string precompressed_brotli = {});

// Which encodings an Accept-Encoding header allows (q=0 means "not this one").
struct AcceptedEncodings {
    bool gzip = false;
    bool brotli = false;
};
AcceptedEncodings ParseAcceptEncoding(std::string_view header);

// Answers `req` with `body`: 304 if If-None-Match matches, else 200 with the smallest acceptable
// form. HEAD gets the headers only.
void ServeCachedBody(const httplib::Request& req, httplib::Response& res,
                     const std::shared_ptr<const CachedBody>& body);

// Answers `req` with `bytes` made for it alone (a page of search results), compressed at a fast
// level in the form the client accepts (brotli, else gzip): never cached.
void ServeFreshBody(const httplib::Request& req, httplib::Response& res, std::string bytes, std::string content_type,
                    const char* cache_control = "no-store", const std::string& vary = "Accept-Encoding");

// Answers `req` with a page written for it (http/app_shell.h), or another document of `content_type`
// read fresh (the experience stores): compressed like a fresh body, with an ETag of its bytes so a
// browser revalidating an unchanged one gets 304 ("no-cache": always checked, since a page shows
// prices and stock). `vary` names the headers the page depends on.
void ServeRenderedPage(const httplib::Request& req, httplib::Response& res, int status, std::string html,
                       const std::string& vary = "Accept-Encoding", const char* content_type = "text/html; charset=utf-8");

} // namespace bondstore
