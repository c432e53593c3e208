// PaymentDataStore: customs' asks for an order's raw payment data (announcement 179; CLEARANCE.md
// §11), one row per session customs opened, until the upload is done. The platform answers an ask
// at once and uploads later (customs/plat_data_open.h), so the ask is kept first: a restart or a
// failed upload loses nothing, and the same session asked twice is one ask.
#pragma once

#include "server/store/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class PaymentDataStore {
public:
    explicit PaymentDataStore(Database& db) : db_(db) {}

    // A new ask (true), or the same session again (false: nothing changes). The order must exist.
    std::optional<bool> Ask(const std::string& session_id, const std::string& order_no, int64_t service_time_ms, int64_t now,
                            std::string* error);

    struct Row {
        std::string session_id, order_no;
        int64_t service_time_ms = 0, asked_at = 0;
        std::string state;  // due, uploaded, refused
        int64_t attempts = 0, next_at = 0;
        std::string answer; // customs' code and message, or why the last try failed
    };
    // Asks due now, each leased for `lease` seconds (another server's worker leaves them alone)
    // and its attempt counted.
    std::optional<std::vector<Row>> Claim(int64_t now, int64_t lease, int limit, std::string* error);
    // The outcome of a try: uploaded or refused (done), or due again at `next_at`.
    bool Finish(const std::string& session_id, const std::string& state, const std::string& answer, int64_t next_at, int64_t now,
                std::string* error);
    // Newest first (bondstore-admin, tests).
    std::optional<std::vector<Row>> List(int limit, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
