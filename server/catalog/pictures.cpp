#include "server/catalog/pictures.h"
#include "server/operations/event_log.h"

#include "server/base/files.h"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace bondstore {

namespace {

void Append(void* context, void* data, int size) { static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size)); }

bool HasTransparency(const unsigned char* rgba, size_t pixels)
{
    for (size_t i = 0; i < pixels; i++)
        if (rgba[i * 4 + 3] != 255) return true;
    return false;
}

} // namespace

bool ScalePicture(std::string_view picture, int max_side, ScaledPicture* out, std::string* error)
{
    int w = 0, h = 0, channels = 0;
    unsigned char* rgba = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(picture.data()), int(picture.size()), &w, &h, &channels, 4);
    if (!rgba) {
        *error = std::string("not a picture stb_image can read (") + stbi_failure_reason() + ")";
        return false;
    }
    std::unique_ptr<unsigned char, void (*)(void*)> owned(rgba, stbi_image_free);
    double k = std::min(1.0, double(max_side) / std::max(w, h));
    int tw = std::max(1, int(w * k + 0.5)), th = std::max(1, int(h * k + 0.5));
    if (tw == w && th == h) { // small enough already: the file as it is (encoded again, it would only grow)
        bool png = picture.size() > 8 && picture.substr(1, 3) == "PNG";
        bool jpeg = picture.size() > 3 && static_cast<unsigned char>(picture[0]) == 0xff && static_cast<unsigned char>(picture[1]) == 0xd8;
        if (png || jpeg) {
            out->bytes = std::string(picture);
            out->content_type = png ? "image/png" : "image/jpeg";
            out->width = w;
            out->height = h;
            return true;
        }
    }
    std::vector<unsigned char> scaled;
    const unsigned char* pixels = rgba;
    if (tw != w || th != h) {
        scaled.resize(size_t(tw) * size_t(th) * 4);
        if (!stbir_resize_uint8_srgb(rgba, w, h, 0, scaled.data(), tw, th, 0, 4, 3, 0)) {
            *error = "cannot scale the picture";
            return false;
        }
        pixels = scaled.data();
    }
    bool alpha = HasTransparency(pixels, size_t(tw) * size_t(th));
    // PNG keeps flat artwork small and sharp, JPEG photographs: whichever is smaller.
    std::string png, jpeg;
    if (alpha) {
        stbi_write_png_to_func(Append, &png, tw, th, 4, pixels, tw * 4);
    } else {
        std::vector<unsigned char> rgb(size_t(tw) * size_t(th) * 3);
        for (size_t i = 0; i < size_t(tw) * size_t(th); i++) std::copy_n(pixels + i * 4, 3, rgb.data() + i * 3);
        stbi_write_png_to_func(Append, &png, tw, th, 3, rgb.data(), tw * 3);
        stbi_write_jpg_to_func(Append, &jpeg, tw, th, 3, rgb.data(), 85);
    }
    if (png.empty() && jpeg.empty()) {
        *error = "cannot encode the picture";
        return false;
    }
    bool use_jpeg = !jpeg.empty() && (png.empty() || jpeg.size() < png.size());
    out->bytes = use_jpeg ? std::move(jpeg) : std::move(png);
    out->content_type = use_jpeg ? "image/jpeg" : "image/png";
    out->width = tw;
    out->height = th;
    return true;
}

void Thumbnails::Make(const StaticFiles& images)
{
    for (const auto& [path, body] : images.files()) {
        if (body->content_type.rfind("image/", 0) != 0 || body->content_type == "image/svg+xml") {
            skipped_++;
            continue;
        }
        for (int size : kThumbnailSizes) {
            ScaledPicture scaled;
            std::string error;
            if (!ScalePicture(body->identity, size, &scaled, &error)) {
                LogEvent(LogLevel::Warning, "pictures", {{"path", "/images" + path}, {"what", std::string("no thumbnails")}, {"error", error}});
                skipped_++;
                break;
            }
            bodies_[{size, path}] = MakeCachedBody(std::move(scaled.bytes), scaled.content_type, "no-cache", false);
        }
    }
}

std::shared_ptr<const CachedBody> Thumbnails::Find(int size, const std::string& name) const
{
    auto it = bodies_.find({size, name});
    return it == bodies_.end() ? nullptr : it->second;
}

std::shared_ptr<const CachedBody> Flags::Find(std::string_view iso)
{
    if (dir_.empty() || iso.size() != 2 || !std::isalpha(static_cast<unsigned char>(iso[0])) ||
        !std::isalpha(static_cast<unsigned char>(iso[1])))
        return nullptr;
    std::string code{char(std::tolower(static_cast<unsigned char>(iso[0]))), char(std::tolower(static_cast<unsigned char>(iso[1])))};
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = made_.find(code);
    if (it != made_.end()) return it->second;
    std::shared_ptr<const CachedBody> body;
    std::string file, error;
    ScaledPicture scaled;
    if (ReadFile(dir_ + "/" + code + ".png", &file) && ScalePicture(file, kFlagWidth, &scaled, &error))
        // A country's flag does not change while the store runs: cached a day by the browser.
        body = MakeCachedBody(std::move(scaled.bytes), scaled.content_type, "public, max-age=86400", false);
    made_[code] = body;
    return body;
}

} // namespace bondstore
