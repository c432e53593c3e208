// OrderRelay: how an order reaches customs through the single window. An order's relay message
// (the outbox row written with it, released when it is paid) becomes the CEB messages of
// ceb_message.h — built from the order as it was taken, its personal data unsealed only here —
// validated against the official schema and signed before anything is sent.
#pragma once

#include "server/operations/metrics.h"

#include "server/base/worker_loop.h"
#include "server/customs/ceb_message.h"
#include "server/customs/ceb_schema.h"
#include "server/customs/message_signer.h"
#include "server/security/personal_data.h"
#include "server/store/relay_store.h"

#include <optional>
#include <string>

namespace bondstore {

enum class CebType { Order311, Inventory621, Withdrawal623, Return625 };

// Where the relay's configuration lives. Defaults: the sample registration
// (assets/customs/declarant.json), customs' schema beside the checkout
// (../shared/customs/xsd/v202205), and a key pair in the data directory.
struct RelayFiles {
    std::string customs_config, ceb_xsd;
    std::string signing_key, signing_cert; // PEM
    std::string key_name = "0001";         // KeyInfo/KeyName: the e-port's certificate number
    // --signing-algorithm: the key made when there is none, and what an existing key must be
    // (nullopt: the key's own; a new key is RSA).
    std::optional<SignatureAlgorithm> algorithm;
};
RelayFiles DefaultRelayFiles(const std::string& data_dir);

// The customs configuration file, read and checked.
std::optional<CustomsConfig> ReadCustomsConfig(const std::string& file, std::string* error);

// What building a message needs, loaded and checked once.
struct RelayKit {
    CustomsConfig config;
    std::unique_ptr<MessageSigner> signer;
    std::unique_ptr<CebSchema> schema;
};
// With `create_key`, a missing key pair at the default place is created (self-signed: for the
// simulator and development; the real single window trusts only its CA's certificates).
std::optional<RelayKit> OpenRelayKit(const RelayFiles& files, bool create_key, std::string* error);

// The order as customs is told about it. `now` stands in for the declaration time of an order
// that is not yet ready to send (unpaid), for an audit of what would be sent.
std::optional<CebOrder> CebOrderFor(const RelayStore::OrderDeclaration& declaration, const PersonalData& keys, int64_t now,
                                    std::string* error);

// The message of `type`, signed and valid against the schema; or nothing, with `error` saying
// why (no registration for the merchant, a schema error — a bug, never sent).
std::optional<std::string> SignedCebMessage(const CebOrder& order, CebType type, const CustomsConfig& config,
                                            const MessageSigner& signer, const CebSchema& schema, std::string* error);

// --- the relay worker ---------------------------------------------------------------------------

struct RelaySettings {
    std::string gateway;          // the single window's URL ("http://host:port/path")
    int64_t retry_ms = 1000;      // first retry; doubles per failure, with jitter, up to max_retry_ms
    int64_t max_retry_ms = 300000;
    int64_t park_after = 86400;   // seconds since the message was ready: then parked, reported
    int timeout_ms = 10000;       // per delivery
    std::string receiver_id = "DXPEDCCEB0000002"; // DxpMsg ReceiverId: customs' import exchange id
    Metrics* metrics = nullptr;   // counts each delivery and its latency (operations/metrics.h); may be null
};

// Delivers every ready outbox message to the single window at least once: claimed (leased) from
// the store, built, signed and validated, wrapped in a DxpMsg whose CopMsgId is the message guid
// (the receiver de-duplicates by it), POSTed. 2xx: delivered (kept as sent; the order becomes
// "declared"). A transport failure or 5xx: tried again later with exponential back-off and
// jitter. 4xx, or a message that cannot be built: parked at once (an operator must act). Any
// message failing longer than park_after: parked. Nothing is dropped; the worker holds no state
// the store does not, so a restart (or kill -9) resumes where it stopped.
class OrderRelay {
public:
    OrderRelay(RelayStore& store, const PersonalData& keys, const RelayKit& kit, RelaySettings settings);
    ~OrderRelay();
    // Running, and moved within the longest a delivery can take (a relay stuck on a connection that
    // never answers, or a dead thread, is not): GET /api/ready.
    bool Alive(int64_t now_ms) const;
    void Start();
    void Stop();
    // One pass over what is due now; returns how many messages it tried. (The worker's loop, and
    // tests.)
    int RunOnce();

private:
    // "" when delivered; else why not, and whether to park it at once.
    std::string Deliver(const RelayStore::OutboxMessage& m, bool* permanent, std::string* sent);
    RelayStore& store_;
    const PersonalData& keys_;
    const RelayKit& kit_;
    RelaySettings settings_;
    WorkerLoop loop_;
};

} // namespace bondstore
