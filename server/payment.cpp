#include "payment.h"

#include "core/wire.h"

#include <nlohmann/json.hpp>

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
    std::string notification = "{\"provider\":\"sandbox\",\"order_no\":" + JsonQuote(order_no) + ",\"payment_id\":" +
                               JsonQuote(s.payment_id) + ",\"amount_fen\":" + std::to_string(amount.fen) +
                               ",\"paid_at\":" + std::to_string(now) + ",\"signature\":" +
                               JsonQuote(keys_.SandboxSignature(SignedText(order_no, s.payment_id, amount.fen))) + "}";
    s.answer_json = "{\"provider\":\"sandbox\",\"sandbox\":true,\"payment_id\":" + JsonQuote(s.payment_id) +
                    ",\"notify_url\":\"/api/payments/sandbox/notify\",\"notification\":" + notification + "}";
    return s;
}

std::optional<PaymentProvider::Confirmation> SandboxPayments::Verify(std::string_view body)
{
    auto j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_object()) return std::nullopt;
    auto text = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    if (text("provider") != "sandbox" || !j.contains("amount_fen") || !j["amount_fen"].is_number_integer()) return std::nullopt;
    Confirmation c{text("order_no"), text("payment_id"), Money{j["amount_fen"].get<int64_t>()}};
    std::string want = keys_.SandboxSignature(SignedText(c.order_no, c.payment_id, c.amount.fen));
    std::string got = text("signature");
    if (c.order_no.empty() || got.size() != want.size() || CRYPTO_memcmp(got.data(), want.data(), want.size()) != 0)
        return std::nullopt;
    return c;
}

} // namespace bondstore
