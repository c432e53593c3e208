// KioskStore: the kiosks of the experience stores (experience_stores.h). An operator adds a kiosk
// to a store and gets a one-time enrollment code (valid for a day); the kiosk trades it for its own
// token (only hashes are kept: security/tokens.h); the token can be revoked. A kiosk's token lets
// it send orders sealed in an outage (security/order_seal.h), and names the kiosk and its store on
// every order it places.
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

    // Contact is recorded at most once a minute per kiosk (last_seen_at).
    static constexpr int64_t kSeenSeconds = 60;

    // Adds a kiosk in `store` ("" for none; the caller checks it exists), or, for one that exists,
    // moves it there, issues a new code and revokes its token (it must enroll again); with the hash
    // of its enrollment code.
    bool AddKiosk(const std::string& id, const std::string& name, const std::string& store, const std::string& code_hash, int64_t now,
                  std::string* error);

    struct Kiosk {
        std::string id, store; // id "" for no kiosk
    };
    // Trades an unused, unexpired code for a token: the kiosk, or one with an empty id if the code
    // is not one.
    std::optional<Kiosk> Enroll(const std::string& code_hash, const std::string& token_hash, int64_t now, std::string* error);
    // The kiosk a token belongs to (an empty id if unknown or revoked), its contact recorded.
    std::optional<Kiosk> KioskForToken(const std::string& token_hash, int64_t now, std::string* error);
    bool Revoke(const std::string& id, int64_t now, std::string* error);

    struct KioskInfo {
        std::string id, name, store;
        int64_t created_at = 0, enrolled_at = 0, revoked_at = 0, last_seen_at = 0;
    };
    std::optional<std::vector<KioskInfo>> ListKiosks(std::string* error);
    // "waiting" (added, not enrolled yet), "enrolled" or "revoked".
    static const char* State(const KioskInfo& kiosk);

private:
    Database& db_;
};

} // namespace bondstore
