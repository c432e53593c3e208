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

constexpr int kMaxImages = 48;

// The picture at `url`; starts loading it if it is not there yet.
const ShownImage& ImageAt(const std::string& url);

} // namespace bondstore::web
