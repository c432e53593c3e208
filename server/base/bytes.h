// Bytes: random bytes from OpenSSL's CSPRNG, and the text forms bytes travel in (hex, base64).
// Randomness that fails is never used: RandomBytes throws (a server that cannot make a secret must
// not make a guessable one), and the route's exception handler answers 500.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// Fills `out` with `n` random bytes; throws std::runtime_error if the generator fails.
void RandomBytes(unsigned char* out, size_t n);
// Random bytes as lower-case hex (2 characters a byte), or as decimal digits (no modulo bias).
std::string RandomHex(size_t bytes);
std::string RandomDigits(size_t count);
// A random (version 4) UUID in upper case, 36 characters: message guids.
std::string NewUuid();

// Lower-case hex, 2 characters a byte.
std::string Hex(const unsigned char* bytes, size_t n);
// Exactly 2·n hex digits (either case) into `out`; false otherwise.
bool FromHex(std::string_view hex, unsigned char* out, size_t n);
// Standard base64 with padding; decoding refuses anything else.
std::string Base64(const unsigned char* bytes, size_t n);
std::optional<std::vector<unsigned char>> Unbase64(std::string_view text);

} // namespace bondstore
