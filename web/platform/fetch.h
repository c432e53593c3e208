// Fetch: HTTP GET from the browser (emscripten_fetch), delivered to a callback on the main
// thread. Thin on purpose: screens never see emscripten.
#pragma once

#include <functional>
#include <string>

namespace bondstore::web {

struct FetchResult {
    int status = 0;      // HTTP status; 0 when the network failed
    std::string body;
    std::string error;   // set when status is 0 or not 2xx/304
};

using FetchDone = std::function<void(FetchResult)>;

void FetchGet(const std::string& url, FetchDone done);

} // namespace bondstore::web
