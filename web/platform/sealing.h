// Sealing: an order sealed to the server in the browser (WebCrypto), so a kiosk can keep an
// order it could not send without keeping its buyer's data readable (server/order_seal.h has the
// format and the server's side).
#pragma once

#include <functional>
#include <string>

namespace bondstore::web {

// Seals `plaintext` to the key of GET /api/order-seal-key (`key_json`), bound to `aad` (the
// order's Idempotency-Key). `done` gets the body to send, or "" when it cannot be sealed: a
// page without WebCrypto (served over plain HTTP from another machine: WebCrypto needs HTTPS or
// localhost), or a key that is not one.
void SealForServer(const std::string& key_json, const std::string& aad, const std::string& plaintext,
                   std::function<void(std::string sealed)> done);

} // namespace bondstore::web
