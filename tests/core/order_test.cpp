// The rules of an order, as the server applies them and as the web app checks them while the
// shopper types: resident ID numbers (GB 11643, SPEC.md §4), request validation, masking, and the
// lifecycle with what each move does to stock and quota (SPEC.md §2.6, CONVENTIONS.md §8).
#include <doctest/doctest.h>

#include "core/orders/order.h"
#include "core/orders/resident_id.h"
#include "core/orders/shipment.h"
#include "core/orders/tax_bill.h"
#include "core/wire/order_json.h"
#include "core/wire/tax_json.h"

using namespace bondstore;

namespace {
const CalendarDate kToday{2026, 11, 26};

OrderRequest ValidRequest()
{
    OrderRequest r;
    r.lines = {{"SKU-1", 2}};
    r.buyer = {"张三", "11010519491231002X", "13800138000"};
    r.consignee = {"张三", "13800138000", "重庆市渝北区金开大道 1 号", "500112"};
    r.freight = Money{1000};
    r.expected_total = Money{12345};
    return r;
}

std::vector<std::string> Codes(const std::vector<Problem>& problems)
{
    std::vector<std::string> out;
    for (const Problem& p : problems) out.push_back(p.code + "@" + p.field);
    return out;
}
} // namespace

TEST_CASE("resident ID: the check character is ISO 7064 MOD 11-2 over the first 17 digits")
{
    // The standard's own example and two well-known published numbers.
    CHECK(ResidentIdCheckChar("11010519491231002") == 'X');
    CHECK(ResidentIdCheckChar("44052418800101001") == '4');
    // r = 0 → '1', r = 1 → '0', r = 2 → 'X', r = 10 → '2': every position of "10X98765432".
    CHECK(ResidentIdCheckChar("00000000000000000") == '1');
    CHECK(ResidentIdCheckChar("10000000000000000") == '5'); // 7 mod 11 = 7 → '5'
}

TEST_CASE("resident ID: valid numbers pass and are normalised")
{
    ResidentIdCheck c = CheckResidentId("11010519491231002X", kToday);
    REQUIRE(c.ok());
    CHECK(c.normalized == "11010519491231002X");
    CHECK(c.birth_date == CalendarDate{1949, 12, 31});

    CHECK(CheckResidentId("  11010519491231002x ", kToday).normalized == "11010519491231002X");
    // The published textbook number is well formed but born in 1880: no living buyer.
    CHECK(CheckResidentId("440524188001010014", kToday).error == "identity.id_birth_date");
    CHECK(CheckResidentId("500112199002280035", kToday).ok());

    // 15-digit legacy numbers: "19" inserted before the year, the check character appended.
    ResidentIdCheck legacy = CheckResidentId("110105491231002", kToday);
    REQUIRE(legacy.ok());
    CHECK(legacy.normalized == "11010519491231002X");
}

TEST_CASE("resident ID: each kind of wrong number has its own code")
{
    CHECK(CheckResidentId("", kToday).error == "identity.id_format");
    CHECK(CheckResidentId("1101051949123100", kToday).error == "identity.id_format");   // 16
    CHECK(CheckResidentId("11010519491231002XX", kToday).error == "identity.id_format");
    CHECK(CheckResidentId("1101051949123100X2", kToday).error == "identity.id_format"); // X not last
    CHECK(CheckResidentId("11010519491231002Y", kToday).error == "identity.id_format");
    CHECK(CheckResidentId("11010519491231002 ", kToday).error == "identity.id_format");
    CHECK(CheckResidentId("１１０１０５１９４９１２３１００２Ｘ", kToday).error == "identity.id_format"); // full width
    CHECK(CheckResidentId("11010519491231002X' OR 1=1", kToday).error == "identity.id_format");

    CHECK(CheckResidentId("00010519491231002X", kToday).error == "identity.id_region");
    CHECK(CheckResidentId("990105194912310020", kToday).error == "identity.id_region");
    CHECK(CheckResidentId("110000194912310020", kToday).error == "identity.id_region");

    // Dates: not a real day, before 1900, after today.
    std::string feb29_2019 = "11010520190229001";
    CHECK(CheckResidentId(feb29_2019 + ResidentIdCheckChar(feb29_2019), kToday).error == "identity.id_birth_date");
    std::string feb29_2020 = "11010520200229001";
    CHECK(CheckResidentId(feb29_2020 + ResidentIdCheckChar(feb29_2020), kToday).ok());
    std::string old = "11010518991231001";
    CHECK(CheckResidentId(old + ResidentIdCheckChar(old), kToday).error == "identity.id_birth_date");
    std::string unborn = "11010520261127001";
    CHECK(CheckResidentId(unborn + ResidentIdCheckChar(unborn), kToday).error == "identity.id_birth_date");
    std::string born_today = "11010520261126001";
    CHECK(CheckResidentId(born_today + ResidentIdCheckChar(born_today), kToday).ok());

    CHECK(CheckResidentId("110105194912310021", kToday).error == "identity.id_check_digit");
    // The official CEB samples' buyer numbers are not real numbers (SPEC.md §4): refused.
    CHECK_FALSE(CheckResidentId("130681136250023332", kToday).ok());
    CHECK_FALSE(CheckResidentId("130625021345225322", kToday).ok());
}

