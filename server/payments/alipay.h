// Alipay: the Alipay adapter (../shared/payments/SPEC.md §3–§4). Payments through the OpenAPI
// gateway — alipay.trade.precreate (a QR code for a kiosk or desktop), alipay.trade.wap.pay (a
// phone's browser is sent to Alipay's page with the signed request), query, close, refunds and
// their query — every request signed with the application's private key (RSA2: SHA256withRSA),
// every answer and notification verified against Alipay's public key. The customs declaration is
// alipay.trade.customs.declare, which carries the buyer's name and ID number and answers whether
// the payer is that person (identity_check); Alipay then sends its payment record to customs.
#pragma once

#include "server/payments/alipay_protocol.h"
#include "server/payments/payment_crypto.h"
#include "server/payments/payment_provider.h"

#include "core/wire/alipay_json.h"

#include <memory>
#include <string>

namespace bondstore {

class Alipay final : public PaymentProvider {
public:
    // Reads the keys (file names as given: the caller resolves them); nothing (and `error`) if a
    // setting is missing or a key is unreadable.
    static std::unique_ptr<Alipay> Open(const AlipayConfig& config, std::string* error);

    const char* name() const override { return "alipay"; }
    bool sandbox() const override { return config_.demo; }
    std::optional<PaymentStarted> Begin(const PaymentRequest& request, std::string* error) override;
    std::optional<ProviderEvent> ReadNotification(const ProviderNotification& n, int64_t now, std::string* why) override;
    NotificationReply Accepted() const override;
    NotificationReply Refused(const std::string& why) const override;
    std::optional<PaymentStatus> Query(const std::string& order_no, std::string* error) override;
    bool Close(const std::string& order_no, std::string* error) override;
    std::optional<RefundStatus> Refund(const RefundRequest& request, std::string* error) override;
    std::optional<RefundStatus> QueryRefund(const RefundRequest& request, std::string* error) override;
    std::optional<DeclarationResult> Declare(const DeclarationRequest& request, std::string* error) override;

    // The clock requests are stamped with (tests move it).
    int64_t (*clock)() = nullptr;

private:
    explicit Alipay(AlipayConfig c) : config_(std::move(c)) {}
    // The common parameters and biz_content of a request to `method`, signed.
    AlipayParams Signed(const char* method, const std::string& biz_content, const std::string& return_url = "");
    // One call: the answer if it is Alipay's (signature verified) — with any code: the caller
    // reads 10000 or the business failure.
    std::optional<AlipayAnswer> Call(const char* method, const std::string& biz_content, std::string* error);
    int64_t Now() const;

    AlipayConfig config_;
    std::unique_ptr<RsaKey> app_key_, alipay_key_;
};

// Alipay hands out keys as bare base64 (its key tool); PEM is accepted as it is.
std::unique_ptr<RsaKey> ReadAlipayKeyFile(const std::string& file, bool is_private, std::string* error);

} // namespace bondstore
