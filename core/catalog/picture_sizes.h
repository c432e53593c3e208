// Picture sizes: the sizes the store makes its product pictures at (the server, when it starts:
// server/catalog/pictures.h), and which one the app asks for to draw a picture `device_px` wide —
// one rule for both sides, so the app never asks for a size that was not made.
#pragma once

#include <string>
#include <string_view>

namespace bondstore {

constexpr int kThumbnailSizes[] = {128, 256, 512}; // the longer side, in pixels
constexpr int kFlagWidth = 48;                     // a country's flag (/flags/{iso}.png)

// The URL to draw `image` at `device_px`: the smallest thumbnail at least that size for a picture
// the store serves itself ("/images/X.png" → "/thumbnails/256/X.png"); any other URL as it is
// (a merchant's CDN: the browser scales it down).
std::string ThumbnailUrl(std::string_view image, float device_px);

// "/flags/jp.png" for "JP"; "" for anything that is not two letters.
std::string FlagUrl(std::string_view iso);

} // namespace bondstore