TEST_CASE("resident ID: every single-digit typo is caught by the check character")
{
    const std::string good = "11010519491231002X";
    int caught = 0, tried = 0;
    for (size_t pos = 0; pos < 17; pos++)
        for (char d = '0'; d <= '9'; d++) {
            if (d == good[pos]) continue;
            std::string typo = good;
            typo[pos] = d;
            tried++;
            if (!CheckResidentId(typo, kToday).ok()) caught++;
        }
    CHECK(caught == tried);
}

TEST_CASE("masking keeps the address code and the last four, and never shows more")
{
    CHECK(MaskResidentId("11010519491231002X") == "110105********002X");
    CHECK(MaskResidentId("110105491231002") == "110105*****1002");
    CHECK(MaskResidentId("12345") == "*****");
    CHECK(MaskResidentId("") == "");
    CHECK(MaskName("张三") == "张*");
    CHECK(MaskName("欧阳娜娜") == "欧***");
    CHECK(MaskName("John Smith") == "J*********");
    CHECK(MaskName("A") == "A*");
    CHECK(MaskName("") == "");
    CHECK(MaskPhone("13800138000") == "138****8000");
    CHECK(MaskPhone("123") == "***");
}

TEST_CASE("mobile numbers: mainland 11 digits, with +86 and separators allowed")
{
    CHECK(NormalizeMobilePhone("13800138000") == "13800138000");
    CHECK(NormalizeMobilePhone("+86 138-0013-8000") == "13800138000");
    CHECK(NormalizeMobilePhone("86 13800138000") == "13800138000");
    CHECK(NormalizeMobilePhone("(138) 0013 8000") == "13800138000");
    CHECK(NormalizeMobilePhone("1380013800").empty());     // 10 digits
    CHECK(NormalizeMobilePhone("12800138000").empty());    // no 12x mobiles
    CHECK(NormalizeMobilePhone("23800138000").empty());
    CHECK(NormalizeMobilePhone("138001380001").empty());
    CHECK(NormalizeMobilePhone("1380013800a").empty());
    CHECK(NormalizeMobilePhone("138+00138000").empty());
    CHECK(NormalizeMobilePhone("").empty());
}

TEST_CASE("a valid order request passes and comes back normalised")
{
    OrderRequest r = ValidRequest();
    r.buyer.id_number = " 11010519491231002x";
    r.buyer.phone = "+86 138 0013 8000";
    r.buyer.name = "  张三 ";
    r.lines[0].sku = " SKU-1 ";
    CHECK(ValidateOrderRequest(r, kToday).empty());
    CHECK(r.buyer.id_number == "11010519491231002X");
    CHECK(r.buyer.phone == "13800138000");
    CHECK(r.buyer.name == "张三");
    CHECK(r.lines[0].sku == "SKU-1");

    OrderRequest uyghur = ValidRequest();
    uyghur.buyer.name = "阿依古丽·买买提";
    CHECK(ValidateOrderRequest(uyghur, kToday).empty());
}

