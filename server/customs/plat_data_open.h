// PlatDataOpen: the platform's side of customs' real-time payment-data interface (announcement
// 179 of 2018; ../shared/customs/CLEARANCE.md §11). Customs may ask at any time for the raw
// payment data of an order: it POSTs `openReq` ({orderNo, sessionID, serviceTime}) to the
// platform's registered platDataOpen address, and the platform answers at once ({"code":"10000"})
// and then uploads, over HTTPS to customs' realTimeDataUpload, the form field `payExInfoStr`: the
// payment as the payment company knows it — the request the store sent it and its answer that the
// order was paid, both kept sealed since the payment (PaymentStore::KeepRaw…) — the order's goods
// and who received the money, signed with the platform's key (its certificate's serial as certNo).
//
// The ask is stored before the answer (PaymentDataStore), so a restart loses none; a worker uploads
// each, trying again with back-off while customs cannot be reached, and records customs' answer.
// Decisions where the published interface is silent (docs/single-window.md): an ask for an order
// the platform has no paid payment for is answered "20000" with the reason, and nothing is
// uploaded; verDept is 3 ("other": the providers' verification department is not reported to
// Bondstore); payType 3 (scan) for a QR payment, 4 (other) for a phone's provider page; itemLink
// opens the store with the goods in the cart (a product page address comes with issue 21).
#pragma once

#include "server/base/worker_loop.h"
#include "server/customs/order_relay.h"
#include "server/security/personal_data.h"
#include "server/store/stores.h"

#include "core/wire/payment_data_json.h"

#include <memory>
#include <optional>
#include <string>

namespace bondstore {

struct PlatDataOpenSettings {
    std::string upload_url;  // customs' realTimeDataUpload ("" = asks are answered and kept, nothing uploaded)
    std::string store_url;   // the store's public address, for itemLink ("https://shop.example/")
    int timeout_ms = 10000;
    int64_t retry_s = 5;     // first retry after a failed upload; doubles up to an hour
    int64_t give_up_after = 86400; // seconds after the ask: then refused here, logged for the operator
};

class PlatDataOpen {
public:
    PlatDataOpen(Stores& stores, const PersonalData& keys, const RelayKit& kit, PlatDataOpenSettings settings);
    ~PlatDataOpen();

    // Customs' ask (the openReq form field's text): kept, and the worker woken. The answer to send
    // back at once.
    PaymentDataReply Ask(const std::string& open_req, int64_t now_ms);

    // The upload for an order, signed (tests and the worker); nothing, and `error`, if the order
    // has no paid payment or cannot be read.
    std::optional<PaymentDataUpload> Upload(const std::string& session_id, const std::string& order_no, int64_t now_ms,
                                            std::string* error);

    void Start();
    void Stop();
    // One pass over the asks due now; returns how many it tried.
    int RunOnce(int64_t now);

private:
    Stores& stores_;
    const PersonalData& keys_;
    const RelayKit& kit_;
    PlatDataOpenSettings settings_;
    WorkerLoop loop_;
};

} // namespace bondstore
