#include "server/payments/sandbox_payments.h"

#include "server/base/bytes.h"

#include "core/wire/payment_json.h"

#include <openssl/crypto.h>

namespace bondstore {

namespace {

std::string SignedText(const std::string& order_no, const std::string& payment_id, int64_t amount_fen)
{
    return "sandbox|" + order_no + "|" + payment_id + "|" + std::to_string(amount_fen);
}

} // namespace

std::optional<PaymentStarted> SandboxPayments::Begin(const PaymentRequest& q, std::string*)
{
    SandboxNotification n;
    n.order_no = q.order_no;
    n.payment_id = "sbx_" + RandomHex(12);
    n.amount = q.amount;
    n.signature = keys_.SandboxSignature(SignedText(n.order_no, n.payment_id, n.amount.fen));
    PaymentStarted s;
    s.payment_id = n.payment_id;
    s.sandbox_notification = n;
    s.raw_request = SignedText(n.order_no, n.payment_id, n.amount.fen);
    return s;
}

std::optional<ProviderEvent> SandboxPayments::ReadNotification(const ProviderNotification& in, int64_t, std::string* why)
{
    std::optional<SandboxNotification> n = ParseSandboxNotificationJson(in.body);
    if (!n) { *why = "not a sandbox notification"; return std::nullopt; }
    std::string want = keys_.SandboxSignature(SignedText(n->order_no, n->payment_id, n->amount.fen));
    if (n->signature.size() != want.size() || CRYPTO_memcmp(n->signature.data(), want.data(), want.size()) != 0) {
        *why = "bad signature";
        return std::nullopt;
    }
    ProviderEvent e;
    // No notification id: the order's state makes a second delivery harmless.
    e.payment = PaymentStatus{PaymentState::Paid, n->order_no, n->payment_id, n->amount, in.body};
    return e;
}

std::optional<PaymentStatus> SandboxPayments::Query(const std::string&, std::string* error)
{
    *error = "the sandbox keeps no payments to ask about";
    return std::nullopt;
}

std::optional<RefundStatus> SandboxPayments::Refund(const RefundRequest& q, std::string*)
{
    return RefundStatus{RefundState::Done, q.refund_no, "sbx_refund_" + q.refund_no};
}

std::optional<RefundStatus> SandboxPayments::QueryRefund(const RefundRequest& q, std::string*)
{
    return RefundStatus{RefundState::Done, q.refund_no, "sbx_refund_" + q.refund_no};
}

std::optional<DeclarationResult> SandboxPayments::Declare(const DeclarationRequest& q, std::string*)
{
    DeclarationResult d;
    d.accepted = true;
    d.pay_transaction_id = q.transaction_id;
    return d;
}

} // namespace bondstore
