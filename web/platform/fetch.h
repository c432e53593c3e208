// Fetch: HTTP from the browser (emscripten_fetch), delivered to a callback on the main thread.
// Thin on purpose: screens never see emscripten.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bondstore::web {

struct FetchResult {
    int status = 0;      // HTTP status; 0 when the network failed
    std::string body;
    std::string error;   // set when status is 0 or not 2xx/304
    bool kept = false;   // the body is the copy kept offline (FetchOrKept), not the server's answer
};

using FetchDone = std::function<void(FetchResult)>;

void FetchGet(const std::string& url, FetchDone done);

using FetchHeaders = std::vector<std::pair<std::string, std::string>>;
// POST `body` (JSON) with extra request headers (e.g. Idempotency-Key, X-Order-Secret).
void FetchPost(const std::string& url, const std::string& body, const FetchHeaders& headers, FetchDone done);
// GET with extra request headers.
void FetchGetWith(const std::string& url, const FetchHeaders& headers, FetchDone done);

// The Authorization header of a bearer token (a merchant's API token).
std::pair<std::string, std::string> BearerAuthorization(const std::string& token);

// Every byte but letters, digits and -._~ as %XX: a query value, or one segment of a path.
std::string PercentEncoded(const std::string& text);
// `path` with `params` as its query string, percent-encoded.
std::string UrlWithQuery(const std::string& path, const FetchHeaders& params);

// False once a request could not reach the server (status 0), true again after any answer.
bool ServerReachable();

// 128 random bits from the browser's CSPRNG as 32 hex digits: an idempotency key.
std::string RandomKey();

} // namespace bondstore::web
