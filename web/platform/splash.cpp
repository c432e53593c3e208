#include "web/platform/splash.h"

#include <emscripten.h>

namespace {

EM_JS(void, js_hide_splash, (), {
    var splash = document.getElementById("splash");
    if (splash) splash.remove();
});

} // namespace

namespace bondstore::web {

void HideSplash()
{
    static bool hidden = false;
    if (hidden) return;
    hidden = true;
    js_hide_splash();
}

} // namespace bondstore::web
