// Tokens: the bearer credentials the store hands out — merchants' API tokens ("bst_…") and kiosks'
// tokens ("ksk_…"), 32 random bytes (OpenSSL's CSPRNG) in base64url — and kiosks' one-time
// enrollment codes. The store keeps only their SHA-256, so a leaked database leaks no working
// credential.
#pragma once

#include <string>
#include <string_view>

namespace bondstore {

std::string GenerateMerchantToken(); // "bst_…" (47 characters)
std::string GenerateKioskToken();    // "ksk_…" (47 characters)
// A one-time code an operator types or scans into a kiosk to enroll it: 16 characters of
// Crockford base32 in four groups ("7KQ2-M9XD-4PRT-Z8WN", 80 bits). Read case-insensitively,
// with or without the dashes (NormalizeEnrollmentCode).
std::string GenerateEnrollmentCode();
std::string NormalizeEnrollmentCode(std::string_view typed); // "" if it cannot be one

// Lowercase hex SHA-256 of a token or a normalised code.
std::string HashToken(std::string_view token);
inline std::string HashMerchantToken(const std::string& token) { return HashToken(token); }

} // namespace bondstore