TEST_CASE("every problem in a request is reported at once, each with its field")
{
    OrderRequest r = ValidRequest();
    r.lines = {{"A", 0}, {"B", 1000}, {"A", 1}};
    r.buyer.name = "";
    r.buyer.id_number = "110105194912310021";
    r.buyer.phone = "12345";
    r.consignee.name = "Robert'); DROP TABLE orders;--";
    r.consignee.phone = "";
    r.consignee.address = "   ";
    r.consignee.district = "500100"; // a city, not a county
    r.freight = Money{-1};
    r.expected_total = Money{0};
    std::vector<std::string> codes = Codes(ValidateOrderRequest(r, kToday));
    std::vector<std::string> expected = {
        "order.qty_not_positive@lines.qty", "order.qty_too_large@lines.qty", "order.duplicate_sku@lines.sku",
        "order.name_invalid@buyer.name", "identity.id_check_digit@buyer.id_number", "order.phone_invalid@buyer.phone",
        "order.name_invalid@consignee.name", "order.phone_invalid@consignee.phone",
        "order.address_missing@consignee.address", "order.district_invalid@consignee.district",
        "order.freight_negative@freight_fen", "order.expected_total_missing@expected_total_fen"};
    CHECK(codes == expected);

    OrderRequest none = ValidRequest();
    none.lines.clear();
    CHECK(Codes(ValidateOrderRequest(none, kToday)) == std::vector<std::string>{"order.no_lines@lines"});

    OrderRequest many = ValidRequest();
    many.lines.clear();
    for (int i = 0; i < 100; i++) many.lines.push_back({"S" + std::to_string(i), 1});
    CHECK(Codes(ValidateOrderRequest(many, kToday)) == std::vector<std::string>{"order.too_many_lines@lines"});
    many.lines.pop_back();
    CHECK(ValidateOrderRequest(many, kToday).empty()); // 99 lines: the most one CEB311 head carries

    OrderRequest far = ValidRequest();
    far.consignee.address = std::string(201, 'a');
    CHECK(Codes(ValidateOrderRequest(far, kToday)) == std::vector<std::string>{"order.address_too_long@consignee.address"});
    far.consignee.address = std::string(200, 'a');
    CHECK(ValidateOrderRequest(far, kToday).empty());

    OrderRequest bad_utf8 = ValidRequest();
    bad_utf8.buyer.name = "\xE5\xBC";
    CHECK(Codes(ValidateOrderRequest(bad_utf8, kToday)) == std::vector<std::string>{"order.name_invalid@buyer.name"});
}

TEST_CASE("a wrong ID number is reported masked, never as typed")
{
    OrderRequest r = ValidRequest();
    r.buyer.id_number = "110105194912310021";
    std::vector<Problem> problems = ValidateOrderRequest(r, kToday);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].value == "110105********0021");
}

TEST_CASE("the lifecycle: allowed moves only, and what each does to stock and quota")
{
    using S = OrderStatus;
    using E = OrderEvent;
    CHECK(NextStatus(S::PendingPayment, E::Pay) == S::Paid);
    CHECK(NextStatus(S::Paid, E::Declare) == S::Declared);
    CHECK(NextStatus(S::Declared, E::Release) == S::Released);
    CHECK(NextStatus(S::Declared, E::Reject) == S::Rejected);
    CHECK(NextStatus(S::Released, E::Ship) == S::Shipped);
    CHECK(NextStatus(S::Shipped, E::Deliver) == S::Delivered);
    CHECK(NextStatus(S::Delivered, E::Return) == S::Returned);
    CHECK(NextStatus(S::PendingPayment, E::Expire) == S::Expired);
    CHECK(NextStatus(S::Paid, E::Cancel) == S::Cancelled);

    // Not after declaration; nothing out of a final status; no skipping customs.
    CHECK_FALSE(NextStatus(S::Declared, E::Cancel));
    CHECK_FALSE(NextStatus(S::Paid, E::Expire));
    CHECK_FALSE(NextStatus(S::Paid, E::Ship));
    CHECK_FALSE(NextStatus(S::PendingPayment, E::Declare));
    for (S final : {S::Rejected, S::Cancelled, S::Expired, S::Returned})
        for (int e = 0; e <= int(E::ReturnRefused); e++) CHECK_FALSE(NextStatus(final, E(e)));

    OrderEffects expire = EffectsOf(S::PendingPayment, E::Expire);
    CHECK(expire.release_reservation);
    CHECK(expire.give_back_quota);
    CHECK_FALSE(expire.refund); // nothing was paid
    OrderEffects cancel_paid = EffectsOf(S::Paid, E::Cancel);
    CHECK((cancel_paid.release_reservation && cancel_paid.give_back_quota && cancel_paid.refund));
    OrderEffects reject = EffectsOf(S::Declared, E::Reject);
    CHECK((reject.release_reservation && reject.give_back_quota && reject.refund));
    OrderEffects ship = EffectsOf(S::Released, E::Ship);
    CHECK((ship.consume_stock && !ship.release_reservation && !ship.give_back_quota));
    OrderEffects return_unshipped = EffectsOf(S::Released, E::Return);
    CHECK((return_unshipped.release_reservation && !return_unshipped.restock && return_unshipped.refund &&
           return_unshipped.give_back_quota));
    OrderEffects return_delivered = EffectsOf(S::Delivered, E::Return);
    CHECK((return_delivered.restock && !return_delivered.release_reservation && return_delivered.refund));
    OrderEffects pay = EffectsOf(S::PendingPayment, E::Pay);
    CHECK_FALSE((pay.release_reservation || pay.consume_stock || pay.restock || pay.give_back_quota || pay.refund));
    OrderEffects refused = EffectsOf(S::Cancelled, E::Return); // not allowed: no effects
    CHECK_FALSE((refused.release_reservation || refused.restock || refused.refund));

    for (int s = 0; s <= int(S::Returning); s++) CHECK(ParseStatus(StatusCode(S(s))) == S(s));
    for (int e = 0; e <= int(E::ReturnRefused); e++) CHECK(ParseEvent(EventCode(E(e))) == E(e));
    CHECK_FALSE(ParseStatus("PAID"));
    CHECK_FALSE(ParseEvent(""));
}

