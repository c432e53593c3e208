// PaymentProvider: how a shopper pays for an order. Bondstore talks to a provider through this
// seam; the orderer is always the payer (../shared/customs/SPEC.md §4), so a provider is asked to
// charge the buyer named on the order and nobody else. One implementation per provider lives
// beside this file, each following its provider's published protocol.
#pragma once

#include "core/base/money.h"

#include <cstdint>
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
        std::string answer_json; // what the shopper's app needs next (core/wire/payment_json.h)
    };
    virtual Started Begin(const std::string& order_no, Money amount, int64_t now) = 0;

    struct Confirmation {
        std::string order_no, payment_id;
        Money amount;
    };
    // A notification from the provider, checked (signature, format); nothing if it is not one.
    virtual std::optional<Confirmation> Verify(std::string_view body) = 0;
};

} // namespace bondstore
