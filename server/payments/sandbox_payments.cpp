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

PaymentProvider::Started SandboxPayments::Begin(const std::string& order_no, Money amount, int64_t now)
{
    Started s;
    s.payment_id = "sbx_" + RandomHex(12);
    SandboxNotification n;
    n.order_no = order_no;
    n.payment_id = s.payment_id;
    n.amount = amount;
    n.paid_at = now;
    n.signature = keys_.SandboxSignature(SignedText(order_no, s.payment_id, amount.fen));
    PaymentStart start;
    start.provider = "sandbox";
    start.sandbox = true;
    start.payment_id = s.payment_id;
    start.notify_url = kNotifyPath;
    start.notification = n;
    s.answer_json = PaymentStartToJson(start);
    return s;
}

std::optional<PaymentProvider::Confirmation> SandboxPayments::Verify(std::string_view body)
{
    std::optional<SandboxNotification> n = ParseSandboxNotificationJson(body);
    if (!n) return std::nullopt;
    std::string want = keys_.SandboxSignature(SignedText(n->order_no, n->payment_id, n->amount.fen));
    if (n->signature.size() != want.size() || CRYPTO_memcmp(n->signature.data(), want.data(), want.size()) != 0) return std::nullopt;
    return Confirmation{n->order_no, n->payment_id, n->amount};
}

} // namespace bondstore
