// WeChat Pay's APIv3 messages (../shared/payments/SPEC.md §1): the JSON the store sends to create,
// close and refund a payment, and what WeChat Pay answers and notifies. Written and read here, like
// every JSON shape, so the adapter (server/payments/wechat_pay.h) and the local fake that plays
// WeChat Pay in the tests cannot disagree about a field. Amounts are integer fen, as WeChat's are.
// Parsers never throw; a message that is not what WeChat documents gives nothing.
#pragma once

#include "core/base/money.h"
#include "core/base/problem.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// POST /v3/pay/transactions/native (QR code) and …/h5 (a phone browser) [I7][X1].
struct WeChatCreate {
    std::string appid, mchid, description, out_trade_no;
    std::string time_expire; // RFC 3339, "2018-06-08T10:34:56+08:00"
    std::string notify_url, attach;
    Money total;
    std::string payer_client_ip; // H5 only: scene_info.payer_client_ip, with h5_info.type "Wap"
};
std::string WeChatCreateToJson(const WeChatCreate& c);
std::optional<WeChatCreate> ParseWeChatCreateJson(std::string_view json);

// The answer to a create: {"code_url"} (native) or {"h5_url"} (H5).
std::string WeChatCodeUrlToJson(const std::string& key, const std::string& url);
std::optional<std::string> ParseWeChatCodeUrlJson(std::string_view json, const char* key);

// POST …/out-trade-no/{out_trade_no}/close: {"mchid"}.
std::string WeChatCloseToJson(const std::string& mchid);
std::optional<std::string> ParseWeChatCloseJson(std::string_view json);

// A payment as WeChat Pay reports it: the query's answer and a TRANSACTION notification's plaintext.
// trade_state: SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR.
struct WeChatTransaction {
    std::string appid, mchid, out_trade_no, transaction_id, trade_type, trade_state, trade_state_desc;
    std::string success_time, attach, payer_openid;
    Money total, payer_total;
    std::string currency = "CNY";
};
std::string WeChatTransactionToJson(const WeChatTransaction& t);
std::optional<WeChatTransaction> ParseWeChatTransactionJson(std::string_view json);

// POST /v3/refund/domestic/refunds and its answer (also a REFUND notification's plaintext).
// status: SUCCESS, CLOSED, PROCESSING, ABNORMAL.
struct WeChatRefund {
    std::string out_trade_no, transaction_id, out_refund_no, refund_id, reason, notify_url, status;
    Money refund, total;
    std::string currency = "CNY";
};
std::string WeChatRefundRequestToJson(const WeChatRefund& r);
std::optional<WeChatRefund> ParseWeChatRefundRequestJson(std::string_view json);
// `notification`: as a REFUND notification's plaintext writes it ("refund_status" for "status").
std::string WeChatRefundToJson(const WeChatRefund& r, bool notification = false);
std::optional<WeChatRefund> ParseWeChatRefundJson(std::string_view json);

// A notification's envelope (§1.5); `resource` is the encrypted payload.
struct WeChatNotification {
    std::string id, create_time, event_type, resource_type = "encrypt-resource", summary;
    std::string original_type, algorithm = "AEAD_AES_256_GCM", ciphertext, associated_data, nonce;
};
std::string WeChatNotificationToJson(const WeChatNotification& n);
std::optional<WeChatNotification> ParseWeChatNotificationJson(std::string_view json);

// An error answer: {"code","message"} (also the store's reply refusing a notification: code "FAIL").
struct WeChatError {
    std::string code, message;
};
std::string WeChatErrorToJson(const WeChatError& e);
std::optional<WeChatError> ParseWeChatErrorJson(std::string_view json);

// The store's WeChat Pay account (bondstore-server --wechat-pay FILE): who the merchant is, where
// its keys are, where WeChat Pay is. No secret is in this file: the private key is a PEM file of
// its own, and the APIv3 and APIv2 keys are read from the files named here or from the
// environment (BONDSTORE_WECHAT_APIV3_KEY, BONDSTORE_WECHAT_APIV2_KEY).
// {"appid","mchid","merchant_serial","merchant_key_file","platform_key_file","platform_serial",
//  "apiv3_key_file"?,"apiv2_key_file"?,"api"?,"customs_api"?,"notify_url","customs"?,"mch_customs_no","timeout_ms"?,
//  "demo"?}
// Relative file names are relative to the configuration file's folder.
struct WeChatPayConfig {
    std::string appid, mchid;
    std::string merchant_serial;   // the serial number of the merchant's API certificate
    std::string merchant_key_file; // the merchant's API private key (PEM)
    std::string platform_key_file; // WeChat Pay's platform public key or certificate (PEM)
    std::string platform_serial;   // its serial, or public-key id "PUB_KEY_ID_…" (Wechatpay-Serial)
    std::string apiv3_key_file, apiv2_key_file;
    std::string api = "https://api.mch.weixin.qq.com";
    std::string customs_api;       // APIv2 customs host; "" = api
    std::string notify_url;        // https://…/api/payments/wechat/notify as the internet reaches it
    std::string customs = "CHONGQING"; // WeChat's name of the customs office (SPEC.md §2.2)
    std::string mch_customs_no;    // the merchant's customs registration number
    int64_t timeout_ms = 10000;
    bool demo = false; // the account is the local fake's (bondstore-payment-fake): no money moves
};
std::string WeChatPayConfigToJson(const WeChatPayConfig& c);
std::optional<WeChatPayConfig> ParseWeChatPayConfigJson(std::string_view json, std::vector<Problem>* problems);

} // namespace bondstore
