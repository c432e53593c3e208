#include "web/platform/fetch.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cctype>
#include <cstring>

namespace bondstore::web {

namespace {

bool g_reachable = true;

// What a request needs until it finishes: the callback, and the bytes and header strings
// emscripten_fetch reads from.
struct Pending {
    FetchDone done;
    std::string body;
    std::vector<std::string> header_strings;
    std::vector<const char*> headers; // name, value, …, nullptr
};

void Finish(emscripten_fetch_t* fetch)
{
    auto* pending = static_cast<Pending*>(fetch->userData);
    FetchResult r;
    r.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0) r.body.assign(fetch->data, size_t(fetch->numBytes));
    g_reachable = r.status != 0;
    if (r.status == 0) r.error = "network";
    else if (r.status >= 400) r.error = "HTTP " + std::to_string(r.status);
    emscripten_fetch_close(fetch);
    pending->done(std::move(r));
    delete pending;
}

void Send(const char* method, const std::string& url, std::string body, const FetchHeaders& headers, FetchDone done)
{
    auto* pending = new Pending{std::move(done), std::move(body), {}, {}};
    for (const auto& [name, value] : headers) {
        pending->header_strings.push_back(name);
        pending->header_strings.push_back(value);
    }
    if (std::strcmp(method, "POST") == 0) {
        pending->header_strings.push_back("Content-Type");
        pending->header_strings.push_back("application/json");
    }
    for (const std::string& h : pending->header_strings) pending->headers.push_back(h.c_str());
    pending->headers.push_back(nullptr);
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, method);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.userData = pending;
    attr.onsuccess = Finish;
    attr.onerror = Finish;
    attr.requestHeaders = pending->headers.data();
    if (!pending->body.empty()) {
        attr.requestData = pending->body.data();
        attr.requestDataSize = pending->body.size();
    }
    emscripten_fetch(&attr, url.c_str());
}

} // namespace

bool ServerReachable() { return g_reachable; }

std::pair<std::string, std::string> BearerAuthorization(const std::string& token) { return {"Authorization", "Bearer " + token}; }

std::string PercentEncoded(const std::string& text)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') { out += char(c); continue; }
        out += '%';
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string UrlWithQuery(const std::string& path, const FetchHeaders& params)
{
    std::string url = path;
    for (const auto& [name, value] : params) {
        url += url.find('?') == std::string::npos ? '?' : '&';
        url += name + '=' + PercentEncoded(value);
    }
    return url;
}

void FetchGet(const std::string& url, FetchDone done) { Send("GET", url, {}, {}, std::move(done)); }

void FetchGetWith(const std::string& url, const FetchHeaders& headers, FetchDone done)
{
    Send("GET", url, {}, headers, std::move(done));
}

void FetchPost(const std::string& url, const std::string& body, const FetchHeaders& headers, FetchDone done)
{
    Send("POST", url, body, headers, std::move(done));
}

EM_JS(void, js_random_bytes, (unsigned char* out, int n), {
    crypto.getRandomValues(HEAPU8.subarray(out, out + n));
});

std::string RandomKey()
{
    unsigned char bytes[16];
    js_random_bytes(bytes, 16);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

} // namespace bondstore::web
