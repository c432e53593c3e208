#include "web/platform/preferences.h"

#include <emscripten.h>

#include <cstdlib>

namespace {

EM_JS(char*, js_load_item, (const char* key), {
    var v = null;
    try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
    return v === null ? 0 : allocateUTF8(v);
});

EM_JS(void, js_save_item, (const char* key, const char* value), {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(char*, js_browser_languages, (), {
    var l = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || ""];
    return allocateUTF8(l.join("\n"));
});

EM_JS(int, js_prefers_dark, (), {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0;
});

EM_JS(int, js_prefers_reduced_motion, (), {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 1 : 0;
});

EM_JS(int, js_page_query_has, (const char* name), {
    try { return new URLSearchParams(window.location.search).has(UTF8ToString(name)) ? 1 : 0; } catch (e) { return 0; }
});

// The raw value, as written in the address (URLSearchParams would decode it, and a SKU's own
// "%2C" must stay apart from the "," between entries).
EM_JS(char*, js_page_query_value, (const char* name), {
    var want = UTF8ToString(name), v = null;
    window.location.search.substring(1).split("&").forEach(function (pair) {
        var eq = pair.indexOf("=");
        var k = eq < 0 ? pair : pair.substring(0, eq);
        if (v === null && k === want) v = eq < 0 ? "" : pair.substring(eq + 1);
    });
    return v === null ? 0 : allocateUTF8(v);
});

EM_JS(void, js_forget_page_query, (const char* name), {
    try {
        var url = new URL(window.location.href);
        url.searchParams.delete(UTF8ToString(name));
        window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    } catch (e) {}
});

EM_JS(char*, js_page_origin, (), { return allocateUTF8(window.location.origin); });
EM_JS(char*, js_page_path, (), { return allocateUTF8(window.location.pathname); });
EM_JS(void, js_open_page, (const char* url), {
    var u = UTF8ToString(url);
    if (u.indexOf("http://") === 0 || u.indexOf("https://") === 0) window.location.assign(u);
});

EM_JS(void, js_forget_storage, (), {
    for (var store of [window.localStorage, window.sessionStorage]) {
        try {
            var keys = [];
            for (var i = 0; i < store.length; i++) if (store.key(i).startsWith("bondstore.")) keys.push(store.key(i));
            keys.forEach(function (k) { store.removeItem(k); });
        } catch (e) {}
    }
});

} // namespace

namespace bondstore::web {

bool PageQueryHas(const char* name) { return js_page_query_has(name) != 0; }

bool PrefersDarkColors() { return js_prefers_dark() != 0; }

bool PrefersReducedMotion() { return js_prefers_reduced_motion() != 0; }

std::string PageQueryValue(const char* name)
{
    char* v = js_page_query_value(name);
    if (!v) return {};
    std::string out(v);
    std::free(v);
    return out;
}

void ForgetBrowserStorage() { js_forget_storage(); }

void ForgetPageQuery(const char* name) { js_forget_page_query(name); }

void OpenPage(const std::string& url) { js_open_page(url.c_str()); }

std::string PagePath()
{
    char* v = js_page_path();
    std::string out(v ? v : "");
    std::free(v);
    return out;
}

std::string PageOrigin()
{
    char* v = js_page_origin();
    std::string out(v ? v : "");
    std::free(v);
    return out;
}

static std::string LoadItem(const std::string& key)
{
    char* v = js_load_item(key.c_str());
    if (!v) return {};
    std::string out(v);
    std::free(v);
    return out;
}

std::string LoadPreference(const char* key) { return LoadItem(std::string("bondstore.") + key); }

void SavePreference(const char* key, const std::string& value) { js_save_item((std::string("bondstore.") + key).c_str(), value.c_str()); }

std::string LoadDeviceSetting(const char* key) { return LoadItem(std::string("bondstore-device.") + key); }

void SaveDeviceSetting(const char* key, const std::string& value)
{
    js_save_item((std::string("bondstore-device.") + key).c_str(), value.c_str());
}

std::vector<std::string> BrowserLanguages()
{
    char* v = js_browser_languages();
    std::string all(v ? v : "");
    std::free(v);
    std::vector<std::string> out;
    size_t start = 0;
    while (start < all.size()) {
        size_t nl = all.find('\n', start);
        if (nl == std::string::npos) nl = all.size();
        if (nl > start) out.push_back(all.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

} // namespace bondstore::web
