// Payments as the store's own API carries them (docs/api.md): a payment started for an order, the
// sandbox provider's signed notification, and the answer to a notification. (A real provider's
// messages follow its own published format, in server/payments/.) Part of core's wire format
// (core/wire/README.md).
#pragma once

#include "core/base/money.h"
#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

// The sandbox's notification: what a provider's server posts to the store once the shopper has
// paid, signed under the sandbox's key.
// {"provider":"sandbox","order_no","payment_id","amount_fen","paid_at","signature"}
struct SandboxNotification {
    std::string order_no, payment_id;
    Money amount;
    int64_t paid_at = 0;
    std::string signature;
};
std::string SandboxNotificationToJson(const SandboxNotification& n);
std::optional<SandboxNotification> ParseSandboxNotificationJson(std::string_view json);

// POST /api/orders/{no}/payment asks for {"channel":"qr"|"redirect","return_url"?}: a code for a
// phone to scan (a kiosk, a desktop), or the provider's page on the phone itself, which sends the
// phone back to return_url (a path of this store) afterwards. An empty body is {"channel":"qr"}.
struct PaymentAsk {
    std::string channel = "qr";
    std::string return_url;
};
std::string PaymentAskToJson(const PaymentAsk& ask);
std::optional<PaymentAsk> ParsePaymentAskJson(std::string_view json);

// What the shopper's app needs next.
// {"provider","sandbox","payment_id"?,"qr_code"?,"redirect_url"?,"notify_url"?,"notification"?}
struct PaymentStart {
    std::string provider;       // "wechat", "alipay", "sandbox"
    bool sandbox = false;       // no money moves
    std::string payment_id;
    std::string qr_code;        // the text to draw as a QR code
    std::string redirect_url;   // where to send the phone
    std::string notify_url;     // sandbox: where its notification goes
    std::optional<SandboxNotification> notification; // the sandbox's, for the app to deliver
};
std::string PaymentStartToJson(const PaymentStart& start);
std::optional<PaymentStart> ParsePaymentStartJson(std::string_view json);

// The answer to a verified notification: {"order_no","status"}.
std::string PaymentAppliedToJson(const std::string& order_no, OrderStatus status);

} // namespace bondstore
