// PaymentProvider: how a shopper pays for an order, and how the money is declared to customs and
// given back. Bondstore talks to a licensed cross-border payment provider through this seam; the
// orderer is always the payer (../shared/customs/SPEC.md §4), so the provider is asked to declare
// the payment with the buyer's name and ID number and reports whether the payer is that person.
// One implementation per provider lives beside this file, each following its provider's published
// protocol (../shared/payments/SPEC.md), each tested against a local fake that checks what the
// provider checks. Calls block (they are HTTP requests to the provider) and never throw; a call
// that fails says why in `error` and leaves the provider's state to be asked again (Query).
#pragma once

#include "core/base/money.h"
#include "core/wire/payment_json.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

enum class PaymentChannel { Qr, Redirect }; // a code a phone scans (kiosk, desktop); a page on the phone itself

struct PaymentRequest {
    std::string order_no;
    Money amount;
    std::string description; // what the payer's app shows: the store and the order
    int64_t expires_at = 0;  // unix seconds: the order's payment deadline (the provider closes it then)
    PaymentChannel channel = PaymentChannel::Qr;
    std::string client_ip;   // the shopper's address (a phone page needs it)
    std::string return_url;  // where the phone comes back to afterwards
};

struct PaymentStarted {
    std::string payment_id;   // when the provider names the payment at once
    std::string qr_code;      // Qr: the text to show as a QR code
    std::string redirect_url; // Redirect: where to send the phone
    std::optional<SandboxNotification> sandbox_notification; // the sandbox's, for the app to deliver
    std::string raw_request;  // what was asked of the provider, as sent (customs may ask for it: announcement 179)
};

// What the provider says about an order's payment (a query or a notification).
enum class PaymentState { Unpaid, Paid, Closed, Refunded, Failed };
struct PaymentStatus {
    PaymentState state = PaymentState::Unpaid;
    std::string order_no, transaction_id; // the provider's id of the payment
    Money amount;                         // what was paid (Paid)
    std::string raw;                      // the provider's words, as it sent them (announcement 179)
};

struct RefundRequest {
    std::string order_no, transaction_id;
    std::string refund_no; // ours, one per refund: asking twice with it refunds once
    Money refund, total;
    std::string reason;
};
enum class RefundState { Pending, Done, Failed };
struct RefundStatus {
    RefundState state = RefundState::Pending;
    std::string refund_no, provider_refund_id;
};

// A verified notification: a payment or a refund.
struct ProviderEvent {
    std::string id; // the provider's notification id: a replay has the same (payment_notifications)
    std::optional<PaymentStatus> payment;
    std::optional<RefundStatus> refund;
};

// The customs declaration of a payment: the provider sends its payment record (CEB411) to customs.
struct DeclarationRequest {
    std::string order_no, transaction_id;
    Money amount;                 // as paid (goods, freight and tax)
    Money goods, freight;         // only for an order split across declarations (not done by Bondstore)
    std::string buyer_name, buyer_id_number;
};
enum class PayerCheck { Unchecked, Same, Different };
struct DeclarationResult {
    bool accepted = false;          // the provider took the declaration (it sends the record)
    PayerCheck payer = PayerCheck::Unchecked;
    std::string pay_transaction_id; // what CEB311's payTransactionId must carry
    std::string message;            // the provider's words when not accepted
};

// A notification as it arrived: its raw body and its headers.
struct ProviderNotification {
    std::string body;
    std::function<std::string(const char*)> header;
};
// What the store answers the provider's notification with.
struct NotificationReply {
    int status = 200;
    std::string content_type, body;
};

// `path` on the store's public address, which is the origin of its notify URL: providers send a
// phone back only to the merchant's own (registered) domain.
inline std::string StoreUrl(const std::string& notify_url, const std::string& path)
{
    size_t host = notify_url.find("//");
    size_t slash = host == std::string::npos ? std::string::npos : notify_url.find('/', host + 2);
    return notify_url.substr(0, slash) + path;
}

class PaymentProvider {
public:
    virtual ~PaymentProvider() = default;
    virtual const char* name() const = 0; // "wechat", "alipay", "sandbox"
    // No money moves: the sandbox, or a real provider's protocol spoken to its local fake (a demo
    // account). Said in the start-up log, /api/health and on every screen that takes payment.
    virtual bool sandbox() const { return false; }
    // The provider declares each payment to customs (its CEB411) and checks the payer: the
    // order's messages wait for that. (Not the sandbox.)
    virtual bool declares() const { return true; }

    virtual std::optional<PaymentStarted> Begin(const PaymentRequest& request, std::string* error) = 0;
    // Checks a notification (signature, freshness, decryption, format); nothing (and `why`) if it is not one.
    virtual std::optional<ProviderEvent> ReadNotification(const ProviderNotification& n, int64_t now, std::string* why) = 0;
    virtual NotificationReply Accepted() const = 0;
    virtual NotificationReply Refused(const std::string& why) const = 0;
    virtual std::optional<PaymentStatus> Query(const std::string& order_no, std::string* error) = 0;
    // Closes an unpaid payment (the order expired or was cancelled); true when the provider agrees
    // or there is nothing to close.
    virtual bool Close(const std::string& order_no, std::string* error) = 0;
    virtual std::optional<RefundStatus> Refund(const RefundRequest& request, std::string* error) = 0;
    // How a refund asked for before is going (`request` as it was asked).
    virtual std::optional<RefundStatus> QueryRefund(const RefundRequest& request, std::string* error) = 0;
    virtual std::optional<DeclarationResult> Declare(const DeclarationRequest& request, std::string* error) = 0;
};

} // namespace bondstore
