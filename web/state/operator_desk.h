// OperatorDesk: the operator screen's state (/operator) — signed in with the store's operator
// token, and what the operator API answered last: the stores' activity and kiosks, the orders of
// the place chosen, the relay, customs' rejections, refunds, tax bills, merchants. Its actions are
// actions/operator_desk.h.
#pragma once

#include "core/wire/merchant_json.h"
#include "core/wire/operator_json.h"
#include "core/wire/service_json.h"

#include <cstdint>
#include <optional>
#include <string>

namespace bondstore::web {

struct OperatorDesk {
    bool on = false;                 // the page is /operator
    char token[160] = "";
    bool signed_in = false;
    bool busy = false;
    std::string notice;              // the last failure, in the operator's language

    StoreActivity activity;          // the last 30 days
    // The place whose orders are listed: a store's id ("" for shoppers' own devices); none chosen.
    std::optional<std::string> place;
    OrderOverview orders;            // the chosen place's newest orders
    RelayStatus relay;
    CustomsRejections rejections;
    RefundList refunds;
    TaxBillList tax_bills;
    MerchantAccounts merchants;
    // The regulator's figures of one month ("2026-11"), as last read; "" until the tab is opened.
    std::string stats_month;
    RetailStatistics stats;
    bool stats_loaded = false;
    int64_t now = 0;                 // unix seconds when the figures were read
    int tab = -1;                    // the tab shown last frame (a switch reads the figures again)
};

} // namespace bondstore::web
