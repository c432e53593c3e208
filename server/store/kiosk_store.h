// KioskStore: the kiosks allowed to send orders sealed in an outage (security/order_seal.h). An
// operator adds a kiosk and gets a one-time enrollment code (valid for a day); the kiosk trades it
// for its own token (only hashes are kept: security/tokens.h); the token can be revoked.
#pragma once

#include "server/store/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class KioskStore {
public:
    explicit KioskStore(Database& db) : db_(db) {}

    static constexpr int64_t kCodeSeconds = 86400;

    // Adds a kiosk (or, for one that exists, issues a new code and revokes its token: it must
    // enroll again) with the hash of its enrollment code.
    bool AddKiosk(const std::string& id, const std::string& name, const std::string& code_hash, int64_t now, std::string* error);
    // Trades an unused, unexpired code for a token: the kiosk's id, or "" if the code is not one.
    std::optional<std::string> Enroll(const std::string& code_hash, const std::string& token_hash, int64_t now, std::string* error);
    // The kiosk a token belongs to; "" if unknown or revoked.
    std::optional<std::string> KioskForToken(const std::string& token_hash, std::string* error);
    bool Revoke(const std::string& id, int64_t now, std::string* error);

    struct KioskInfo {
        std::string id, name;
        int64_t created_at = 0, enrolled_at = 0, revoked_at = 0;
    };
    std::optional<std::vector<KioskInfo>> ListKiosks(std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
