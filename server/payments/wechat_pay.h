// WeChatPay: the WeChat Pay adapter (../shared/payments/SPEC.md §1–§2). Payments through APIv3 —
// Native (a QR code for a kiosk or desktop) and H5 (a phone browser), query, close, refunds —
// every request signed with the merchant's API key (SHA256withRSA), every answer and notification
// verified against WeChat Pay's platform key, notifications decrypted with the APIv3 key
// (AEAD_AES_256_GCM). The customs declaration through APIv2 (customdeclareorder, XML signed with
// the APIv2 key), which carries the buyer's name and ID number and answers whether the payer is
// that person (cert_check_result); WeChat Pay then sends its payment record to customs.
#pragma once

#include "server/payments/payment_crypto.h"
#include "server/payments/payment_provider.h"

#include "core/wire/wechat_pay_json.h"

#include <memory>
#include <string>

namespace bondstore {

// The account (core/wire/wechat_pay_json.h) and its two symmetric keys, as read.
struct WeChatPaySettings : WeChatPayConfig {
    std::string apiv3_key, apiv2_key; // 32 characters each
};

class WeChatPay final : public PaymentProvider {
public:
    // Reads the keys; nothing (and `error`) if a setting is missing or a key is unreadable.
    static std::unique_ptr<WeChatPay> Open(const WeChatPaySettings& settings, std::string* error);

    const char* name() const override { return "wechat"; }
    bool sandbox() const override { return settings_.demo; }
    std::optional<PaymentStarted> Begin(const PaymentRequest& request, std::string* error) override;
    std::optional<ProviderEvent> ReadNotification(const ProviderNotification& n, int64_t now, std::string* why) override;
    NotificationReply Accepted() const override;
    NotificationReply Refused(const std::string& why) const override;
    std::optional<PaymentStatus> Query(const std::string& order_no, std::string* error) override;
    bool Close(const std::string& order_no, std::string* error) override;
    std::optional<RefundStatus> Refund(const RefundRequest& request, std::string* error) override;
    std::optional<RefundStatus> QueryRefund(const RefundRequest& request, std::string* error) override;
    std::optional<DeclarationResult> Declare(const DeclarationRequest& request, std::string* error) override;

    // The clock requests are signed with and answers checked against (tests move it).
    int64_t (*clock)() = nullptr;

private:
    struct Answer {
        int status = 0;
        std::string body;
    };
    explicit WeChatPay(WeChatPaySettings s) : settings_(std::move(s)) {}
    // A signed APIv3 request; the answer only if its signature is WeChat Pay's (a 2xx answer
    // without a valid signature is an error: it may not come from WeChat Pay).
    std::optional<Answer> Call(const char* method, const std::string& path_and_query, const std::string& body, std::string* error);
    int64_t Now() const;

    WeChatPaySettings settings_;
    std::unique_ptr<RsaKey> merchant_key_, platform_key_;
};

// RFC 3339 in Beijing time, as WeChat Pay writes times: "2026-12-05T12:34:56+08:00".
std::string WeChatTime(int64_t unix_seconds);

} // namespace bondstore
