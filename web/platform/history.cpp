#include "web/platform/history.h"

#include <emscripten.h>

#include <cstdlib>

namespace {

EM_JS(char*, js_page_address, (), { return allocateUTF8(window.location.pathname + window.location.search); });

EM_JS(void, js_set_address, (const char* url_ptr, int push), {
    try {
        var url = new URL(UTF8ToString(url_ptr), window.location.origin);
        var kept = new URLSearchParams(window.location.search);
        ["pseudo", "touch", "scheme", "contrast", "attract"].forEach(function (name) {
            if (kept.has(name) && !url.searchParams.has(name)) url.searchParams.set(name, kept.get(name));
        });
        var to = url.pathname + url.search;
        if (to === window.location.pathname + window.location.search) return;
        if (push) window.history.pushState(null, "", to);
        else window.history.replaceState(null, "", to);
    } catch (e) {}
});

EM_JS(char*, js_take_popped, (), {
    if (!Module.bondstorePopped) {
        Module.bondstorePopped = [];
        window.addEventListener("popstate", function () { Module.bondstorePopped.push(window.location.pathname + window.location.search); });
    }
    var last = Module.bondstorePopped.length ? Module.bondstorePopped[Module.bondstorePopped.length - 1] : "";
    Module.bondstorePopped.length = 0;
    return allocateUTF8(last);
});

EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });

EM_JS(void, js_set_language, (const char* tag, int rtl), {
    document.documentElement.lang = UTF8ToString(tag);
    document.documentElement.dir = rtl ? "rtl" : "ltr";
});

std::string Take(char* v)
{
    std::string out(v ? v : "");
    std::free(v);
    return out;
}

} // namespace

namespace bondstore::web {

std::string PageAddress() { return Take(js_page_address()); }
void PushAddress(const std::string& url) { js_set_address(url.c_str(), 1); }
void ReplaceAddress(const std::string& url) { js_set_address(url.c_str(), 0); }
std::string TakePoppedAddress() { return Take(js_take_popped()); }
void SetDocumentTitle(const std::string& title) { js_set_title(title.c_str()); }
void SetDocumentLanguage(const std::string& tag, bool rtl) { js_set_language(tag.c_str(), rtl ? 1 : 0); }

} // namespace bondstore::web