TEST_CASE("customs receipts move an order forward only: declared, released on 800, rejected on a negative code")
{
    using S = OrderStatus;
    using E = OrderEvent;
    using Events = std::vector<OrderEvent>;
    CHECK(EventsForCustomsReceipt(S::Paid, "order", 2, false) == Events{E::Declare});
    CHECK(EventsForCustomsReceipt(S::Paid, "order", 120, false) == Events{E::Declare});
    CHECK(EventsForCustomsReceipt(S::Declared, "order", 120, false).empty());     // already there
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", 399, false).empty());
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", 800, false) == Events{E::Release});
    CHECK(EventsForCustomsReceipt(S::Paid, "inventory", 800, false) == Events{E::Declare, E::Release}); // 800 before anything else
    CHECK(EventsForCustomsReceipt(S::Declared, "order", 800, false) == Events{}); // 800 releases the inventory list, not the order message
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", -621018, false) == Events{E::Reject});
    CHECK(EventsForCustomsReceipt(S::Paid, "order", -301004, false) == Events{E::Declare, E::Reject});
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", 100, false) == Events{E::Reject});
    // Late and repeated receipts: never backwards, never out of a final status.
    CHECK(EventsForCustomsReceipt(S::Released, "inventory", 120, false).empty());
    CHECK(EventsForCustomsReceipt(S::Released, "inventory", 800, false).empty());
    CHECK(EventsForCustomsReceipt(S::Released, "inventory", 899, false).empty());
    CHECK(EventsForCustomsReceipt(S::Rejected, "inventory", 800, false).empty());
    CHECK(EventsForCustomsReceipt(S::Shipped, "order", 2, false).empty());
    CHECK(EventsForCustomsReceipt(S::Cancelled, "order", 120, false).empty());
    CHECK(EventsForCustomsReceipt(S::Paid, "order", 4, false).empty()); // the e-port failed to pass it on: it retries
    // A repeated delivery answered with an error about the repetition is not a rejection.
    CHECK(EventsForCustomsReceipt(S::Declared, "order", -301010, false).empty());
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", -621041, false).empty());
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", -621018, true).empty()); // customs accepted it before
    CHECK(EventsForCustomsReceipt(S::Declared, "inventory", -621018, false) == Events{E::Reject});
}

TEST_CASE("a declared order held by customs: manual review, inspection, detention, an unpublished code; not once it moves on")
{
    using S = OrderStatus;
    using H = CustomsHold;
    auto steps = [](std::vector<std::pair<const char*, int64_t>> list) {
        std::vector<CustomsStep> out;
        int64_t at = 1'780'000'000;
        for (auto [message, code] : list) out.push_back(CustomsStep{message, code, at++});
        return out;
    };
    CHECK(CustomsHoldOf(S::Declared, {}) == H::None);
    CHECK(CustomsHoldOf(S::Declared, steps({{"order", 120}, {"inventory", 2}, {"inventory", 120}})) == H::None);
    CHECK(CustomsHoldOf(S::Declared, steps({{"inventory", 120}, {"inventory", 300}})) == H::Review);
    CHECK(CustomsHoldOf(S::Declared, steps({{"inventory", 120}, {"inventory", 500}, {"order", 399}})) == H::Inspection); // the list's, not the order's
    CHECK(CustomsHoldOf(S::Declared, steps({{"inventory", 502}})) == H::Detained);
    CHECK(CustomsHoldOf(S::Declared, steps({{"inventory", 599}})) == H::Detained);
    CHECK(CustomsHoldOf(S::Declared, steps({{"inventory", 600}})) == H::Other); // a vendor's "挂起": unpublished, a hold
    // The latest to arrive decides: inspection over, concluded.
    CHECK(CustomsHoldOf(S::Declared, steps({{"inventory", 500}, {"inventory", 399}})) == H::None);
    // Released, rejected or otherwise over: no hold, whatever came before.
    CHECK(CustomsHoldOf(S::Released, steps({{"inventory", 500}})) == H::None);
    CHECK(CustomsHoldOf(S::Rejected, steps({{"inventory", 500}})) == H::None);
    CHECK(CustomsHoldOf(S::Paid, steps({{"inventory", 300}})) == H::None);
    CHECK(std::string(CustomsHoldCode(H::Inspection)) == "inspection");
    CHECK(std::string(CustomsHoldCode(H::None)).empty());
}

