// SandboxPayments: a payment provider that moves no money, for development and the demo — on only
// when configured (--payment sandbox), and said so in the start-up log, in /api/health and on every
// screen that takes payment. Asked to start a payment it answers with a notification signed under
// its own key (a subkey of the data key), exactly what a real provider's server would post to the
// notify URL once the shopper has paid; the shopper's app (or a test) posts it there, and the
// server checks the signature and the amount before it marks the order paid. It declares nothing
// to customs and refunds at once.
#pragma once

#include "server/payments/payment_provider.h"
#include "server/security/personal_data.h"

namespace bondstore {

class SandboxPayments final : public PaymentProvider {
public:
    explicit SandboxPayments(const PersonalData& keys) : keys_(keys) {}
    const char* name() const override { return "sandbox"; }
    bool sandbox() const override { return true; }
    bool declares() const override { return false; }
    std::optional<PaymentStarted> Begin(const PaymentRequest& request, std::string* error) override;
    std::optional<ProviderEvent> ReadNotification(const ProviderNotification& n, int64_t now, std::string* why) override;
    NotificationReply Accepted() const override { return {200, "application/json", "{}"}; }
    NotificationReply Refused(const std::string&) const override { return {400, "application/json", "{}"}; }
    std::optional<PaymentStatus> Query(const std::string& order_no, std::string* error) override;
    bool Close(const std::string&, std::string*) override { return true; }
    std::optional<RefundStatus> Refund(const RefundRequest& request, std::string* error) override;
    std::optional<RefundStatus> QueryRefund(const RefundRequest& request, std::string* error) override;
    std::optional<DeclarationResult> Declare(const DeclarationRequest& request, std::string* error) override;

    static constexpr const char* kNotifyPath = "/api/payments/sandbox/notify";

private:
    const PersonalData& keys_;
};

} // namespace bondstore
