#include "core/catalog/picture_sizes.h"

namespace bondstore {

std::string ThumbnailUrl(std::string_view image, float device_px)
{
    constexpr std::string_view kServed = "/images/";
    if (image.substr(0, kServed.size()) != kServed) return std::string(image);
    int size = kThumbnailSizes[std::size(kThumbnailSizes) - 1];
    for (int s : kThumbnailSizes)
        if (s >= device_px) {
            size = s;
            break;
        }
    return "/thumbnails/" + std::to_string(size) + "/" + std::string(image.substr(kServed.size()));
}

std::string FlagUrl(std::string_view iso)
{
    if (iso.size() != 2) return {};
    std::string code;
    for (char c : iso) {
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c < 'a' || c > 'z') return {};
        code += c;
    }
    return "/flags/" + code + ".png";
}

} // namespace bondstore
