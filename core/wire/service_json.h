// The store's own answers about itself: health, a kiosk's settings, the relay's state for the
// operator, and the acknowledgement of customs' receipts. Part of core's wire format
// (core/wire/README.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// GET /api/health
struct HealthStatus {
    std::string status = "ok";
    std::string version;      // Bondstore's
    std::string store;        // "sqlite", "postgresql"
    std::string icu;          // ICU's version
    int64_t catalog_version = 0;
    int64_t products = 0;
    std::string payment;      // the payment provider: "wechat", "alipay", "sandbox" (no money moves), "" = none
    bool payment_sandbox = false;
};
std::string HealthStatusToJson(const HealthStatus& health);

// GET /api/ready: whether this server should be sent traffic (a load balancer's, a kiosk
// gateway's or systemd's question): {"ready","database","relay","stopping"}. database "ok" or
// "unavailable"; relay "ok", "stalled" (its worker has not moved for longer than a delivery can
// take) or "off" (no single window configured); stopping while the server drains after SIGTERM.
struct Readiness {
    bool ready = false;
    std::string database, relay;
    bool stopping = false;
};
std::string ReadinessToJson(const Readiness& readiness);
std::optional<HealthStatus> ParseHealthStatusJson(std::string_view json);

// GET /api/kiosk: what a kiosk takes from the store's configuration.
struct KioskSettings {
    int64_t idle_seconds = 90;   // without a touch, before the warning
    int64_t warning_seconds = 20;
};
std::string KioskSettingsToJson(const KioskSettings& settings);
std::optional<KioskSettings> ParseKioskSettingsJson(std::string_view json);

// POST /api/kiosks/enroll: {"code"} → {"kiosk","store","token"} (store: its experience store's id,
// "" for none). The token is answered once.
std::string KioskEnrollmentToJson(const std::string& code);
std::optional<std::string> ParseKioskEnrollmentJson(std::string_view json); // the code as typed
struct KioskToken {
    std::string kiosk, store, token;
};
std::string KioskTokenToJson(const KioskToken& token);
std::optional<KioskToken> ParseKioskTokenJson(std::string_view json);

// GET /api/admin/relay: what waits, since when, what fails, what is parked.
struct RelayStatus {
    bool on = false;             // the relay is configured (--single-window)
    int64_t pending = 0, failing = 0;
    int64_t oldest_age_s = 0;    // of the pending messages
    int64_t sent = 0, parked_total = 0;
    struct Parked {
        std::string order_no, kind, error;
        int64_t ready_at = 0, attempts = 0;
    };
    std::vector<Parked> parked;  // the oldest 100
};
std::string RelayStatusToJson(const RelayStatus& status);
std::optional<RelayStatus> ParseRelayStatusJson(std::string_view json);

// POST /api/single-window/receipts: what became of the receipts in one message.
struct ReceiptsAck {
    int64_t applied = 0, duplicates = 0, unknown_orders = 0;
};
std::string ReceiptsAckToJson(const ReceiptsAck& ack);
std::optional<ReceiptsAck> ParseReceiptsAckJson(std::string_view json);

// The single-window simulator's GET /stats (server/customs/single_window_simulator.h): what arrived,
// counted by message guid.
struct SingleWindowStats {
    int64_t received = 0, unique = 0, duplicates = 0, invalid = 0, refused_by_fault = 0, rejected_quota = 0;
    int64_t receipts_sent = 0, receipts_pending = 0;
    int64_t payments = 0; // payment vouchers (CEB411) from payment companies, by order
    int64_t waybills = 0; // waybill records (CEB511) from carriers, by order
    int64_t held = 0;     // lists waiting for a counterpart
    int64_t rejected_mismatch = 0; // lists whose documents disagree
    int64_t returns = 0;           // returns (CEB625) accepted
    int64_t tax_bills = 0;         // tax bills (CEB816) delivered to the store
};
std::string SingleWindowStatsToJson(const SingleWindowStats& stats);
std::optional<SingleWindowStats> ParseSingleWindowStatsJson(std::string_view json);

} // namespace bondstore
