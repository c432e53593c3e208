// Payment: how a shopper pays for an order. Bondstore talks to a provider through PaymentProvider;
// the orderer is always the payer (SPEC.md §4), so a provider is asked to charge the buyer named
// on the order and nobody else.
//
// The built-in provider is a SANDBOX: it moves no money. Asked to start a payment it answers with
// a notification signed under its own key, exactly what a real provider's server would post to
// the notify URL once the shopper has paid; the shopper's app (or a test) posts it there, and the
// server checks the signature and the amount before it marks the order paid.
#pragma once

#include "personal_data.h"

#include "core/money.h"

#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

class PaymentProvider {
public:
    virtual ~PaymentProvider() = default;
    virtual const char* name() const = 0;

    struct Started {
        std::string payment_id;
        std::string answer_json; // what the shopper's app needs next (provider-specific)
    };
    virtual Started Begin(const std::string& order_no, Money amount, int64_t now) = 0;

    struct Confirmation {
        std::string order_no, payment_id;
        Money amount;
    };
    // A notification from the provider, checked (signature, format); nothing if it is not one.
    virtual std::optional<Confirmation> Verify(std::string_view body) = 0;
};

class SandboxPayments final : public PaymentProvider {
public:
    explicit SandboxPayments(const PersonalData& keys) : keys_(keys) {}
    const char* name() const override { return "sandbox"; }
    Started Begin(const std::string& order_no, Money amount, int64_t now) override;
    std::optional<Confirmation> Verify(std::string_view body) override;

private:
    const PersonalData& keys_;
};

} // namespace bondstore
