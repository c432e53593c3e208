// Pictures at the sizes the app draws them. A product card shows its picture at about 150–260 CSS
// pixels, on screens of one to two device pixels per CSS pixel; sending each card the merchant's
// full packshot would cost the first screen megabytes and the browser a decode and a downscale per
// card. So the server makes each product picture (--images-dir) at kThumbnailSizes (core/catalog/picture_sizes.h) when it starts
// (GET /thumbnails/{size}/NAME), and each country's flag at kFlagWidth from Debian's
// iso-flags-png-320x240 (--flags-dir; GET /flags/{iso}.png), when first asked for.
//
// Decoded by stb_image (PNG, JPEG, GIF, BMP), scaled in linear light (stb_image_resize's sRGB
// mode: no darkened edges), never enlarged (a PNG or JPEG already small enough is served as it is),
// written as PNG or, when smaller and the picture has
// no transparency, JPEG (quality 85).
#pragma once

#include "server/http/cached_body.h"
#include "server/http/static_files.h"

#include "core/catalog/picture_sizes.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace bondstore {

struct ScaledPicture {
    std::string bytes, content_type;
    int width = 0, height = 0;
};
// `picture` fitted within `max_side` × `max_side` (never enlarged: a smaller picture is encoded
// again as it is). False with `error` set when it cannot be decoded.
bool ScalePicture(std::string_view picture, int max_side, ScaledPicture* out, std::string* error);

class Thumbnails {
public:
    // Makes every picture of `images` at every size. A file that is not a picture is skipped (and
    // counted), so a stray README in the folder does not stop the store.
    void Make(const StaticFiles& images);
    // "/thumbnails/256/X.png" → its body; null if no such picture or size.
    std::shared_ptr<const CachedBody> Find(int size, const std::string& name) const;
    size_t made() const { return bodies_.size(); }
    size_t skipped() const { return skipped_; }

private:
    std::map<std::pair<int, std::string>, std::shared_ptr<const CachedBody>> bodies_;
    size_t skipped_ = 0;
};

class Flags {
public:
    explicit Flags(std::string dir = {}) : dir_(std::move(dir)) {}
    // The flag of an ISO 3166-1 alpha-2 code ("jp"); null if the code is malformed or has none.
    std::shared_ptr<const CachedBody> Find(std::string_view iso);

private:
    std::string dir_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const CachedBody>> made_; // null: asked for, none
};

} // namespace bondstore
