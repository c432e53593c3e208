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
    // The compressed forms, written once and then published by the flag (release/acquire): a large
    // body is compressed by a background thread, and until it is done clients get the identity
    // form instead of waiting. Empty when not worth it.
    std::string gzip, brotli;
    std::atomic<bool> compressed{false};
};

// Builds a body, compressing `bytes` with gzip and brotli when `compress` is set (already
// compressed formats such as PNG gain nothing). `precompressed_*` may supply the compressed forms
// (the build writes .gz/.br next to the web app's files); missing ones are computed here — at once
// for small bodies, in the background for large ones (a 100,000-product catalog).
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

} // namespace bondstore