TEST_CASE("withdrawing a declared list: the shopper asks, customs decides; stock, quota and refund follow customs' acceptance")
{
    using S = OrderStatus;
    using E = OrderEvent;
    using Events = std::vector<OrderEvent>;
    CHECK(NextStatus(S::Declared, E::Withdraw) == S::Withdrawing);
    CHECK(!NextStatus(S::Released, E::Withdraw)); // released goods come back as a return, not a withdrawal
    CHECK(!NextStatus(S::Paid, E::Withdraw));     // not declared: a plain cancel
    CHECK(NextStatus(S::Withdrawing, E::Cancel) == S::Cancelled);
    CHECK(NextStatus(S::Withdrawing, E::WithdrawRefused) == S::Declared);
    CHECK(NextStatus(S::Withdrawing, E::Release) == S::Released); // customs released the list first
    // Asking gives nothing back; customs' acceptance gives everything back.
    OrderEffects asked = EffectsOf(S::Declared, E::Withdraw);
    CHECK((!asked.release_reservation && !asked.give_back_quota && !asked.refund));
    OrderEffects accepted = EffectsOf(S::Withdrawing, E::Cancel);
    CHECK((accepted.release_reservation && accepted.give_back_quota && accepted.refund));
    CHECK(CountsAsSale(S::Withdrawing));
    // CEB624: 399 or 800 approve, 100 or an error refuse; only a withdrawing order moves.
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "withdrawal", 2, false).empty());
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "withdrawal", 399, false) == Events{E::Cancel});
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "withdrawal", 800, false) == Events{E::Cancel});
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "withdrawal", -623005, false) == Events{E::WithdrawRefused});
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "withdrawal", 100, false) == Events{E::WithdrawRefused});
    CHECK(EventsForCustomsReceipt(S::Declared, "withdrawal", 399, false).empty());
    CHECK(EventsForCustomsReceipt(S::Cancelled, "withdrawal", 399, false).empty()); // a repeat
    // The list's own receipts still count while the withdrawal is pending.
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "inventory", 800, true) == Events{E::Release});
    CHECK(EventsForCustomsReceipt(S::Withdrawing, "inventory", 500, true).empty());
    CHECK(ParseStatus("withdrawing") == S::Withdrawing);
    CHECK(ParseEvent("withdraw_refused") == E::WithdrawRefused);
    CHECK(CustomsHoldOf(S::Withdrawing, {{"inventory", 500, 1}}) == CustomsHold::None);
    // The timeline's detail of a receipt's move, and back.
    CHECK(CustomsReceiptDetail("withdrawal", 399) == "CEB624 399");
    CHECK(CustomsReceiptDetail("inventory", -621018) == "CEB622 -621018");
    CHECK(CustomsReceiptCodeOf("CEB624 399", "withdrawal") == std::optional<int64_t>(399));
    CHECK(CustomsReceiptCodeOf("CEB622 -621018", "inventory") == std::optional<int64_t>(-621018));
    CHECK(!CustomsReceiptCodeOf("CEB622 800", "withdrawal"));
    CHECK(!CustomsReceiptCodeOf("shopper", "withdrawal"));
    CHECK(!CustomsReceiptCodeOf("CEB624 ", "withdrawal"));
}

