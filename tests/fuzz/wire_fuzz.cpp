// libFuzzer target: the JSON the network sends the server, or the server sends the app — an
// order request (then core's validation, as checkout runs it), an order receipt, inventory, a
// stock adjustment, an order event, a sandbox payment notification, a sealed kiosk envelope and
// its content, a kiosk's enrollment and token, an experience store's file and the store directory.
// The first byte picks the parser; a document that parses must survive being written and read again.
#include "core/orders/order.h"
#include "core/wire/experience_store_json.h"
#include "core/wire/merchant_json.h"
#include "core/wire/order_json.h"
#include "core/wire/payment_json.h"
#include "core/wire/sealed_order_json.h"
#include "core/wire/service_json.h"

#include <cstdlib>

using namespace bondstore;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 9) {
    case 0: {
        OrderRequestParse p = ParseOrderRequestJson(text);
        if (!p.ok()) break;
        OrderRequestParse again = ParseOrderRequestJson(OrderRequestToJson(p.request));
        if (!again.ok()) std::abort();
        ValidateOrderRequest(p.request, CalendarDate{2026, 12, 5});
        break;
    }
    case 1: {
        OrderReceiptParse p = ParseOrderReceiptJson(text);
        if (p.ok() && !ParseOrderReceiptJson(OrderReceiptToJson(p.receipt)).ok()) std::abort();
        break;
    }
    case 2: ParseInventoryJson(text); break;
    case 3: {
        StockAdjustmentParse p = ParseStockAdjustmentJson(text);
        ParseOrderEventJson(text);
        (void)p;
        break;
    }
    case 4: ParseSandboxNotificationJson(text); break;
    case 5: ParseSealedEnvelopeJson(text); break;
    case 6: ParseSealedOrderContentJson(text); break;
    case 7: {
        ParseKioskEnrollmentJson(text);
        ParseKioskTokenJson(text);
        break;
    }
    case 8: {
        ExperienceStoreParse p = ParseExperienceStoreJson(text, {"zh-Hans", "en"});
        if (p.ok() && !ParseExperienceStoreJson(ExperienceStoreToJson(p.store), {"zh-Hans", "en"}).ok()) std::abort();
        if (std::optional<StoreDirectory> d = ParseStoreDirectoryJson(text)) {
            std::optional<StoreDirectory> again = ParseStoreDirectoryJson(StoreDirectoryToJson(*d));
            if (!again || StoreDirectoryToJson(*again) != StoreDirectoryToJson(*d)) std::abort();
        }
        break;
    }
    }
    return 0;
}
