#include "core/formats/url_text.h"

namespace bondstore {

namespace {

bool Unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

} // namespace

std::string PercentEncode(std::string_view text)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (Unreserved(c)) { out += char(c); continue; }
        out += '%';
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

bool PercentDecode(std::string_view text, std::string* out, bool plus_is_space)
{
    out->clear();
    for (size_t i = 0; i < text.size(); i++) {
        if (text[i] == '+' && plus_is_space) { out->push_back(' '); continue; }
        if (text[i] != '%') { out->push_back(text[i]); continue; }
        if (i + 2 >= text.size()) return false;
        int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out->push_back(char(hi * 16 + lo));
        i += 2;
    }
    return true;
}

} // namespace bondstore
