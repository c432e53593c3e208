#include "server/base/bytes.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace bondstore {

void RandomBytes(unsigned char* out, size_t n)
{
    if (n > 0 && RAND_bytes(out, int(n)) != 1) throw std::runtime_error("the random number generator failed");
}

std::string RandomHex(size_t bytes)
{
    std::vector<unsigned char> b(bytes);
    RandomBytes(b.data(), bytes);
    return Hex(b.data(), bytes);
}

std::string RandomDigits(size_t count)
{
    std::string out;
    unsigned char batch[32];
    while (out.size() < count) {
        RandomBytes(batch, sizeof batch);
        for (unsigned char b : batch)
            if (b < 250 && out.size() < count) out += char('0' + b % 10); // no modulo bias
    }
    return out;
}

std::string Hex(const unsigned char* bytes, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * n);
    for (size_t i = 0; i < n; i++) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

bool FromHex(std::string_view hex, unsigned char* out, size_t n)
{
    if (hex.size() != n * 2) return false;
    auto value = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    for (size_t i = 0; i < n; i++) {
        int hi = value(hex[2 * i]), lo = value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    return true;
}

std::string Base64(const unsigned char* bytes, size_t n)
{
    std::string out(4 * ((n + 2) / 3) + 1, '\0'); // EVP_EncodeBlock writes a terminating NUL
    int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, int(n));
    out.resize(size_t(length));
    return out;
}

std::optional<std::vector<unsigned char>> Unbase64(std::string_view text)
{
    if (text.size() % 4 != 0) return std::nullopt;
    std::vector<unsigned char> out(text.size() / 4 * 3);
    int length = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), int(text.size()));
    if (length < 0) return std::nullopt;
    size_t padding = text.empty() ? 0 : size_t(text.end()[-1] == '=') + size_t(text.size() > 1 && text.end()[-2] == '=');
    out.resize(size_t(length) - padding);
    return out;
}

std::string NewUuid()
{
    std::string hex = RandomHex(16);
    for (char& ch : hex)
        if (ch >= 'a' && ch <= 'f') ch = char(ch - 'a' + 'A');
    hex[12] = '4';                                       // version 4: random
    hex[16] = "89AB"[(hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'A' + 10) & 3]; // RFC 4122 variant
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

} // namespace bondstore
