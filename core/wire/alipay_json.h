// Alipay's OpenAPI messages (../shared/payments/SPEC.md §3–§4): the biz_content the store sends for
// each method, what Alipay answers, and the store's Alipay account. Written and read here, like
// every JSON shape, so the adapter (server/payments/alipay.h) and the local fake that plays Alipay
// cannot disagree about a field. Alipay writes amounts as yuan strings with two decimals ("88.88"),
// except the customs declaration's answer, whose total_amount is in fen [A2]; both become Money.
// Parsers never throw; a message that is not what Alipay documents gives nothing.
#pragma once

#include "core/base/money.h"
#include "core/base/problem.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// biz_content of alipay.trade.precreate (a QR code), alipay.trade.wap.pay (a phone's page),
// alipay.trade.query and alipay.trade.close: only what is set is written.
struct AlipayTradeContent {
    std::string out_trade_no, trade_no, subject, product_code, quit_url;
    std::string time_expire; // precreate "yyyy-MM-dd HH:mm:ss"; wap.pay "yyyy-MM-dd HH:mm"
    Money total_amount;      // zero: not written
};
std::string AlipayTradeContentToJson(const AlipayTradeContent& c);
std::optional<AlipayTradeContent> ParseAlipayTradeContentJson(std::string_view json);

// biz_content of alipay.trade.refund and alipay.trade.fastpay.refund.query.
struct AlipayRefundContent {
    std::string out_trade_no, trade_no, out_request_no, refund_reason;
    Money refund_amount; // zero: not written (the query)
};
std::string AlipayRefundContentToJson(const AlipayRefundContent& c);
std::optional<AlipayRefundContent> ParseAlipayRefundContentJson(std::string_view json);

// biz_content of alipay.trade.customs.declare (§4.2): the payment, the platform's customs
// registration, the customs office, and the buyer Alipay checks the payer against.
struct AlipayDeclareContent {
    std::string out_request_no, trade_no, merchant_customs_code, merchant_customs_name, customs_place;
    std::string buyer_name, buyer_cert_no; // buyer_info
    Money amount;
};
std::string AlipayDeclareContentToJson(const AlipayDeclareContent& c);
std::optional<AlipayDeclareContent> ParseAlipayDeclareContentJson(std::string_view json);

// What a method answers: the object under "<method with _ for .>_response" (or "error_response").
// code 10000 is success; 40004 a business failure with sub_code and sub_msg [S1].
struct AlipayAnswer {
    std::string code, msg, sub_code, sub_msg;
    std::string out_trade_no, trade_no, qr_code, trade_status, send_pay_date, buyer_logon_id; // trades
    std::string fund_change, out_request_no, refund_status;                                   // refunds
    std::string alipay_declare_no, pay_code, pay_transaction_id, identity_check, currency;    // customs
    Money total_amount, buyer_pay_amount, refund_fee, refund_amount;
    std::string raw; // the answer as Alipay sent it: kept by the adapter (announcement 179), never written or read here
};
// `method`: which answer; the customs declaration's total_amount is written in fen.
std::string AlipayAnswerToJson(const AlipayAnswer& a, std::string_view method);
std::optional<AlipayAnswer> ParseAlipayAnswerJson(std::string_view json, std::string_view method);

// A signed answer: {"<method>_response":{…},"sign":"…"}. Alipay's signature covers the answer's
// object exactly as sent, so it is cut out of the text, not re-serialised (§3.2).
struct AlipaySignedAnswer {
    std::string content; // the object's raw text, from its '{' to its matching '}'
    std::string sign;
    bool error_response = false; // the object was "error_response" (a gateway-level refusal)
};
std::optional<AlipaySignedAnswer> SplitAlipayAnswer(std::string_view body, std::string_view method);
std::string AlipaySignedAnswerJson(std::string_view method, const std::string& content, const std::string& sign, bool error_response = false);
std::string AlipayAnswerKey(std::string_view method); // "alipay.trade.query" → "alipay_trade_query_response"

// The store's Alipay account (bondstore-server --alipay FILE). No secret is in this file: the
// application's private key is a file of its own (PEM, or the bare base64 Alipay's tools make).
// {"app_id","app_private_key_file","alipay_public_key_file","gateway"?,"notify_url",
//  "merchant_customs_code","merchant_customs_name","customs_place"?,"timeout_ms"?,"demo"?}
// Relative file names are relative to the configuration file's folder.
struct AlipayConfig {
    std::string app_id;
    std::string app_private_key_file;   // the application's private key (RSA2)
    std::string alipay_public_key_file; // Alipay's public key for this application
    std::string gateway = "https://openapi.alipay.com/gateway.do";
    std::string notify_url;             // https://…/api/payments/alipay/notify as the internet reaches it
    std::string merchant_customs_code, merchant_customs_name; // the platform's customs registration
    std::string customs_place = "ZONGSHU"; // Alipay's name of the customs office (SPEC.md §5: unverified for Chongqing)
    int64_t timeout_ms = 10000;
    bool demo = false; // the account is the local fake's (bondstore-payment-fake): no money moves
};
std::string AlipayConfigToJson(const AlipayConfig& c);
std::optional<AlipayConfig> ParseAlipayConfigJson(std::string_view json, std::vector<Problem>* problems);

} // namespace bondstore
