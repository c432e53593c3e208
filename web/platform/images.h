// Images: product pictures, decoded by the browser and uploaded as WebGL textures that ImGui
// draws (ImTextureID is the GL texture name). Loaded the first time they are asked for (again
// 30 s after a failure); at most kMaxImages are kept, the least recently asked for going first.
//
// A picture on another host is fetched with CORS (crossorigin="anonymous"): WebGL cannot use an
// image its host does not share, so a merchant's image host must send
// Access-Control-Allow-Origin (Shopify's CDN does), or the picture shows as missing. Pictures are
// scaled down to at most 1024 pixels on their longer side before upload.
#pragma once

#include <string>

namespace bondstore::web {

struct ShownImage {
    enum class State { Loading, Ready, Failed } state = State::Loading;
    unsigned texture = 0; // GL texture name, when Ready
    int width = 0, height = 0;
};

// A grid of cards on a 1080 × 1920 kiosk shows about 30 pictures and their flags; kept: a few
// screens' worth, so scrolling back finds them. At most kMaxLoading are asked for at once: a
// finger flicking through 10,000 products asks for each card it passes, and the ones that are
// only passed by should not queue before the ones it stops at.
constexpr int kMaxImages = 160;
constexpr int kMaxLoading = 12;

// The picture at `url`; starts loading it if it is not there yet (or, while kMaxLoading are
// loading, answers Loading and starts it when asked again in a later frame).
const ShownImage& ImageAt(const std::string& url);

// Pictures asked for and not yet loaded (or failed): a screen is complete when none are.
int ImagesLoading();

} // namespace bondstore::web
