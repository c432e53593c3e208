// ReturnStore: returns of delivered goods declared to customs (CEB625/626). A return is asked for
// within 30 days of release (the order moves to returning and the return waits in the outbox, in
// OrderStore's move); customs' acceptance returns the order and gives the buyer's quota back; the
// goods must then be back in the bonded warehouse within 45 days of release, where the merchant
// records them: restocked, and the shopper refunded, at that moment.
#pragma once

#include "server/store/database.h"

#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bondstore {

class ReturnStore {
public:
    explicit ReturnStore(Database& db) : db_(db) {}

    // An order's return (requested_at 0 if none).
    std::optional<OrderReturn> Find(const std::string& order_no, std::string* error);

    // The merchant has the goods back: restocked and refunded, once. `problem` (empty on success):
    // "order.not_found", "order.transition_not_allowed" (customs has not accepted the return, or
    // the goods are already back).
    bool RecordGoodsBack(const std::string& order_no, int64_t now, std::string* problem, std::string* error);

    struct Row {
        std::string order_no;
        OrderStatus status = OrderStatus::Returning;
        OrderReturn info;
    };
    // A merchant's returns ("" for every merchant's), newest first.
    std::optional<std::vector<Row>> List(const std::string& merchant, int limit, std::string* error);

private:
    Database& db_;
};

} // namespace bondstore
