#include "web/platform/full_screen.h"

#include <emscripten.h>

namespace {

EM_JS(void, js_keep_full_screen, (), {
    if (Module.bondstoreFullScreen) return;
    Module.bondstoreFullScreen = true;
    var ask = function () {
        var root = document.documentElement;
        if (document.fullscreenElement || !root.requestFullscreen) return;
        root.requestFullscreen({navigationUI: "hide"}).catch(function () {}); // refused: the next touch asks again
    };
    // Capture phase: before the canvas's own handlers, inside the touch's user activation.
    window.addEventListener("pointerdown", ask, true);
    window.addEventListener("keydown", ask, true);
});

EM_JS(int, js_is_full_screen, (), { return document.fullscreenElement ? 1 : 0; });

} // namespace

namespace bondstore::web {

void KeepFullScreen() { js_keep_full_screen(); }

bool IsFullScreen() { return js_is_full_screen() != 0; }

} // namespace bondstore::web
