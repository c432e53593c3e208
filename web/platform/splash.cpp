#include "web/platform/splash.h"

#include <emscripten.h>

namespace {

EM_JS(void, js_hide_splash, (), {
    var splash = document.getElementById("splash");
    if (splash) splash.remove();
    // The canvas shows and the server's page (index.html's #page) steps aside, in the task
    // that draws the first frame: no moment shows neither.
    document.documentElement.classList.add("app");
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
