// libFuzzer target: what reaches the server's keys — a kiosk's sealed order (opened with the
// server's key pair) and a sandbox payment notification (its signature checked). First byte 0: the
// rest is a sealed body to open; 1: the rest is sealed as a kiosk would and must open to itself;
// 2: the rest is a payment notification.
#include "server/payments/sandbox_payments.h"
#include "server/security/order_seal.h"

#include <cstdlib>
#include <memory>

using namespace bondstore;

namespace {

struct Keys {
    PersonalData data;
    OrderSeal seal;
    SandboxPayments payments;
};

Keys& TheKeys()
{
    static std::unique_ptr<Keys> keys = [] {
        std::string error;
        std::optional<PersonalData> data = PersonalData::FromHexKey(std::string(64, '7'), &error);
        if (!data) std::abort();
        auto k = std::unique_ptr<Keys>(new Keys{*data, OrderSeal(*data), SandboxPayments(*data)});
        return k;
    }();
    return *keys;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    Keys& k = TheKeys();
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string error;
    switch (data[0] % 3) {
    case 0:
        k.seal.Open(text, "fuzz-key", &error);
        k.seal.OpenOrder(text, "fuzz-key", &error);
        break;
    case 1: {
        std::optional<std::string> sealed = OrderSeal::Seal(k.seal.PublicKeyJson(), "fuzz-key", text, &error);
        if (!sealed) std::abort();
        std::optional<std::string> opened = k.seal.Open(*sealed, "fuzz-key", &error);
        if (!opened || *opened != text) std::abort();
        if (k.seal.Open(*sealed, "other-key", &error)) std::abort(); // bound to its Idempotency-Key
        break;
    }
    case 2: {
        ProviderNotification n{std::string(text), [](const char*) { return std::string(); }};
        k.payments.ReadNotification(n, 0, &error);
        break;
    }
    }
    return 0;
}
