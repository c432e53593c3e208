// Announcement 179 (2018): customs may ask the platform for an order's raw payment data at any
// time; the platform answers at once and then uploads the data, signed
// (../shared/customs/CLEARANCE.md §11). These are its JSON shapes, written and read here so the
// store (server/customs/payment_data_upload.h) and the simulator playing customs cannot disagree:
//
//   openReq       customs → platDataOpen: {"orderNo","sessionID","serviceTime"} (ms)
//   reply         the platform's answer to openReq, and customs' to an upload:
//                 {"code":"10000","message","serviceTime"} (+ "total" from customs)
//   payExInfoStr  the upload: sessionID, payExchangeInfoHead, payExchangeInfoLists, serviceTime
//                 (a string of ms), certNo, signValue
//
// The signature covers `"sessionID":"…"||"payExchangeInfoHead":"{…}"||"payExchangeInfoLists":"[…]"||
// "serviceTime":"…"`, the head and lists as compact JSON exactly as they are sent.
// Parsers never throw; what is not the documented shape gives nothing and `why`.
#pragma once

#include "core/base/money.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct PaymentDataAsk {
    std::string order_no, session_id;
    int64_t service_time_ms = 0;
};
std::string PaymentDataAskToJson(const PaymentDataAsk& ask);
std::optional<PaymentDataAsk> ParsePaymentDataAskJson(std::string_view json, std::string* why);

// "10000" is success on both sides; customs' failures are 20000–21000 (20004: the certificate is
// not registered).
struct PaymentDataReply {
    std::string code = "10000", message;
    int64_t service_time_ms = 0;
    bool has_total = false; // customs' answer to an upload carries "total"
    int64_t total = 0;
};
std::string PaymentDataReplyToJson(const PaymentDataReply& reply);
std::optional<PaymentDataReply> ParsePaymentDataReplyJson(std::string_view json);

// payExchangeInfoHead: the payment as the payment company knows it, with the raw request to it and
// its raw answer (initalRequest/initalResponse, sic, C..8000 each).
struct PaymentDataHead {
    std::string guid, inital_request, inital_response, ebp_code, pay_code, pay_transaction_id;
    Money total_amount;          // JSON number in yuan
    std::string currency = "142";
    std::string ver_dept = "3";  // 1 UnionPay, 2 NetsUnion, 3 other
    std::string pay_type = "4";  // 1 APP, 2 PC, 3 scan, 4 other
    std::string trading_time;    // YYYYMMDDhhmmss, China time
    std::string note;
};
// One entry of payExchangeInfoLists: an order the payment paid for.
struct PaymentDataOrder {
    std::string order_no;
    struct Goods {
        std::string gname, item_link; // C..250, C..3000
    };
    std::vector<Goods> goods;
    std::string recp_account, recp_code, recp_name; // who received the money
};
struct PaymentDataUpload {
    std::string session_id;
    PaymentDataHead head;
    std::vector<PaymentDataOrder> orders;
    std::string service_time_ms; // a string in the upload
    std::string cert_no, sign_value;
};
std::string PaymentDataUploadToJson(const PaymentDataUpload& upload);
std::optional<PaymentDataUpload> ParsePaymentDataUploadJson(std::string_view json, std::string* why);

// The text the platform signs, from the upload as it will be sent.
std::string PaymentDataSignText(const PaymentDataUpload& upload);
// The same text from an upload as it arrived (its head and lists as sent, whatever their key
// order): what customs verifies. Nothing if `json` is not an upload.
std::optional<std::string> PaymentDataSignTextOf(std::string_view json);

} // namespace bondstore
