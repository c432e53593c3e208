// MerchantTokens: the bearer tokens merchants use for /api/merchant/. A token is 32 random bytes
// (OpenSSL's CSPRNG) written as "bst_" + base64url; the store keeps only its SHA-256, so a leaked
// database does not leak working tokens.
#pragma once

#include <string>

namespace bondstore {

std::string GenerateMerchantToken();                   // "bst_…" (47 characters)
std::string HashMerchantToken(const std::string& token); // lowercase hex SHA-256

} // namespace bondstore
