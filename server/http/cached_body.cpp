#include "server/http/cached_body.h"

#include <brotli/encode.h>
#include <httplib.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <thread>

namespace bondstore {

static std::string Gzip(const std::string& in)
{
    z_stream zs{};
    // windowBits 15 + 16 = gzip wrapper; level 9: compressed once, served many times.
    if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&zs, uLong(in.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
}

static std::string Brotli(const std::string& in)
{
    size_t size = BrotliEncoderMaxCompressedSize(in.size());
    if (size == 0) return {};
    std::string out(size, '\0');
    // Quality 11 is worth it for the small bodies served millions of times; above 1 MB it would
    // stall a catalog refresh for seconds, so larger bodies use a faster level.
    int quality = in.size() < (1u << 20) ? BROTLI_MAX_QUALITY : 7;
    if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(),
                               reinterpret_cast<const uint8_t*>(in.data()), &size,
                               reinterpret_cast<uint8_t*>(out.data())))
        return {};
    out.resize(size);
    return out;
}

static std::string Fnv1a64Hex(std::string_view bytes)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) { h ^= c; h *= 1099511628211ull; }
    char buf[24];
    snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::shared_ptr<const CachedBody> MakeCachedBody(std::string bytes, std::string content_type,
                                                 std::string cache_control, bool compress,
                                                 std::string precompressed_gzip,
                                                 std::string precompressed_brotli)
{
    auto b = std::make_shared<CachedBody>();
    b->content_type = std::move(content_type);
    b->cache_control = std::move(cache_control);
    b->etag = "\"" + Fnv1a64Hex(bytes) + "-" + std::to_string(bytes.size()) + "\"";
    b->identity = std::move(bytes);
    if (!compress || b->identity.size() <= 256) {
        b->compressed.store(true, std::memory_order_release);
        return b;
    }
    auto fill = [gz = std::move(precompressed_gzip), br = std::move(precompressed_brotli)](CachedBody& body) mutable {
        body.gzip = gz.empty() ? Gzip(body.identity) : std::move(gz);
        body.brotli = br.empty() ? Brotli(body.identity) : std::move(br);
        // Keep a compressed form only if it actually saves bytes.
        if (body.gzip.size() >= body.identity.size()) body.gzip.clear();
        if (body.brotli.size() >= body.identity.size()) body.brotli.clear();
        body.compressed.store(true, std::memory_order_release);
    };
    if (b->identity.size() < (4u << 20)) {
        fill(*b);
    } else {
        std::thread([b, fill = std::move(fill)]() mutable { fill(*b); }).detach();
    }
    return b;
}

AcceptedEncodings ParseAcceptEncoding(std::string_view h)
{
    AcceptedEncodings out;
    while (!h.empty()) {
        size_t comma = h.find(',');
        std::string_view item = h.substr(0, comma);
        h = comma == std::string_view::npos ? std::string_view() : h.substr(comma + 1);
        auto trim = [](std::string_view s) {
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
            return s;
        };
        std::string_view coding = trim(item.substr(0, item.find(';')));
        bool allowed = true;
        if (size_t semi = item.find(';'); semi != std::string_view::npos) {
            std::string_view params = trim(item.substr(semi + 1));
            if (params.rfind("q=", 0) == 0) {
                std::string_view q = params.substr(2);
                // q=0, q=0.0, q=0.000 all mean "not acceptable".
                allowed = false;
                for (char c : q)
                    if (c >= '1' && c <= '9') allowed = true;
            }
        }
        std::string lower;
        for (char c : coding) lower += char(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (lower == "gzip" || lower == "x-gzip") out.gzip = allowed;
        else if (lower == "br") out.brotli = allowed;
        else if (lower == "*") { out.gzip = out.gzip || allowed; out.brotli = out.brotli || allowed; }
    }
    return out;
}

static bool EtagMatches(std::string_view if_none_match, std::string_view etag)
{
    // A list of quoted tags, possibly weak (W/"…"); weak comparison is right for GET.
    return if_none_match == "*" || if_none_match.find(etag) != std::string_view::npos;
}

void ServeCachedBody(const httplib::Request& req, httplib::Response& res,
                     const std::shared_ptr<const CachedBody>& body)
{
    res.set_header("ETag", body->etag);
    res.set_header("Vary", "Accept-Encoding");
    if (!body->cache_control.empty()) res.set_header("Cache-Control", body->cache_control);
    if (req.has_header("If-None-Match") && EtagMatches(req.get_header_value("If-None-Match"), body->etag)) {
        res.status = 304;
        return;
    }
    AcceptedEncodings accepted = ParseAcceptEncoding(req.get_header_value("Accept-Encoding"));
    const std::string* bytes = &body->identity;
    bool ready = body->compressed.load(std::memory_order_acquire);
    if (!ready) {
        // Still being compressed: the identity form now beats a wait.
    } else if (accepted.brotli && !body->brotli.empty()) {
        bytes = &body->brotli;
        res.set_header("Content-Encoding", "br");
    } else if (accepted.gzip && !body->gzip.empty()) {
        bytes = &body->gzip;
        res.set_header("Content-Encoding", "gzip");
    }
    res.status = 200;
    // A content provider with a known length: httplib sends the bytes as they are (it would
    // otherwise compress text/* bodies a second time), and nothing is copied per request.
    std::shared_ptr<const CachedBody> keep = body;
    res.set_content_provider(bytes->size(), body->content_type,
                             [keep, bytes](size_t offset, size_t length, httplib::DataSink& sink) {
                                 sink.write(bytes->data() + offset, length);
                                 return true;
                             });
}

} // namespace bondstore
