#include "server/security/tokens.h"

#include "server/base/bytes.h"

#include <openssl/evp.h>

namespace bondstore {

namespace {

std::string NewToken(const char* prefix)
{
    unsigned char bytes[32];
    RandomBytes(bytes, sizeof bytes);
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out = prefix;
    // base64url without padding: 32 bytes → 43 characters.
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 6) {
            out += alphabet[(acc >> (bits - 6)) & 63];
            bits -= 6;
        }
    }
    if (bits > 0) out += alphabet[(acc << (6 - bits)) & 63];
    return out;
}

// Crockford's base32: no I, L, O, U (they read as 1, 1, 0, V).
const char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

} // namespace

std::string GenerateMerchantToken() { return NewToken("bst_"); }
std::string GenerateKioskToken() { return NewToken("ksk_"); }

std::string GenerateEnrollmentCode()
{
    unsigned char bytes[10]; // 80 bits: 16 characters of 5 bits
    RandomBytes(bytes, sizeof bytes);
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 5) {
            if (!out.empty() && (out.size() + 1) % 5 == 0) out += '-';
            out += kCrockford[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    return out;
}

std::string NormalizeEnrollmentCode(std::string_view typed)
{
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        if (c == 'I' || c == 'L') c = '1';
        if (c == 'O') c = '0';
        if (std::string_view(kCrockford).find(c) == std::string_view::npos) return {};
        out += c;
    }
    return out.size() == 16 ? out : std::string();
}

std::string HashToken(std::string_view token)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr);
    return Hex(digest, length);
}

} // namespace bondstore