TEST_CASE("a return declared to customs: asked within 30 days of release; the quota comes back on customs' acceptance, the refund with the goods")
{
    using S = OrderStatus;
    using E = OrderEvent;
    using Events = std::vector<OrderEvent>;
    CHECK(NextStatus(S::Delivered, E::RequestReturn) == S::Returning);
    CHECK(!NextStatus(S::Shipped, E::RequestReturn));  // on its way: returned once it has arrived
    CHECK(!NextStatus(S::Released, E::RequestReturn)); // still in the warehouse
    CHECK(!NextStatus(S::Returning, E::RequestReturn)); // once
    CHECK(NextStatus(S::Returning, E::Return) == S::Returned);
    CHECK(NextStatus(S::Returning, E::ReturnRefused) == S::Delivered);
    CHECK(!NextStatus(S::Returning, E::Cancel));
    // Asking gives nothing back; customs' acceptance gives the quota back (the tax is not levied);
    // stock and refund wait for the goods (recorded by the merchant).
    OrderEffects asked = EffectsOf(S::Delivered, E::RequestReturn);
    CHECK((!asked.restock && !asked.give_back_quota && !asked.refund));
    OrderEffects accepted = EffectsOf(S::Returning, E::Return);
    CHECK((accepted.give_back_quota && !accepted.restock && !accepted.refund && !accepted.release_reservation));
    CHECK(CountsAsSale(S::Returning));
    CHECK(!CountsAsSale(S::Returned));
    // CEB626: 399 or 800 accept, 100 or an error refuse; only a returning order moves.
    CHECK(EventsForCustomsReceipt(S::Returning, "return", 120, false).empty());
    CHECK(EventsForCustomsReceipt(S::Returning, "return", 399, false) == Events{E::Return});
    CHECK(EventsForCustomsReceipt(S::Returning, "return", 800, false) == Events{E::Return});
    CHECK(EventsForCustomsReceipt(S::Returning, "return", 100, false) == Events{E::ReturnRefused});
    CHECK(EventsForCustomsReceipt(S::Returning, "return", -625014, false) == Events{E::ReturnRefused});
    CHECK(EventsForCustomsReceipt(S::Delivered, "return", 399, false).empty());
    CHECK(EventsForCustomsReceipt(S::Returned, "return", 399, false).empty()); // a repeat
    CHECK(CustomsReceiptDetail("return", 399) == "CEB626 399");
    CHECK(CustomsReceiptCodeOf("CEB626 -625014", "return") == std::optional<int64_t>(-625014));
    CHECK(ParseStatus("returning") == S::Returning);
    CHECK(ParseEvent("request_return") == E::RequestReturn);
    // The windows: 30 days to ask, 45 days for the goods to be back (both from release).
    CHECK(WithinReturnWindow(1000, 1000 + kReturnWindowSeconds));
    CHECK(!WithinReturnWindow(1000, 1001 + kReturnWindowSeconds));
    CHECK(kGoodsBackWindowSeconds == 45 * 86400);
    // On the shopper's answer, and back.
    OrderReceipt r;
    r.order_no = "BS1";
    r.status = S::Returning;
    r.return_info = {1'780'000'000, 1'780'000'000 + kGoodsBackWindowSeconds, 0};
    OrderReceiptParse back = ParseOrderReceiptJson(OrderReceiptToJson(r));
    REQUIRE(back.ok());
    CHECK(back.receipt.return_info.requested_at == 1'780'000'000);
    CHECK(back.receipt.return_info.due_back_at == 1'780'000'000 + kGoodsBackWindowSeconds);
    CHECK(back.receipt.return_info.goods_back_at == 0);
    CHECK(OrderReceiptToJson(OrderReceipt{}).find("\"return\"") == std::string::npos);
}

TEST_CASE("the parcel's tracking: picked up ships a released order, delivered delivers it; nothing before release or backwards")
{
    using S = OrderStatus;
    using E = OrderEvent;
    using T = TrackingStage;
    using Events = std::vector<OrderEvent>;
    CHECK(EventsForTracking(S::Released, T::PickedUp) == Events{E::Ship});
    CHECK(EventsForTracking(S::Released, T::InTransit) == Events{E::Ship}); // the pick-up event lost or late
    CHECK(EventsForTracking(S::Released, T::Delivered) == Events{E::Ship, E::Deliver});
    CHECK(EventsForTracking(S::Shipped, T::Delivered) == Events{E::Deliver});
    CHECK(EventsForTracking(S::Shipped, T::OutForDelivery).empty());
    CHECK(EventsForTracking(S::Declared, T::PickedUp).empty()); // customs has not released the goods
    CHECK(EventsForTracking(S::Paid, T::Delivered).empty());
    CHECK(EventsForTracking(S::Delivered, T::PickedUp).empty());
    CHECK(EventsForTracking(S::Released, T::Exception).empty());
    CHECK(EventsForTracking(S::Returned, T::Delivered).empty());
    // Pushed and queried: the same event once, in time order.
    std::vector<TrackingEvent> merged = MergeTracking({{"b", T::Delivered, "80", 300, "", ""}, {"a", T::PickedUp, "50", 100, "", ""},
                                                       {"b", T::Delivered, "80", 300, "", ""}, {"", T::Other, "99", 200, "", ""}});
    REQUIRE(merged.size() == 3);
    CHECK(merged[0].id == "a");
    CHECK(merged[1].code == "99");
    CHECK(merged[2].id == "b");
    // Three events of one second (pushed back to back), arrived in any order: the parcel's order.
    std::vector<TrackingEvent> same_second = MergeTracking(
        {{"c", T::Delivered, "80", 500, "", ""}, {"b", T::InTransit, "31", 500, "", ""}, {"a", T::PickedUp, "50", 500, "", ""}});
    REQUIRE(same_second.size() == 3);
    CHECK(same_second[0].id == "a");
    CHECK(same_second[1].id == "b");
    CHECK(same_second[2].id == "c");
    for (T t : {T::PickedUp, T::InTransit, T::OutForDelivery, T::Delivered, T::Exception, T::Returned, T::Other})
        CHECK(ParseTrackingStage(TrackingStageCode(t)) == t);
    CHECK(!ParseTrackingStage("lost"));
    // On the shopper's answer, and back.
    OrderReceipt r;
    r.order_no = "BS1";
    r.shipment = {"sf", "SF1234567890123", {{"1", T::PickedUp, "50", 1'780'000'000, "重庆市", "顺丰速运 已收取快件"}}};
    std::string text = OrderReceiptToJson(r);
    OrderReceiptParse back = ParseOrderReceiptJson(text);
    REQUIRE(back.ok());
    CHECK(back.receipt.shipment.waybill_no == "SF1234567890123");
    REQUIRE(back.receipt.shipment.tracking.size() == 1);
    CHECK(back.receipt.shipment.tracking[0].stage == T::PickedUp);
    CHECK(back.receipt.shipment.tracking[0].place == "重庆市");
    CHECK(ParseOrderReceiptJson(OrderReceiptToJson(OrderReceipt{})).receipt.shipment.carrier.empty()); // no shipment: no field
    std::string bad = text;
    bad.replace(bad.find("picked_up"), 9, "teleported");
    CHECK(!ParseOrderReceiptJson(bad).ok());
}

TEST_CASE("returns: within 30 days of release; quota years are China's calendar years")
{
    int64_t released = 1'780'000'000;
    CHECK(WithinReturnWindow(released, released));
    CHECK(WithinReturnWindow(released, released + 30 * 86400));
    CHECK_FALSE(WithinReturnWindow(released, released + 30 * 86400 + 1));
    CHECK_FALSE(WithinReturnWindow(released, released - 1));
    // 2025-12-31 16:00 UTC is 2026-01-01 00:00 in China.
    CHECK(QuotaYear(1767196800 - 1) == 2025);
    CHECK(QuotaYear(1767196800) == 2026);
}

TEST_CASE("order requests, receipts and inventory survive JSON both ways")
{
    OrderRequest r = ValidRequest();
    OrderRequestParse back = ParseOrderRequestJson(OrderRequestToJson(r));
    REQUIRE(back.ok());
    CHECK(OrderRequestToJson(back.request) == OrderRequestToJson(r));
    CHECK(back.request.expected_total.fen == 12345);
    CHECK(back.request.consignee.district == "500112");

    CHECK_FALSE(ParseOrderRequestJson("{").ok());
    CHECK_FALSE(ParseOrderRequestJson("[]").ok());
    CHECK_FALSE(ParseOrderRequestJson(R"({"lines":[{"sku":"A","qty":"2"}]})").ok());
    CHECK_FALSE(ParseOrderRequestJson(R"({"lines":[{"sku":"A","qty":1.5}]})").ok());

    std::vector<SkuAvailability> inv = {{"A", 7, {{"CQ-01", 5}, {"CQ-02", 2}}}, {"B", 0, {}}};
    InventoryParse ip = ParseInventoryJson(InventoryToJson(inv));
    REQUIRE(ip.ok());
    REQUIRE(ip.items.size() == 2);
    CHECK(ip.items[0].available == 7);
    CHECK(ip.items[0].warehouses[1].first == "CQ-02");
    CHECK(InventoryToJson(ip.items) == InventoryToJson(inv));
    CHECK(std::string(AvailabilityLevel(6)) == "in_stock");
    CHECK(std::string(AvailabilityLevel(5)) == "low");
    CHECK(std::string(AvailabilityLevel(1)) == "low");
    CHECK(std::string(AvailabilityLevel(0)) == "out");

    OrderReceipt receipt;
    receipt.order_no = "BS2026112600001";
    receipt.status = OrderStatus::Paid;
    receipt.buyer_id_number = MaskResidentId("11010519491231002X");
    receipt.lines = {{"A", 2}};
    receipt.quote_json = R"({"regime":"cbec"})";
    receipt.amount_to_pay = Money{5000};
    receipt.timeline = {{OrderStatus::PendingPayment, 100, ""}, {OrderStatus::Paid, 200, ""}};
    receipt.customs = {{"order", 120, 300}, {"inventory", -621018, 400}};
    OrderReceiptParse rp = ParseOrderReceiptJson(OrderReceiptToJson(receipt));
    REQUIRE(rp.ok());
    CHECK(rp.receipt.status == OrderStatus::Paid);
    CHECK(rp.receipt.buyer_id_number == "110105********002X");
    CHECK(rp.receipt.timeline.size() == 2);
    REQUIRE(rp.receipt.customs.size() == 2);
    CHECK(rp.receipt.customs[1].code == -621018);
    CHECK(rp.receipt.customs[1].message == "inventory");
    CHECK(OrderReceiptToJson(rp.receipt) == OrderReceiptToJson(receipt));
}

TEST_CASE("customs' tax bill against the tax charged: exact to the fen, line by line; a void bill only for tax given back")
{
    ChargedTax charged;
    charged.tariff = Money{0};
    charged.vat = Money{2712};
    charged.consumption_tax = Money{0};
    charged.lines = {{Money{29800}, Money{0}, Money{2712}, Money{0}}};
    TaxBill bill;
    bill.tax_no = "T1";
    bill.invt_no = "80122026I100000001";
    bill.customs_tax = {0, 0};
    bill.vat = {2712000, 5}; // 27.12000: customs writes five decimals
    bill.consumption_tax = {0, 5};
    bill.lines = {{1, "1901101000", {29800000, 5}, {0, 5}, {2712000, 5}, {0, 5}}};
    TaxBillCheck ok = CheckTaxBill(charged, bill, false);
    CHECK(ok.agrees());
    CHECK(ok.charged.fen == 2712);
    CHECK(ok.billed == Decimal{2712, 2});
    // A fen more VAT, or a thousandth of a fen: a difference.
    TaxBill more = bill;
    more.vat = {2713, 2};
    CHECK(CheckTaxBill(charged, more, false).differences == std::vector<std::string>{"value_added_tax"});
    TaxBill sub_fen = bill;
    sub_fen.vat = {2712001, 5};
    CHECK(!CheckTaxBill(charged, sub_fen, false).agrees());
    // A line whose dutiable price differs (freight allocated otherwise), or a line too many.
    TaxBill priced = bill;
    priced.lines[0].tax_price = {30000, 2};
    CHECK(CheckTaxBill(charged, priced, false).differences == std::vector<std::string>{"line 1 tax_price"});
    TaxBill extra = bill;
    extra.lines.push_back(bill.lines[0]);
    CHECK(CheckTaxBill(charged, extra, false).differences == std::vector<std::string>{"lines"});
    // Void (after a return): right only when the store gave the tax back; live after that is not.
    TaxBill voided = bill;
    voided.status = 3;
    CHECK(CheckTaxBill(charged, voided, true).agrees());
    CHECK(CheckTaxBill(charged, voided, true).billed.is_zero());
    CHECK(CheckTaxBill(charged, voided, false).differences == std::vector<std::string>{"void"});
    CHECK(CheckTaxBill(charged, bill, true).differences == std::vector<std::string>{"given_back"});
    CHECK(TaxBillDifferenceLine("line 12 tax_price") == 12);
    CHECK(TaxBillDifferenceLine("value_added_tax") == 0);
    int64_t fen = 0;
    CHECK(ExactFen({2712000, 5}, &fen));
    CHECK(fen == 2712);
    CHECK(!ExactFen({2712001, 5}, &fen));
    CHECK(ExactFen({27, 0}, &fen));
    CHECK(fen == 2700);
    // What was charged, read back from the stored quote.
    TaxQuote q;
    q.vat = Money{2712};
    q.tax_total = Money{2712};
    LineTax l;
    l.dutiable = Money{29800};
    l.vat = Money{2712};
    q.lines.push_back(l);
    std::optional<ChargedTax> back = ParseChargedTaxJson(TaxQuoteToJson(q));
    REQUIRE(back);
    CHECK(back->vat.fen == 2712);
    REQUIRE(back->lines.size() == 1);
    CHECK(back->lines[0].dutiable.fen == 29800);
    CHECK(back->total().fen == 2712);
    CHECK(!ParseChargedTaxJson("{}"));
}
