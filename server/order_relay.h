// OrderRelay: how an order reaches customs through the single window. An order's relay message
// (the outbox row written with it, released when it is paid) becomes the CEB messages of
// ceb_message.h — built from the order as it was taken, its personal data unsealed only here —
// validated against the official schema and signed before anything is sent.
#pragma once

#include "ceb_message.h"
#include "ceb_schema.h"
#include "message_signer.h"
#include "personal_data.h"
#include "store.h"

#include <optional>
#include <string>

namespace bondstore {

enum class CebType { Order311, Inventory621 };

// Where the relay's configuration lives. Defaults: the sample registration
// (assets/customs/declarant.json), customs' schema beside the checkout
// (../shared/customs/xsd/v202205), and a key pair in the data directory.
struct RelayFiles {
    std::string customs_config, ceb_xsd;
    std::string signing_key, signing_cert; // PEM
    std::string key_name = "0001";         // KeyInfo/KeyName: the e-port's certificate number
};
RelayFiles DefaultRelayFiles(const std::string& data_dir);

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
std::optional<CebOrder> CebOrderFor(const Store::OrderDeclaration& declaration, const PersonalData& keys, int64_t now,
                                    std::string* error);

// The message of `type`, signed and valid against the schema; or nothing, with `error` saying
// why (no registration for the merchant, a schema error — a bug, never sent).
std::optional<std::string> SignedCebMessage(const CebOrder& order, CebType type, const CustomsConfig& config,
                                            const MessageSigner& signer, const CebSchema& schema, std::string* error);

} // namespace bondstore
