#include "core/base/problem.h"

namespace bondstore {

std::string ShortenForReport(const std::string& value, size_t max_bytes)
{
    if (value.size() <= max_bytes) return value;
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) cut--;
    return value.substr(0, cut) + "\xE2\x80\xA6";
}

} // namespace bondstore
