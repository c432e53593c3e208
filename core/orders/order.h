// Order: a shopper's cross-border order as Bondstore takes it — who buys (the orderer, who is
// also the payer), where it goes, what is in it — and the life it leads afterwards:
//
//   pending_payment → paid → declared → released → shipped → delivered
//        │  │           │        │└→ rejected          └──────┴→ returned (≤ 30 days after release)
//        │  └→ expired  │        └→ withdrawing → cancelled (customs accepts the withdrawal, CEB624)
//        └→ cancelled   │              └→ declared (customs refuses it) · released / rejected (customs was first)
//                       └→ cancelled (before declaration)
//
// Everything here is rules: what a valid request is, which move is allowed from which status,
// and what each move does to stock and to the buyer's annual quota. Storage and clocks are the
// server's (times come in as arguments).
#pragma once

#include "core/base/calendar_date.h"
#include "core/base/money.h"
#include "core/base/problem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct OrderLineRequest {
    std::string sku;
    int64_t qty = 0;
};

// The orderer: real name, resident ID number, phone. Customs requires the orderer to be the payer
// when identity is not otherwise authenticated (SPEC.md §4); Bondstore always applies it.
struct Buyer {
    std::string name, id_number, phone;
};

struct Consignee {
    std::string name, phone, address;
    std::string district; // GB/T 2260 county-level code, 6 digits
};

struct OrderRequest {
    std::vector<OrderLineRequest> lines;
    Buyer buyer;
    Consignee consignee;
    Money freight;
    Money expected_total; // the amount to pay the shopper was shown; the server re-quotes
};

constexpr int64_t kMaxOrderLineQty = 999;

// Checks a request as of `today` and normalises it in place (ID number upper-cased and expanded
// to 18 characters, phone digits only, names trimmed). Problems, all with section "order" and the
// field: order.no_lines, order.too_many_lines, order.duplicate_sku, order.qty_not_positive,
// order.qty_too_large, order.name_invalid, order.phone_invalid, order.address_missing,
// order.address_too_long, order.address_invalid (control characters), order.district_invalid, order.freight_negative,
// order.expected_total_missing, and the identity.* codes of resident_id.h.
std::vector<Problem> ValidateOrderRequest(OrderRequest& request, CalendarDate today);

// Mainland mobile numbers: 11 digits starting 13–19, "+86"/"86" and separators allowed around
// them. Returns the 11 digits, or "" if it is not one.
std::string NormalizeMobilePhone(std::string_view phone);
// A county-level administrative code (GB/T 2260): 6 digits, a real province, not a prefecture's "00".
bool IsDistrictCode(std::string_view code);

// How personal data may be shown once an order is taken: "张*" / "J. S****", "138****5678".
// (ID numbers: MaskResidentId in resident_id.h.)
std::string MaskName(std::string_view name);
std::string MaskPhone(std::string_view phone);
// An address as answers show it: the first six characters, the rest as "****".
std::string MaskAddress(std::string_view address);

// --- the life of an order ---------------------------------------------------------------------

enum class OrderStatus {
    PendingPayment, Paid, Declared, Released, Rejected, Shipped, Delivered, Cancelled, Expired, Returned, Withdrawing, Returning
};
// Withdraw: the shopper cancels a declared order, whose list customs has not released; the list's
// withdrawal (CEB623) goes to customs, and stock, quota and refund wait for its answer (CEB624):
// accepted → Cancel; refused → WithdrawRefused (declared again).
// RequestReturn: the delivered goods are to go back, within 30 days of release; the return
// (CEB625) goes to customs, and the order waits as returning for its answer (CEB626): accepted →
// Return (returned: the quota is given back, the tax not levied); refused → ReturnRefused
// (delivered again). Without the single window, a merchant records Return directly.
enum class OrderEvent { Pay, Declare, Release, Reject, Ship, Deliver, Cancel, Expire, Return, Withdraw, WithdrawRefused, RequestReturn, ReturnRefused };

const char* StatusCode(OrderStatus status); // "pending_payment", …
std::optional<OrderStatus> ParseStatus(std::string_view code);
const char* EventCode(OrderEvent event);    // "pay", …
std::optional<OrderEvent> ParseEvent(std::string_view code);

// The status an event leads to from `from`, or nothing if it is not allowed there.
std::optional<OrderStatus> NextStatus(OrderStatus from, OrderEvent event);

// Whether an order counts in a merchant's sales figures: the shopper paid, and neither cancelled
// it nor returned the goods. Customs' rejections count (the figures show them apart as well);
// unpaid and expired orders were never sales.
bool CountsAsSale(OrderStatus status);
// Every status, in the order of the enum (for a query that lists those a rule selects).
const std::vector<OrderStatus>& AllStatuses();

// What a move does besides changing the status.
struct OrderEffects {
    bool release_reservation = false; // reserved -= qty (the goods stay on hand)
    bool consume_stock = false;       // on_hand -= qty and reserved -= qty (they leave the warehouse)
    bool restock = false;             // on_hand += qty (returned goods are back in the bonded area)
    bool give_back_quota = false;     // the order no longer counts towards the buyer's annual total
    bool refund = false;              // the shopper gets the payment (goods and tax) back
};
OrderEffects EffectsOf(OrderStatus from, OrderEvent event);

