// Splash: the page's own spinner (index.html, drawn by CSS) stands for the app until the app's
// first frame. Until the catalog can be shown the app draws nothing: a WebGL loading screen would
// cost every frame a canvas commit, which a software-rendered browser (a kiosk without a GPU, a
// headless test) pays on the main thread, the thread that is meanwhile unpacking ICU and the
// catalog. A page animation costs the main thread nothing.
#pragma once

namespace bondstore::web {

// Removes the spinner and shows the canvas over the server's page, once: the app is about to draw.
void HideSplash();

} // namespace bondstore::web
