// SandboxPayments: a payment provider that moves no money. Asked to start a payment it answers
// with a notification signed under its own key (a subkey of the data key), exactly what a real
// provider's server would post to the notify URL once the shopper has paid; the shopper's app (or
// a test) posts it there, and the server checks the signature and the amount before it marks the
// order paid.
#pragma once

#include "server/payments/payment_provider.h"
#include "server/security/personal_data.h"

namespace bondstore {

class SandboxPayments final : public PaymentProvider {
public:
    explicit SandboxPayments(const PersonalData& keys) : keys_(keys) {}
    const char* name() const override { return "sandbox"; }
    Started Begin(const std::string& order_no, Money amount, int64_t now) override;
    std::optional<Confirmation> Verify(std::string_view body) override;

    static constexpr const char* kNotifyPath = "/api/payments/sandbox/notify";

private:
    const PersonalData& keys_;
};

} // namespace bondstore