// What a customs receipt does to an order (SPEC.md §3.5, §3.10): the moves, in order, from
// `current`. `message` is "order" (a CEB312 receipt) or "inventory" (CEB622); `code` its
// returnStatus. A negative code or 100 is a rejection; 800 on the inventory list is the release;
// any other receipt says the order is with customs. Receipts arrive late, twice and out of
// order: one that would move the order backwards, or out of a final status, moves nothing.
// Delivery is at least once, so customs may answer a repeated message with an error about the
// repetition: a negative code after customs accepted the message (`accepted`: a receipt of 120
// or more for it is on record), or one of the duplicate codes (−301010 order exists, −621041
// duplicate declaration), is not a rejection. `message` "withdrawal" (a CEB624 receipt, about the
// list's withdrawal) moves only a withdrawing order: 399 or 800 (approved) cancels it, 100 or a
// negative code returns it to declared. `message` "return" (CEB626) moves only a returning order:
// 399 or 800 returns it, 100 or a negative code makes it delivered again.
std::vector<OrderEvent> EventsForCustomsReceipt(OrderStatus current, std::string_view message, int64_t code, bool accepted);

// The timeline detail of a move a customs receipt made: "CEB312 120", "CEB622 800", "CEB624 399",
// "CEB626 399" (message "order", "inventory", "withdrawal", "return"); and back: the receipt's code when `detail` is one
// about `message`.
std::string CustomsReceiptDetail(std::string_view message, int64_t code);
std::optional<int64_t> CustomsReceiptCodeOf(std::string_view detail, std::string_view message);

// A return must be declared within 30 days of release (SPEC.md §2.6), and its goods be back in the
// bonded area within 45 days of release (2020 No.45; CLEARANCE.md §8).
constexpr int64_t kReturnWindowSeconds = 30 * 86400;
constexpr int64_t kGoodsBackWindowSeconds = 45 * 86400;
bool WithinReturnWindow(int64_t released_at, int64_t now);

// The calendar year (in China) an order counts towards, from the moment it was placed.
int QuotaYear(int64_t placed_at_unix);

// When an order placed at `now` must be paid by: `timeout` seconds later, but no later than the
// midnight (China time) starting `next_tax_change` (NextTaxChange, core/tax/tax_table.h). So the
// quote, the payment, the declaration time and the quota year all fall on one side of a change of
// year or of rule: an order never has to be re-quoted — one not paid by then expires.
int64_t PaymentDeadline(int64_t now, int64_t timeout, CalendarDate next_tax_change);

// --- an order as the shopper sees it -----------------------------------------------------------

struct OrderTimelineEntry {
    OrderStatus status = OrderStatus::PendingPayment;
    int64_t at = 0;     // unix seconds
    std::string detail; // e.g. a customs receipt code; never personal data
};

// One answer of customs about an order (a CEB312 or CEB622 receipt), as the order shows it.
struct CustomsStep {
    std::string message; // "order" (the CEB311), "inventory" (the CEB621)
    int64_t code = 0;    // returnStatus: 2, 120, 399, 800, …, negative for an error
    int64_t at = 0;      // when it arrived (unix seconds)
};

// Whether customs is holding a declared order's goods, from its receipts about the inventory list
// (../shared/customs/CLEARANCE.md §6): the latest one to arrive is manual review (300),
// inspection (500), detention (501–599), or a code customs has not published, which is taken as a
// hold. Codes that say the list is on its way (1–4, 120, 399) are not holds; nor is anything once
// the order is released, rejected or over.
enum class CustomsHold { None, Review, Inspection, Detained, Other };
CustomsHold CustomsHoldOf(OrderStatus status, const std::vector<CustomsStep>& customs);
const char* CustomsHoldCode(CustomsHold h); // "", "review", "inspection", "detained", "other"

// The order's parcel (core/orders/shipment.h has the rules): carriers' own event codes are mapped
// to a stage by the adapter that reads them.
enum class TrackingStage { PickedUp, InTransit, OutForDelivery, Delivered, Exception, Returned, Other };

struct TrackingEvent {
    std::string id;          // the carrier's id of the event (a repeat has the same)
    TrackingStage stage = TrackingStage::Other;
    std::string code;        // the carrier's own code ("50")
    int64_t at = 0;          // unix seconds
    std::string place, text; // as the carrier wrote them (its language)
};

struct Shipment {
    std::string carrier;    // "sf" ("" when the order has no shipment)
    std::string waybill_no; // "" until the carrier has given one
    std::vector<TrackingEvent> tracking; // oldest first
};

// What GET /api/orders/{no} answers (and POST /api/orders, with the lookup secret once):
// personal data masked, the tax breakdown as charged, the timeline.
// A return of the goods (customs' side: CEB625/626): asked for, then the goods back in the bonded
// warehouse by `due_back_at` (release + 45 days), where the merchant records them (restocked, and
// the shopper refunded, then).
struct OrderReturn {
    int64_t requested_at = 0;  // 0: none
    int64_t due_back_at = 0;   // the goods must be back in the bonded area by then
    int64_t goods_back_at = 0; // 0: not yet
};

struct OrderReceipt {
    std::string order_no;
    OrderStatus status = OrderStatus::PendingPayment;
    int64_t created_at = 0;
    std::string lookup_secret; // only in the answer that created the order
    std::string buyer_name, buyer_id_number, buyer_phone;        // masked
    std::string consignee_name, consignee_phone, consignee_address, consignee_district; // names masked
    std::vector<OrderLineRequest> lines;
    std::string warehouse;
    std::string quote_json;    // the TaxQuote as charged (TaxQuoteToJson)
    Money amount_to_pay, tax_total;
    int64_t pay_before = 0;    // unpaid orders expire then (0: not pending)
    std::vector<OrderTimelineEntry> timeline;
    std::vector<CustomsStep> customs; // customs' receipts, in the order they arrived
    Shipment shipment;                // the waybill and tracking (carrier "" until a carrier takes the order)
    OrderReturn return_info;          // requested_at 0: no return asked for
};

} // namespace bondstore
