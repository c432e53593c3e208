#include "web/platform/images.h"

#include "web/platform/preferences.h"

#include <emscripten.h>

#include <map>

namespace {

using bondstore::web::ShownImage;

struct Entry {
    ShownImage image;
    int id = 0;
    unsigned long long last_asked = 0;
    double failed_at = 0; // ms; a failed picture is asked for again after kRetryMs (the network may be back)
};
constexpr double kRetryMs = 30000;
std::map<std::string, Entry> g_images; // by URL
std::map<int, std::string> g_loading;  // request id -> URL
int g_next = 1;
unsigned long long g_clock = 0;

// Decodes the picture (the browser's decoders: PNG, JPEG, WebP, …), scales it down if large, and
// uploads it as a texture registered in Emscripten's GL name table, so ImGui's renderer can bind it.
EM_JS(void, js_load_image, (int id, const char* url_ptr), {
    var url = UTF8ToString(url_ptr);
    var img = new Image();
    if (!url.startsWith("/") || url.startsWith("//")) img.crossOrigin = "anonymous";
    img.onload = function () {
        try {
            var w = img.naturalWidth, h = img.naturalHeight, max = 1024, source = img;
            if (w > max || h > max) {
                var k = max / Math.max(w, h), c = document.createElement("canvas");
                c.width = Math.max(1, Math.round(w * k));
                c.height = Math.max(1, Math.round(h * k));
                c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
                source = c;
                w = c.width;
                h = c.height;
            }
            var gl = GLctx;
            var tex = gl.createTexture();
            try {
                gl.bindTexture(gl.TEXTURE_2D, tex);
                gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
                gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
                gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
                gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
                gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
            } catch (e) { gl.deleteTexture(tex); throw e; }
            var name = GL.getNewId(GL.textures);
            tex.name = name;
            GL.textures[name] = tex;
            _bondstore_image_loaded(id, name, w, h);
        } catch (e) { _bondstore_image_loaded(id, 0, 0, 0); } // a host without CORS: a tainted image
    };
    img.onerror = function () { _bondstore_image_loaded(id, 0, 0, 0); };
    img.src = url;
});

EM_JS(void, js_delete_texture, (unsigned name), {
    if (GL.textures[name]) GLctx.deleteTexture(GL.textures[name]);
    GL.textures[name] = null;
});

// Whether the page's Content-Security-Policy lets it load `url` (img-src 'self' https: data:
// blob:, http/security_headers.h): a picture on another host over plain http (a merchant's
// test server, mixed content on a real store) is not asked for, and shows as missing at once.
bool Loadable(const std::string& url)
{
    if (url.rfind("//", 0) == 0) return false;
    if (url.rfind("/", 0) == 0 || url.rfind("https://", 0) == 0 || url.rfind("data:", 0) == 0 || url.rfind("blob:", 0) == 0) return true;
    std::string origin = bondstore::web::PageOrigin();
    return url.size() > origin.size() && url.compare(0, origin.size(), origin) == 0 && url[origin.size()] == '/';
}

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void bondstore_image_loaded(int id, unsigned texture, int width, int height)
{
    auto url = g_loading.find(id);
    if (url == g_loading.end()) return;
    auto it = g_images.find(url->second);
    g_loading.erase(url);
    if (it == g_images.end() || it->second.id != id) { // evicted meanwhile
        if (texture) js_delete_texture(texture);
        return;
    }
    ShownImage& image = it->second.image;
    image.state = texture ? ShownImage::State::Ready : ShownImage::State::Failed;
    if (!texture) it->second.failed_at = emscripten_get_now();
    image.texture = texture;
    image.width = width;
    image.height = height;
}

namespace bondstore::web {

int ImagesLoading() { return int(g_loading.size()); }

const ShownImage& ImageAt(const std::string& url)
{
    g_clock++;
    auto it = g_images.find(url);
    if (it != g_images.end() && it->second.image.state == ShownImage::State::Failed &&
        emscripten_get_now() - it->second.failed_at > kRetryMs) {
        g_images.erase(it); // asked for again below
        it = g_images.end();
    }
    if (it != g_images.end()) {
        it->second.last_asked = g_clock;
        return it->second.image;
    }
    if (g_loading.size() >= size_t(kMaxLoading)) {
        static const ShownImage waiting;
        return waiting;
    }
    if (g_images.size() >= size_t(kMaxImages)) { // the least recently asked for goes
        auto oldest = g_images.begin();
        for (auto e = g_images.begin(); e != g_images.end(); ++e)
            if (e->second.last_asked < oldest->second.last_asked) oldest = e;
        if (oldest->second.image.texture) js_delete_texture(oldest->second.image.texture);
        g_images.erase(oldest);
    }
    Entry& e = g_images[url];
    e.id = g_next++;
    e.last_asked = g_clock;
    if (!Loadable(url)) {
        e.image.state = ShownImage::State::Failed;
        e.failed_at = 1e300; // (never asked for again)
        return e.image;
    }
    g_loading[e.id] = url;
    js_load_image(e.id, url.c_str());
    return e.image;
}

} // namespace bondstore::web
