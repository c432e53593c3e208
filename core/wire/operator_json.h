// The operator API's shapes (GET /api/admin/…, docs/api.md): what happened across the whole store
// — orders by experience store and kiosk with the kiosks' last contact, the orders themselves,
// customs' rejections, merchants and their tokens. The operator screen (web/screens/operator.cpp)
// reads them; refunds and tax bills reuse the merchant API's shapes (merchant_json.h), the relay's
// state service_json.h's. Part of core's wire format (core/wire/README.md).
#pragma once

#include "core/orders/order.h"
#include "core/orders/retail_statistics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

// GET /api/admin/activity?days=N: {"from","to","places":[{"store","kiosk","orders","goods_fen",
// "tax_fen"}],"kiosks":[{"id","name","store","state","last_seen_at"}],"days":[{"date","orders",
// "at_stores"}]}. A place is where orders came from: an experience store's kiosk, or store "" and
// kiosk "" for shoppers' own devices. Orders count every order placed; goods and tax only those
// that count as sales (core/orders/order.h). Days: every day of the range, oldest first.
struct StoreActivity {
    std::string from, to; // ISO dates, China calendar
    struct Place {
        std::string store, kiosk;
        int64_t orders = 0, goods_fen = 0, tax_fen = 0;
    };
    std::vector<Place> places;
    struct Kiosk {
        std::string id, name, store;
        std::string state;          // "waiting" (not enrolled yet), "enrolled", "revoked"
        int64_t last_seen_at = 0;   // unix seconds; 0 = never
    };
    std::vector<Kiosk> kiosks;
    struct Day {
        std::string date;
        int64_t orders = 0, at_stores = 0;
    };
    std::vector<Day> days;
};
std::string StoreActivityToJson(const StoreActivity& activity);
std::optional<StoreActivity> ParseStoreActivityJson(std::string_view json);

// GET /api/admin/orders?store=S&kiosk=K&limit=N: {"orders":[{"order_no","placed_at","status",
// "merchant","store","kiosk","goods_fen","tax_fen","amount_fen"}]}, newest first.
struct OrderOverview {
    struct Order {
        std::string order_no;
        int64_t placed_at = 0;
        OrderStatus status = OrderStatus::PendingPayment;
        std::string merchant, store, kiosk;
        int64_t goods_fen = 0, tax_fen = 0, amount_fen = 0;
    };
    std::vector<Order> orders;
};
std::string OrderOverviewToJson(const OrderOverview& overview);
std::optional<OrderOverview> ParseOrderOverviewJson(std::string_view json);

// GET /api/admin/rejections: {"rejections":[{"order_no","merchant","store","rejected_at","message",
// "code","info"}]}, newest first: orders customs rejected, with the receipt that said so (message
// "order" or "inventory", customs' returnStatus and returnInfo; empty when a merchant recorded it).
struct CustomsRejections {
    struct Rejection {
        std::string order_no, merchant, store;
        int64_t rejected_at = 0;
        std::string message, code, info;
    };
    std::vector<Rejection> rejections;
};
std::string CustomsRejectionsToJson(const CustomsRejections& list);
std::optional<CustomsRejections> ParseCustomsRejectionsJson(std::string_view json);

// GET /api/admin/merchants: {"merchants":[{"merchant","tokens":[{"label","hash_prefix",
// "created_at","revoked"}]}]} — never a token, only the first hex digits of its hash.
struct MerchantAccounts {
    struct Token {
        std::string label, hash_prefix, created_at;
        bool revoked = false;
    };
    struct Merchant {
        std::string merchant;
        std::vector<Token> tokens;
    };
    std::vector<Merchant> merchants;
};
std::string MerchantAccountsToJson(const MerchantAccounts& accounts);
std::optional<MerchantAccounts> ParseMerchantAccountsJson(std::string_view json);

// GET /api/admin/stats?month=YYYY-MM (or ?day=YYYY-MM-DD): the regulator's figures
// (core/orders/retail_statistics.h): {"from","to","total":{F},"tables":[{"dimension","rows":[{"key",
// …F}]}]} where F is "orders","lines","qty","goods_fen","tariff_fen","consumption_tax_fen",
// "vat_fen","released","rejected","returned".
std::string RetailStatisticsToJson(const RetailStatistics& statistics);
std::optional<RetailStatistics> ParseRetailStatisticsJson(std::string_view json);

} // namespace bondstore
