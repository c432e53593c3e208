// FullScreen: a kiosk's page asks the browser for full screen at the first touch (browsers grant
// it only in answer to one), and again at the next touch if a shopper's gesture left it. The
// canvas follows the window's new size like any resize. A kiosk browser started in its own kiosk
// mode (chromium --kiosk) is full screen already, and this changes nothing there.
#pragma once

namespace bondstore::web {

void KeepFullScreen();

// Whether the page is full screen now (for the tests' view).
bool IsFullScreen();

} // namespace bondstore::web
