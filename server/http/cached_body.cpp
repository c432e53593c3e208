#include "server/http/cached_body.h"

#include <brotli/encode.h>
#include <httplib.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>

namespace bondstore {

// Levels: bodies made once and served many times take the highest up to 1 MB; above that (a large
// catalog, republished on every upload) the highest would take tens of seconds, and fast levels
// lose a few per cent. A body made for one answer takes the fastest that still compresses well.
enum class Effort { Most, Large, Fresh };
static Effort EffortFor(size_t size) { return size < (1u << 20) ? Effort::Most : Effort::Large; }

static std::string Gzip(const std::string& in, Effort effort)
{
    z_stream zs{};
    // windowBits 15 + 16 = gzip wrapper.
    int level = effort == Effort::Most ? 9 : effort == Effort::Large ? 6 : 4;
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
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

static std::string Brotli(const std::string& in, Effort effort)
{
    size_t size = BrotliEncoderMaxCompressedSize(in.size());
    if (size == 0) return {};
    std::string out(size, '\0');
    int quality = effort == Effort::Most ? BROTLI_MAX_QUALITY : effort == Effort::Large ? 6 : 4;
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
    if (!compress || b->identity.size() <= 256) return b;
    Effort effort = EffortFor(b->identity.size());
    b->gzip = precompressed_gzip.empty() ? Gzip(b->identity, effort) : std::move(precompressed_gzip);
    b->brotli = precompressed_brotli.empty() ? Brotli(b->identity, effort) : std::move(precompressed_brotli);
    // Keep a compressed form only if it actually saves bytes.
    if (b->gzip.size() >= b->identity.size()) b->gzip.clear();
    if (b->brotli.size() >= b->identity.size()) b->brotli.clear();
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
    if (accepted.brotli && !body->brotli.empty()) {
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

void ServeRenderedPage(const httplib::Request& req, httplib::Response& res, int status, std::string html, const std::string& vary,
                       const char* content_type)
{
    const std::string etag = "\"" + Fnv1a64Hex(html) + "-" + std::to_string(html.size()) + "\"";
    if (status == 200 && req.has_header("If-None-Match") && EtagMatches(req.get_header_value("If-None-Match"), etag)) {
        res.set_header("ETag", etag);
        res.set_header("Vary", vary);
        res.status = 304;
        return;
    }
    ServeFreshBody(req, res, std::move(html), content_type, "no-cache", vary);
    if (status == 200) res.set_header("ETag", etag);
    res.status = status;
}

void ServeFreshBody(const httplib::Request& req, httplib::Response& res, std::string bytes, std::string content_type,
                    const char* cache_control, const std::string& vary)
{
    res.set_header("Vary", vary);
    res.set_header("Cache-Control", cache_control);
    if (bytes.size() > 256) {
        AcceptedEncodings accepted = ParseAcceptEncoding(req.get_header_value("Accept-Encoding"));
        std::string packed = accepted.brotli ? Brotli(bytes, Effort::Fresh) : accepted.gzip ? Gzip(bytes, Effort::Fresh) : std::string();
        if (!packed.empty() && packed.size() < bytes.size()) {
            res.set_header("Content-Encoding", accepted.brotli ? "br" : "gzip");
            bytes = std::move(packed);
        }
    }
    res.status = 200;
    auto body = std::make_shared<std::string>(std::move(bytes));
    res.set_content_provider(body->size(), std::move(content_type), [body](size_t offset, size_t length, httplib::DataSink& sink) {
        sink.write(body->data() + offset, length);
        return true;
    });
}

} // namespace bondstore
