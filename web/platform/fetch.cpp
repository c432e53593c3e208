#include "web/platform/fetch.h"

#include <emscripten/fetch.h>

#include <cstring>

namespace bondstore::web {

namespace {

void Finish(emscripten_fetch_t* fetch)
{
    auto* done = static_cast<FetchDone*>(fetch->userData);
    FetchResult r;
    r.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0) r.body.assign(fetch->data, size_t(fetch->numBytes));
    if (r.status == 0) r.error = "network";
    else if (r.status >= 400) r.error = "HTTP " + std::to_string(r.status);
    emscripten_fetch_close(fetch);
    (*done)(std::move(r));
    delete done;
}

} // namespace

void FetchGet(const std::string& url, FetchDone done)
{
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, "GET");
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.userData = new FetchDone(std::move(done));
    attr.onsuccess = Finish;
    attr.onerror = Finish;
    emscripten_fetch(&attr, url.c_str());
}

} // namespace bondstore::web
