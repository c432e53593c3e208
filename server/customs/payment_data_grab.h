// PaymentDataGrab: customs' side of announcement 179, played by the single-window simulator
// (../shared/customs/CLEARANCE.md §11). It asks the platform for an order's raw payment data
// (POST openReq to the platform's platDataOpen) and checks the upload that follows on
// realTimeDataUpload the way customs does: a session it opened and has not closed, the platform's
// registered certificate (certNo; 20004 otherwise) and its signature over the text as received,
// and the data against the payment company's own record of the payment (CEB411: payCode,
// payTransactionId, the amount) and the order (CEB311: ebpCode) — raw request and answer present,
// the order and its goods named. Customs' answer: 10000, or 20000 with the reason.
#pragma once

#include "core/wire/payment_data_json.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

typedef struct evp_pkey_st EVP_PKEY;

namespace bondstore {

// What customs already knows of the order's payment, from the payment company and the platform.
struct PaymentDataExpected {
    std::string order_no, ebp_code, pay_code, pay_transaction_id;
    int64_t amount_fen = 0;
};

class PaymentDataGrab {
public:
    // `plat_data_open`: the platform's registered address; `platform_cert_pem`: its certificate.
    bool Init(std::string plat_data_open, const std::string& platform_cert_pem, std::string* error);
    ~PaymentDataGrab();

    struct Asked {
        std::string session_id;
        int status = 0;     // the platform's HTTP status (0: not reached)
        std::string reply;  // its answer's text, or why it was not reached
        bool accepted = false; // it answered code 10000
    };
    // Opens a session for the order and asks the platform (blocks for its answer).
    Asked Ask(const PaymentDataExpected& expected, int64_t now_ms);

    // An upload (the form body of realTimeDataUpload): checked; customs' answer.
    PaymentDataReply Receive(const std::string& form_body, int64_t now_ms);

    // A session's outcome: "waiting", "verified", "refused: why"; "" if unknown.
    std::string Outcome(const std::string& session_id);
    // {"asked":n,"verified":n,"refused":n}
    std::string Stats();

private:
    std::string url_, serial_;
    EVP_PKEY* key_ = nullptr;
    std::mutex mutex_; // everything below
    struct Session {
        PaymentDataExpected expected;
        std::string outcome = "waiting";
    };
    std::map<std::string, Session> sessions_;
    int64_t asked_ = 0, verified_ = 0, refused_ = 0, next_ = 0;
};

} // namespace bondstore
