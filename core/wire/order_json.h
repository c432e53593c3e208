// Order requests, order receipts and bonded inventory as JSON (docs/api.md).
// Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/base/problem.h"
#include "core/catalog/bonded_stock.h"
#include "core/orders/order.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct OrderRequestParse {
    OrderRequest request;
    std::vector<Problem> problems; // JSON shape only; ValidateOrderRequest checks the content
    bool ok() const { return !HasErrors(problems); }
};
// {"lines":[{"sku","qty"}], "buyer":{"name","id_number","phone"},
//  "consignee":{"name","phone","address","district"}, "freight_fen", "expected_total_fen"}
OrderRequestParse ParseOrderRequestJson(std::string_view json);
std::string OrderRequestToJson(const OrderRequest& request);

// The receipt as JSON (docs/api.md); `quote_json` is inserted as it is.
std::string OrderReceiptToJson(const OrderReceipt& receipt);
struct OrderReceiptParse {
    OrderReceipt receipt;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};
OrderReceiptParse ParseOrderReceiptJson(std::string_view json);

// GET /api/inventory: {"items":[{"sku","available","orderable","level","warehouses":[{"code","available"}]}]}:
// `available` over all warehouses, `orderable` in the best-stocked one (what one order can take;
// core/orders/fulfilment.h), `level` of the orderable units.
std::string InventoryToJson(const std::vector<SkuAvailability>& items);
struct InventoryParse {
    std::vector<SkuAvailability> items;
    std::vector<Problem> problems;
    bool ok() const { return !HasErrors(problems); }
};
InventoryParse ParseInventoryJson(std::string_view json);

// An order's buyer and consignee in the clear — {"buyer":{"name","id_number","phone"},
// "consignee":{"name","phone","address","district"}} — which the server only ever keeps sealed
// (server/security/personal_data.h) and opens to declare the order to customs.
struct OrderContact {
    Buyer buyer;
    Consignee consignee;
};
std::string OrderContactToJson(const OrderContact& contact);
std::optional<OrderContact> ParseOrderContactJson(std::string_view json);

// The masked personal data of a receipt ({"buyer_name", …, "consignee_district"}), as an order
// row keeps it for answers.
std::string MaskedContactToJson(const OrderReceipt& receipt);
bool ParseMaskedContactJson(std::string_view json, OrderReceipt* receipt);

// An order kept on a device while the server cannot be reached (the web app's offline outbox in
// IndexedDB, under its Idempotency-Key): {"body","locale","sealed"}. A kiosk's body is sealed to
// the server (sealed_order_json.h).
struct QueuedOrderRecord {
    std::string body, locale;
    bool sealed = false;
};
std::string QueuedOrderRecordToJson(const QueuedOrderRecord& record);
std::optional<QueuedOrderRecord> ParseQueuedOrderRecordJson(std::string_view json);

} // namespace bondstore
