// MerchantStore: the merchants who sell through the store and their API tokens. Only a token's
// SHA-256 is kept (security/tokens.h), so a leaked database leaks no working token.
#pragma once

#include "server/store/database.h"

#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class MerchantStore {
public:
    explicit MerchantStore(Database& db) : db_(db) {}

    // Creates the merchant if it does not exist, and records a token hash for it.
    bool AddToken(const std::string& merchant, const std::string& token_hash, const std::string& label, std::string* error);
    // The merchant a token hash belongs to; empty if unknown or revoked.
    std::string MerchantForToken(const std::string& token_hash, std::string* error);
    struct TokenInfo {
        std::string merchant, label, hash_prefix, created_at;
        bool revoked = false;
    };
    std::optional<std::vector<TokenInfo>> ListTokens(std::string* error);
    // Revokes the token whose hash starts with `hash_prefix` (at least 8 hex digits, unambiguous).
    bool RevokeToken(const std::string& hash_prefix, std::string* error);

private:
    Database& db_;
};

// Records `merchant` (if new) inside the caller's transaction: a catalog upload creates its
// merchant as a token does.
bool AddMerchant(SqlConnection& db, const std::string& merchant, std::string* error);

} // namespace bondstore
