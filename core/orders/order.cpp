#include "core/orders/order.h"

#include "core/base/localized_text.h"
#include "core/orders/resident_id.h"

#include <algorithm>
#include <set>

namespace bondstore {

namespace {

Problem OrderProblem(const char* code, std::string field, std::string value = {}, int64_t index = -1)
{
    Problem p;
    p.code = code;
    p.section = "order";
    p.field = std::move(field);
    p.value = ShortenForReport(value);
    p.index = index;
    return p;
}

std::string Trimmed(std::string_view s)
{
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

// A person's name as on an ID card: 1–30 characters, letters of any script, spaces and the
// middle dot of transcribed names ("阿依古丽·买买提"); no digits, no control characters.
bool ValidName(const std::string& name)
{
    if (name.empty() || !IsValidUtf8(name) || CountCodePoints(name) > 30) return false;
    for (unsigned char c : name)
        if (c < 0x20 || (c >= '0' && c <= '9') || c == '<' || c == '>' || c == '"' || c == '\\' || c == ';') return false;
    return true;
}

bool ValidRegionPrefix(std::string_view code)
{
    int province = (code[0] - '0') * 10 + (code[1] - '0');
    return province >= 11 && (province <= 65 || province == 71 || province == 81 || province == 82);
}

} // namespace

bool IsDistrictCode(std::string_view code)
{
    return code.size() == 6 && code.find_first_not_of("0123456789") == std::string_view::npos && ValidRegionPrefix(code) &&
           code.compare(4, 2, "00") != 0;
}

std::string NormalizeMobilePhone(std::string_view phone)
{
    std::string digits;
    for (size_t i = 0; i < phone.size(); i++) {
        char c = phone[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && digits.empty()) continue;
        else if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
        else return {};
    }
    if (digits.size() == 13 && digits.compare(0, 2, "86") == 0) digits.erase(0, 2);
    if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return {};
    return digits;
}

std::vector<Problem> ValidateOrderRequest(OrderRequest& r, CalendarDate today)
{
    std::vector<Problem> out;
    if (r.lines.empty()) out.push_back(OrderProblem("order.no_lines", "lines"));
    if (r.lines.size() > 99) out.push_back(OrderProblem("order.too_many_lines", "lines", std::to_string(r.lines.size())));
    std::set<std::string> seen;
    for (size_t i = 0; i < r.lines.size(); i++) {
        OrderLineRequest& l = r.lines[i];
        l.sku = Trimmed(l.sku);
        if (!seen.insert(l.sku).second) out.push_back(OrderProblem("order.duplicate_sku", "lines.sku", l.sku, int64_t(i)));
        if (l.qty < 1) out.push_back(OrderProblem("order.qty_not_positive", "lines.qty", std::to_string(l.qty), int64_t(i)));
        else if (l.qty > kMaxOrderLineQty) out.push_back(OrderProblem("order.qty_too_large", "lines.qty", std::to_string(l.qty), int64_t(i)));
    }

    Buyer& b = r.buyer;
    b.name = Trimmed(b.name);
    // Names are personal data: a report shows them masked, like every other answer.
    if (!ValidName(b.name)) out.push_back(OrderProblem("order.name_invalid", "buyer.name", IsValidUtf8(b.name) ? MaskName(b.name) : std::string()));
    ResidentIdCheck id = CheckResidentId(b.id_number, today);
    // The number itself never goes into a report, even a wrong one: only its masked form.
    if (!id.ok()) out.push_back(OrderProblem(id.error.c_str(), "buyer.id_number", MaskResidentId(Trimmed(b.id_number))));
    else b.id_number = id.normalized;
    std::string phone = NormalizeMobilePhone(b.phone);
    if (phone.empty()) out.push_back(OrderProblem("order.phone_invalid", "buyer.phone"));
    else b.phone = phone;

    Consignee& c = r.consignee;
    c.name = Trimmed(c.name);
    if (!ValidName(c.name)) out.push_back(OrderProblem("order.name_invalid", "consignee.name", IsValidUtf8(c.name) ? MaskName(c.name) : std::string()));
    std::string consignee_phone = NormalizeMobilePhone(c.phone);
    if (consignee_phone.empty()) out.push_back(OrderProblem("order.phone_invalid", "consignee.phone"));
    else c.phone = consignee_phone;
    c.address = Trimmed(c.address);
    // Customs' messages are XML: no control characters (and U+FFFE/U+FFFF are not characters).
    auto xml_safe = [](const std::string& s) {
        for (size_t i = 0; i < s.size(); i++) {
            unsigned char byte = static_cast<unsigned char>(s[i]);
            if (byte < 0x20) return false;
            if (byte == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE)
                return false;
        }
        return true;
    };
    if (c.address.empty() || !IsValidUtf8(c.address)) out.push_back(OrderProblem("order.address_missing", "consignee.address"));
    else if (!xml_safe(c.address)) out.push_back(OrderProblem("order.address_invalid", "consignee.address"));
    else if (CountCodePoints(c.address) > 200) out.push_back(OrderProblem("order.address_too_long", "consignee.address", "", -1));
    c.district = Trimmed(c.district);
    if (!IsDistrictCode(c.district)) out.push_back(OrderProblem("order.district_invalid", "consignee.district", c.district));

    if (r.freight.fen < 0) out.push_back(OrderProblem("order.freight_negative", "freight_fen", std::to_string(r.freight.fen)));
    if (r.expected_total.fen <= 0) out.push_back(OrderProblem("order.expected_total_missing", "expected_total_fen"));
    return out;
}

std::string MaskName(std::string_view name)
{
    // First character kept (a surname in Chinese order, an initial otherwise), the rest starred.
    if (name.empty()) return {};
    size_t first = 1;
    while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) first++;
    size_t rest = CountCodePoints(name.substr(first));
    std::string out(name.substr(0, first));
    out.append(rest > 0 ? rest : 1, '*');
    return out;
}

std::string MaskPhone(std::string_view phone)
{
    if (phone.size() < 7) return std::string(phone.size(), '*');
    return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

std::string MaskAddress(std::string_view address)
{
    // The first six characters (the district and street as people write them), the rest starred.
    size_t keep = 0, chars = 0;
    while (keep < address.size() && chars < 6) {
        keep++;
        while (keep < address.size() && (static_cast<unsigned char>(address[keep]) & 0xC0) == 0x80) keep++;
        chars++;
    }
    return std::string(address.substr(0, keep)) + (keep < address.size() ? "****" : "");
}

// --- the life of an order ---------------------------------------------------------------------

namespace {
const char* const kStatusCodes[] = {"pending_payment", "paid", "declared", "released", "rejected",
                                    "shipped", "delivered", "cancelled", "expired", "returned", "withdrawing", "returning"};
const char* const kEventCodes[] = {"pay",    "declare",  "release",          "reject",         "ship",          "deliver", "cancel",
                                   "expire", "return",   "withdraw",         "withdraw_refused", "request_return", "return_refused"};
} // namespace

const char* StatusCode(OrderStatus s) { return kStatusCodes[int(s)]; }
const char* EventCode(OrderEvent e) { return kEventCodes[int(e)]; }

std::optional<OrderStatus> ParseStatus(std::string_view code)
{
    for (int i = 0; i < int(std::size(kStatusCodes)); i++)
        if (code == kStatusCodes[i]) return OrderStatus(i);
    return std::nullopt;
}

std::optional<OrderEvent> ParseEvent(std::string_view code)
{
    for (int i = 0; i < int(std::size(kEventCodes)); i++)
        if (code == kEventCodes[i]) return OrderEvent(i);
    return std::nullopt;
}

std::optional<OrderStatus> NextStatus(OrderStatus from, OrderEvent e)
{
    using S = OrderStatus;
    using E = OrderEvent;
    switch (from) {
    case S::PendingPayment:
        if (e == E::Pay) return S::Paid;
        if (e == E::Cancel) return S::Cancelled;
        if (e == E::Expire) return S::Expired;
        break;
    case S::Paid:
        if (e == E::Declare) return S::Declared;
        if (e == E::Cancel) return S::Cancelled; // before declaration only
        break;
    case S::Declared:
        if (e == E::Release) return S::Released;
        if (e == E::Reject) return S::Rejected;
        if (e == E::Withdraw) return S::Withdrawing;
        break;
    case S::Withdrawing:
        if (e == E::Cancel) return S::Cancelled; // customs accepted the withdrawal
        if (e == E::WithdrawRefused) return S::Declared;
        if (e == E::Release) return S::Released; // customs released the list first
        if (e == E::Reject) return S::Rejected;
        break;
    case S::Released:
        if (e == E::Ship) return S::Shipped;
        if (e == E::Return) return S::Returned;
        break;
    case S::Shipped:
        if (e == E::Deliver) return S::Delivered;
        if (e == E::Return) return S::Returned;
        break;
    case S::Delivered:
        if (e == E::Return) return S::Returned;
        if (e == E::RequestReturn) return S::Returning;
        break;
    case S::Returning:
        if (e == E::Return) return S::Returned;        // customs accepted the return
        if (e == E::ReturnRefused) return S::Delivered; // the goods stay the buyer's
        break;
    default: break; // rejected, cancelled, expired, returned: final
    }
    return std::nullopt;
}

bool CountsAsSale(OrderStatus s)
{
    switch (s) {
    case OrderStatus::Paid:
    case OrderStatus::Declared:
    case OrderStatus::Released:
    case OrderStatus::Rejected:
    case OrderStatus::Shipped:
    case OrderStatus::Delivered:
    case OrderStatus::Withdrawing:              // until customs accepts the withdrawal
    case OrderStatus::Returning: return true;   // until customs accepts the return
    case OrderStatus::PendingPayment:
    case OrderStatus::Cancelled:
    case OrderStatus::Expired:
    case OrderStatus::Returned: return false;
    }
    return false;
}

const std::vector<OrderStatus>& AllStatuses()
{
    static const std::vector<OrderStatus> all = {OrderStatus::PendingPayment, OrderStatus::Paid,     OrderStatus::Declared,
                                                 OrderStatus::Released,       OrderStatus::Rejected, OrderStatus::Shipped,
                                                 OrderStatus::Delivered,      OrderStatus::Cancelled, OrderStatus::Expired,
                                                 OrderStatus::Returned,       OrderStatus::Withdrawing, OrderStatus::Returning};
    return all;
}

OrderEffects EffectsOf(OrderStatus from, OrderEvent e)
{
    OrderEffects x;
    if (!NextStatus(from, e)) return x;
    switch (e) {
    case OrderEvent::Cancel:
    case OrderEvent::Expire:
    case OrderEvent::Reject:
        x.release_reservation = true;
        x.give_back_quota = true;
        x.refund = from != OrderStatus::PendingPayment;
        break;
    case OrderEvent::Ship:
        x.consume_stock = true;
        break;
    case OrderEvent::Return:
        x.give_back_quota = true;
        // Declared to customs (from returning): the goods are still on their way back; the
        // merchant records them back in the bonded warehouse (restocked, refunded) then.
        if (from == OrderStatus::Returning) break;
        // Recorded by a merchant: goods that never left the warehouse are simply no longer
        // reserved; goods that did are back on hand.
        if (from == OrderStatus::Released) x.release_reservation = true;
        else x.restock = true;
        x.refund = true;
        break;
    default: break;
    }
    return x;
}

std::vector<OrderEvent> EventsForCustomsReceipt(OrderStatus current, std::string_view message, int64_t code, bool accepted)
{
    if (message == "return") {
        if (current != OrderStatus::Returning) return {};
        if (code == 399 || code == 800) return {OrderEvent::Return};
        if (code == 100 || code < 0) return {OrderEvent::ReturnRefused};
        return {};
    }
    if (message == "withdrawal") {
        if (current != OrderStatus::Withdrawing) return {};
        if (code == 399 || code == 800) return {OrderEvent::Cancel};
        if (code == 100 || code < 0) return {OrderEvent::WithdrawRefused};
        return {};
    }
    if (code < 0 && (accepted || code == -301010 || code == -621041)) return {};
    std::optional<OrderEvent> target;
    if (code < 0 || code == 100) target = OrderEvent::Reject;
    else if (message == "inventory" && code == 800) target = OrderEvent::Release;
    else if (code == 4 || code == 700) return {}; // "sending failed" (the e-port retries), "returned abroad"
    else target = OrderEvent::Declare;
    std::vector<OrderEvent> out;
    OrderStatus at = current;
    // A receipt about an order customs has: it is declared, whatever the relay has recorded yet.
    if (at == OrderStatus::Paid && *target != OrderEvent::Declare) {
        out.push_back(OrderEvent::Declare);
        at = OrderStatus::Declared;
    }
    if (NextStatus(at, *target)) out.push_back(*target);
    return out;
}

namespace {
const char* ReceiptMessageType(std::string_view message)
{
    return message == "order" ? "CEB312" : message == "inventory" ? "CEB622" : message == "withdrawal" ? "CEB624" : message == "return" ? "CEB626" : "";
}
} // namespace

std::string CustomsReceiptDetail(std::string_view message, int64_t code)
{
    return std::string(ReceiptMessageType(message)) + " " + std::to_string(code);
}

std::optional<int64_t> CustomsReceiptCodeOf(std::string_view detail, std::string_view message)
{
    std::string prefix = std::string(ReceiptMessageType(message)) + " ";
    if (prefix.size() < 2 || detail.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::string_view digits = detail.substr(prefix.size());
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    int64_t code = 0;
    for (char c : digits) code = code * 10 + (c - '0');
    return negative ? -code : code;
}

CustomsHold CustomsHoldOf(OrderStatus status, const std::vector<CustomsStep>& customs)
{
    if (status != OrderStatus::Declared) return CustomsHold::None;
    const CustomsStep* last = nullptr;
    for (const CustomsStep& c : customs)
        if (c.message == "inventory") last = &c;
    if (!last || last->code < 0) return CustomsHold::None;
    switch (last->code) {
    case 1: case 2: case 3: case 4: case 100: case 120: case 399: case 700: case 800: case 899: return CustomsHold::None;
    case 300: return CustomsHold::Review;
    case 500: return CustomsHold::Inspection;
    default: return last->code >= 501 && last->code <= 599 ? CustomsHold::Detained : CustomsHold::Other;
    }
}

const char* CustomsHoldCode(CustomsHold h)
{
    switch (h) {
    case CustomsHold::None: return "";
    case CustomsHold::Review: return "review";
    case CustomsHold::Inspection: return "inspection";
    case CustomsHold::Detained: return "detained";
    case CustomsHold::Other: return "other";
    }
    return "";
}

bool WithinReturnWindow(int64_t released_at, int64_t now) { return now >= released_at && now - released_at <= kReturnWindowSeconds; }

int QuotaYear(int64_t placed_at_unix) { return ChinaDateAt(placed_at_unix).year; }

int64_t PaymentDeadline(int64_t now, int64_t timeout, CalendarDate next_tax_change)
{
    int64_t change = int64_t(DaysSinceEpoch(next_tax_change)) * 86400 - 8 * 3600; // 00:00 in China (UTC+8)
    return std::min(now + timeout, change);
}

} // namespace bondstore
