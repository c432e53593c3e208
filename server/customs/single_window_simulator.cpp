#include "server/customs/single_window_simulator.h"

#include "server/base/china_time.h"
#include "server/customs/ceb_message.h"
#include "server/customs/dxp_envelope.h"

#include "core/base/decimal.h"
#include "core/base/money.h"
#include "core/customs/customs_codes.h"
#include "core/tax/tax.h"
#include "core/wire/service_json.h"

#include <httplib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace bondstore {

namespace {
std::string TextOf(xmlNode* n)
{
    xmlChar* t = xmlNodeGetContent(n);
    std::string text = t ? reinterpret_cast<const char*>(t) : "";
    xmlFree(t);
    return text;
}
bool HasElementChildren(xmlNode* n)
{
    for (xmlNode* c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) return true;
    return false;
}
// Every leaf field below `n` in document order: into `line` inside an OrderList/InventoryList,
// else into the head (the first of each name). The signature is not the message's data.
void Collect(xmlNode* n, MessageFacts& f, std::map<std::string, std::string>* line)
{
    for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string name = reinterpret_cast<const char*>(c->name);
        if (name == "Signature") continue;
        if (name == "OrderList" || name == "InventoryList" || name == "InvtRefundList") {
            f.lines.emplace_back();
            Collect(c, f, &f.lines.back());
        } else if (HasElementChildren(c)) {
            Collect(c, f, line);
        } else if (line) {
            line->emplace(name, TextOf(c));
        } else {
            f.head.emplace(name, TextOf(c));
        }
    }
}
} // namespace

MessageFacts Facts(const std::string& xml)
{
    MessageFacts f;
    xmlDoc* doc = xmlReadMemory(xml.data(), int(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return f;
    xmlNode* root = xmlDocGetRootElement(doc);
    f.root = reinterpret_cast<const char*>(root->name);
    Collect(root, f, nullptr);
    xmlFreeDoc(doc);
    f.guid = f.Head("guid");
    f.order_no = f.Head("orderNo");
    f.buyer_id = f.Head("buyerIdNumber");
    f.year = f.Head("appTime").substr(0, 4);
    for (const auto& line : f.lines)
        if (auto it = line.find("totalPrice"); it != line.end()) f.total_fen += ParseYuan(it->second).value.fen;
    f.pay_code = f.Head("payCode");
    f.pay_transaction_id = f.Head("payTransactionId");
    f.amount_paid_fen = ParseYuan(f.Head("amountPaid")).value.fen;
    return f;
}

namespace {

// The gateway's acknowledgement (DxpRep, ResponseCode 0: taken).
const char kAccepted[] = "<DxpRep ver=\"1.0\"><ResponseCode>0</ResponseCode></DxpRep>";

std::string ReturnTime(int64_t ms)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03d", int(ms % 1000));
    return CebTime(ms / 1000) + buf;
}

} // namespace


bool SingleWindowSimulator::Down()
{
    if (forced_down) return true;
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (auto [from, to] : o.down)
        if (t >= from && t < to) return true;
    return false;
}

double SingleWindowSimulator::Chance()
{
    std::lock_guard lock(mutex);
    return std::uniform_real_distribution<double>(0, 1)(rng);
}

int64_t SingleWindowSimulator::NowMs()
{
    return int64_t(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

void SingleWindowSimulator::Schedule(const std::string& message, const MessageFacts& f,
                                     const std::vector<std::pair<int64_t, std::string>>& steps)
{
    int64_t now = NowMs();
    for (size_t i = 0; i < steps.size(); i++) {
        int64_t due = now + int64_t(i + 1) * o.receipt_delay_ms;
        if (o.shuffle_receipts) due = now + std::uniform_int_distribution<int64_t>(1, int64_t(steps.size()) * o.receipt_delay_ms)(rng);
        CebReceipt r{message, f.guid, f.order_no, steps[i].first, ReturnTime(now + int64_t(i)), steps[i].second, "", ""};
        // Customs numbers a list it has taken in (120 on): its receipts and withdrawal name it.
        if (message != "order" && (steps[i].first >= 120 || message == "withdrawal" || message == "return"))
            r.invt_no = invt_numbers[f.order_no];
        if (message == "return") r.pre_no = ("T" + f.order_no + "00000000000000000").substr(0, 18); // a return's preNo starts with T
        pending.push_back({due, r, {}});
        if (std::uniform_real_distribution<double>(0, 1)(rng) < o.duplicate_receipts) pending.push_back({due + o.receipt_delay_ms, r, {}});
    }
    wake.notify_all();
}

// Customs' answers to a new message, scheduled (caller holds the mutex).
void SingleWindowSimulator::Answer(const MessageFacts& f)
{
    if (f.root == "CEB623Message") {
        Withdraw(f);
        return;
    }
    if (f.root == "CEB625Message") {
        Return(f);
        return;
    }
    if (f.root != "CEB621Message") {
        Schedule("order", f, {{2, "新增申报成功"}, {120, "入库成功"}, {399, "审结"}});
        return;
    }
    Clear(f, true);
}

std::string SingleWindowSimulator::Mismatch(const MessageFacts& list, bool* missing)
{
    *missing = false;
    auto order = orders.find(list.order_no);
    if (order == orders.end()) {
        *missing = true;
        return "电子订单不存在";
    }
    const MessageFacts& o311 = order->second;
    // The list repeats the order's parties and buyer.
    for (const char* field : {"ebpCode", "ebcCode", "buyerIdNumber", "buyerName"})
        if (o311.Head(field) != list.Head(field)) return std::string("清单与订单不一致：") + field;
    // The order's own arithmetic: acturalPaid = goodsValue + freight + taxTotal − discount.
    int64_t paid = ParseYuan(o311.Head("acturalPaid")).value.fen;
    if (paid != ParseYuan(o311.Head("goodsValue")).value.fen + ParseYuan(o311.Head("freight")).value.fen +
                    ParseYuan(o311.Head("taxTotal")).value.fen - ParseYuan(o311.Head("discount")).value.fen)
        return "订单实付金额与货款、运费、税款不符";
    if (ParseYuan(o311.Head("goodsValue")).value.fen != list.total_fen) return "清单货值与订单商品金额不一致";
    // Line by line: each list line names its order line by gnum, and declares the goods by the
    // order's name; a bonded (1210) list names each item's account-book number.
    if (list.lines.size() != o311.lines.size()) return "清单表体与订单表体不一致";
    for (const auto& line : list.lines) {
        const std::map<std::string, std::string>* ordered = nullptr;
        for (const auto& l : o311.lines)
            if (MessageFacts::Field(l, "gnum") == MessageFacts::Field(line, "gnum")) ordered = &l;
        if (!ordered) return "清单表体与订单表体不一致：gnum";
        if (MessageFacts::Field(*ordered, "itemName") != MessageFacts::Field(line, "gname")) return "清单商品名称与订单不一致";
        if (list.Head("tradeMode") == "1210" && MessageFacts::Field(line, "itemRecordNo").empty())
            return "保税进口清单账册备案料号不能为空";
    }
    if (CompareDecimal(ParseDecimal(list.Head("netWeight")).value, ParseDecimal(list.Head("grossWeight")).value) > 0)
        return "净重不能大于毛重";
    if (o.require_payment) {
        auto pay = payments.find(list.order_no);
        if (pay == payments.end()) {
            *missing = true;
            return "支付信息不存在";
        }
        const MessageFacts& p = pay->second;
        if (p.Head("ebpCode") != o311.Head("ebpCode")) return "支付单电商平台与订单不一致";
        // payCode and payTransactionId: equal when the order names them.
        if (!o311.Head("payCode").empty() && p.pay_code != o311.Head("payCode")) return "支付企业与订单不一致";
        if (!o311.Head("payTransactionId").empty() && p.pay_transaction_id != o311.Head("payTransactionId")) return "支付交易编号与订单不一致";
        if (p.amount_paid_fen != paid) return "支付金额与订单实付金额不一致";
        if (p.Head("payerIdNumber") != o311.Head("buyerIdNumber") || p.Head("payerName") != o311.Head("buyerName"))
            return "订购人与支付人不匹配";
    }
    if (o.require_waybill) {
        auto way = waybills.find(list.order_no);
        if (way == waybills.end()) {
            *missing = true;
            return "运单信息不存在";
        }
        const MessageFacts& w = way->second;
        if (w.Head("logisticsCode") != list.Head("logisticsCode") || w.Head("logisticsNo") != list.Head("logisticsNo"))
            return "运单号与清单不一致";
        for (const char* field : {"consignee", "consigneeTelephone", "consigneeAddress"})
            if (w.Head(field) != o311.Head(field)) return std::string("收货人信息与运单不一致：") + field;
    }
    return {};
}

void SingleWindowSimulator::Clear(const MessageFacts& f, bool first)
{
    std::vector<std::pair<int64_t, std::string>> steps;
    if (first) steps.push_back({2, "新增申报成功"});
    bool missing = false;
    std::string why = Mismatch(f, &missing);
    if (missing) {
        held[f.order_no] = f; // answered when the missing document comes
        Schedule("inventory", f, steps);
        return;
    }
    held.erase(f.order_no);
    if (!why.empty()) {
        rejected_mismatch++;
        steps.push_back({100, "[Code:1301;Desc:" + why + "]"});
        Schedule("inventory", f, steps);
        return;
    }
    // The limits, by core's rules (the same Quote the store charged by), against customs' ledger.
    std::string key = f.buyer_id + "/" + f.year;
    QuoteRequest q;
    ParseCompactDate(f.Head("appTime").substr(0, 8), &q.date);
    q.annual_used = Money{ledger[key]};
    q.freight = ParseYuan(f.Head("freight")).value;
    q.insurance = ParseYuan(f.Head("insuredFee")).value;
    for (const auto& line : f.lines) {
        auto at = [&line](const char* name) {
            auto it = line.find(name);
            return it == line.end() ? std::string() : it->second;
        };
        QuoteLine l;
        l.sku = at("itemNo");
        l.price = ParseYuan(at("price")).value;
        l.qty = std::atoll(at("qty").c_str());
        l.hs_code = at("gcode");
        // qty1/qty2 are the line's totals; the rules take them per item.
        auto per_item = [&l](const std::string& total) {
            Decimal d = ParseDecimal(total).value;
            for (int i = 0; i < 6 && l.qty > 0 && d.units % l.qty != 0; i++) d = Decimal{d.units * 10, d.scale + 1};
            return l.qty > 0 ? Decimal{d.units / l.qty, d.scale} : d;
        };
        l.legal_qty = per_item(at("qty1"));
        const CustomsUnit* unit1 = FindUnitByCode(at("unit1"));
        l.legal_unit = unit1 ? std::string(unit1->symbol) : at("unit1");
        if (!at("qty2").empty()) {
            l.second_qty = per_item(at("qty2"));
            const CustomsUnit* unit2 = FindUnitByCode(at("unit2"));
            l.second_unit = unit2 ? std::string(unit2->symbol) : at("unit2");
        }
        q.lines.push_back(l);
    }
    TaxQuote quote = Quote(q, tax_table);
    int64_t counts = quote.counts_towards_annual.fen;
    if (!quote.accepted()) {
        rejected_quota++;
        if (quote.reason == "single_limit_exceeded") steps.push_back({-621005, "订购金额超过单次交易限值"});
        else if (quote.reason == "annual_limit_exceeded") steps.push_back({-621018, "订购人年度已购买额度加本次超过年度交易限值"});
        else steps.push_back({100, "[Code:1302;Desc:" + quote.reason + "]"});
    } else if (o.annual_limit_fen > 0 && ledger[key] + counts > o.annual_limit_fen) {
        rejected_quota++;
        steps.push_back({-621018, "订购人年度已购买额度加本次超过年度交易限值"});
    } else {
        ledger[key] += counts;
        counted[f.order_no] = {key, counts};
        lists[f.order_no] = f;
        // Customs' tax bill of the list, by the same rules: the three taxes, and each line's
        // dutiable price and taxes (sent once the list is released).
        TaxBill& bill = bills[f.order_no];
        bill.order_no = f.order_no;
        bill.customs_tax = Decimal{quote.tariff.fen, 2};
        bill.vat = Decimal{quote.vat.fen + tax_bill_offset_fen, 2};
        bill.consumption_tax = Decimal{quote.consumption_tax.fen, 2};
        tax_bill_offset_fen = 0;
        bill.lines.clear();
        for (size_t i = 0; i < quote.lines.size(); i++) {
            const LineTax& l = quote.lines[i];
            std::string gcode = i < f.lines.size() && f.lines[i].count("gcode") ? f.lines[i].at("gcode") : std::string();
            bill.lines.push_back({int64_t(i + 1), gcode, Decimal{l.dutiable.fen, 2}, Decimal{l.tariff.fen, 2}, Decimal{l.vat.fen, 2},
                                  Decimal{l.consumption_tax.fen, 2}});
        }
        if (invt_numbers[f.order_no].empty()) invt_numbers[f.order_no] = "8012" + f.year + "I" + std::to_string(100000000 + invt_numbers.size());
        auto inspect = to_inspect.find(f.order_no);
        if (inspect != to_inspect.end()) {
            inspect->second = f.guid; // held at 500 until POST /control/release
            steps.insert(steps.end(), {{120, "[Code:1800;Desc:逻辑校验通过]"}, {500, "查验"}});
        } else {
            steps.insert(steps.end(), {{120, "[Code:1800;Desc:逻辑校验通过]"}, {399, "审结"}, {800, "[Code:2600;Desc:放行]"}});
            released.insert(f.order_no);
            ScheduleTaxBill(f.order_no, 1, int64_t(steps.size() + 1) * o.receipt_delay_ms);
        }
    }
    Schedule("inventory", f, steps);
}

void SingleWindowSimulator::Withdraw(const MessageFacts& f)
{
    auto number = invt_numbers.find(f.order_no);
    if (number == invt_numbers.end() || number->second.empty() || number->second != f.Head("invtNo")) {
        Schedule("withdrawal", f, {{2, "新增申报成功"}, {-623003, "撤销申请单对应的清单不存在"}});
    } else if (released.count(f.order_no) || withdrawn.count(f.order_no)) {
        Schedule("withdrawal", f, {{2, "新增申报成功"}, {-623005, "清单状态不允许撤销"}});
    } else {
        // Withdrawn: never released, and the buyer's year no longer counts it.
        to_inspect.erase(f.order_no);
        held.erase(f.order_no);
        withdrawn.insert(f.order_no);
        if (auto c = counted.find(f.order_no); c != counted.end()) ledger[c->second.first] -= c->second.second;
        Schedule("withdrawal", f, {{2, "新增申报成功"}, {399, "[Code:2300;Desc:审核通过],撤单申请审核通过,清单已成功撤单"}});
    }
}

void SingleWindowSimulator::Return(const MessageFacts& f)
{
    auto number = invt_numbers.find(f.order_no);
    auto list = lists.find(f.order_no);
    if (number == invt_numbers.end() || number->second.empty() || number->second != f.Head("invtNo") || list == lists.end())
        return Schedule("return", f, {{2, "新增申报成功"}, {100, "退货申请单对应的清单不存在"}});
    if (!released.count(f.order_no)) return Schedule("return", f, {{2, "新增申报成功"}, {100, "清单未放行，不能退货"}});
    if (returned.count(f.order_no)) return Schedule("return", f, {{2, "新增申报成功"}, {-625022, "退货申请单重复申报"}});
    if (f.lines.empty()) return Schedule("return", f, {{2, "新增申报成功"}, {-625006, "退货申请单表体不能为空"}});
    // What returns, in fen of the list's prices: the part of the buyer's year given back.
    int64_t back_fen = 0;
    for (const auto& line : f.lines) {
        auto field = MessageFacts::Field;
        const std::map<std::string, std::string>* original = nullptr;
        for (const auto& l : list->second.lines)
            if (field(l, "gnum") == field(line, "gnum")) original = &l;
        int64_t qty = std::atoll(field(line, "qty").c_str()), listed = original ? std::atoll(field(*original, "qty").c_str()) : 0;
        if (!original || field(*original, "gcode") != field(line, "gcode") || qty <= 0 || qty > listed)
            return Schedule("return", f, {{2, "新增申报成功"}, {-625209, "退货商品序号或编码与原清单不一致"}});
        back_fen += ParseYuan(field(*original, "totalPrice")).value.fen * qty / listed;
    }
    returned.insert(f.order_no);
    if (auto c = counted.find(f.order_no); c != counted.end()) {
        int64_t give = std::min(back_fen, c->second.second);
        ledger[c->second.first] -= give;
        c->second.second -= give;
    }
    Schedule("return", f, {{2, "新增申报成功"}, {120, "[Code:1800;Desc:逻辑校验通过]"}, {399, "[Code:2300;Desc:审核通过]"}});
    ScheduleTaxBill(f.order_no, 3, 4 * o.receipt_delay_ms); // not levied: the bill is voided
}

void SingleWindowSimulator::ScheduleTaxBill(const std::string& order_no, int status, int64_t after_ms)
{
    auto it = bills.find(order_no);
    if (it == bills.end()) return;
    int64_t now = NowMs();
    TaxBill& b = it->second;
    b.invt_no = invt_numbers[order_no];
    b.tax_no = "5000" + b.invt_no.substr(b.invt_no.size() > 9 ? b.invt_no.size() - 9 : 0) + "T";
    b.status = status;
    b.return_time = ReturnTime(now + after_ms);
    CebReceipt r{"tax_bill", NewMessageGuid(), order_no, status, b.return_time, "", "", b.invt_no};
    pending.push_back({now + after_ms, r, b});
    wake.notify_all();
}

void SingleWindowSimulator::OffsetNextTaxBill(int64_t fen)
{
    std::lock_guard lock(mutex);
    tax_bill_offset_fen = fen;
}

void SingleWindowSimulator::Inspect(const std::string& order_no)
{
    std::lock_guard lock(mutex);
    to_inspect.emplace(order_no, "");
}

bool SingleWindowSimulator::Release(const std::string& order_no)
{
    std::lock_guard lock(mutex);
    auto it = to_inspect.find(order_no);
    if (it == to_inspect.end() || it->second.empty()) return false;
    int64_t now = NowMs();
    const std::string& invt = invt_numbers[order_no];
    pending.push_back({now + o.receipt_delay_ms, CebReceipt{"inventory", it->second, order_no, 399, ReturnTime(now), "审结", "", invt}, {}});
    pending.push_back(
        {now + 2 * o.receipt_delay_ms, CebReceipt{"inventory", it->second, order_no, 800, ReturnTime(now + 1), "放行", "", invt}, {}});
    released.insert(order_no);
    ScheduleTaxBill(order_no, 1, 3 * o.receipt_delay_ms);
    to_inspect.erase(it);
    wake.notify_all();
    return true;
}

// The gateway: one DxpMsg.
void SingleWindowSimulator::Receive(const httplib::Request& req, httplib::Response& res)
{
    if (o.latency_ms) std::this_thread::sleep_for(std::chrono::milliseconds(o.latency_ms));
    if (Down()) {
        std::lock_guard lock(mutex);
        refused_by_fault++;
        res.status = 503;
        return;
    }
    // A failure before anything happened, or one after (the message was taken, the answer
    // lost): the sender must try again either way, and the second kind makes a duplicate.
    bool fail = Chance() < o.fail_rate, fail_after = fail && Chance() < 0.5;
    if (fail && !fail_after) {
        std::lock_guard lock(mutex);
        refused_by_fault++;
        res.status = 503;
        return;
    }
    std::string why;
    std::optional<DxpEnvelope> envelope = ParseDxpMsg(req.body, &why);
    std::vector<std::string> problems;
    if (envelope) {
        problems = terminal->Validate(req.body);
        if (problems.empty()) problems = ceb->Validate(envelope->data);
        // Routed by its receiver: customs' import exchange id (export has its own).
        if (problems.empty() && std::find(envelope->receiver_ids.begin(), envelope->receiver_ids.end(), "DXPEDCCEB0000002") ==
                                    envelope->receiver_ids.end())
            problems.push_back("ReceiverId is not DXPEDCCEB0000002, customs' import exchange (0002)");
        // The platform signs its orders and lists; a payment company its vouchers.
        SignatureCheck& signer =
            envelope->msg_type == "CEB411Message" || envelope->msg_type == "CEB511Message" ? payment_signatures : signatures;
        if (problems.empty() && !signer.Verify(envelope->data)) problems.push_back("signature verification failed (1001)");
    } else {
        problems.push_back(why);
    }
    std::lock_guard lock(mutex);
    received++;
    if (!problems.empty()) {
        invalid++;
        res.status = 400;
        res.set_content(problems.front(), "text/plain; charset=utf-8");
        return;
    }
    MessageFacts f = Facts(envelope->data);
    if (f.root == "CEB411Message" || f.root == "CEB511Message") {
        // Kept for matching with the platform's order and list (the first of an order stays).
        (f.root == "CEB411Message" ? payments : waybills).emplace(f.order_no, f);
    } else if (deliveries[f.guid]++ == 0) {
        if (f.root == "CEB311Message") orders.emplace(f.order_no, f);
        Answer(f); // a guid seen before: acknowledged, not processed again
    }
    // A list held for this order's documents: matched again now.
    if (auto list = held.find(f.order_no); list != held.end() && f.root != "CEB621Message") {
        MessageFacts waiting = list->second;
        Clear(waiting, false);
    }
    if (f.root == "CEB411Message" || f.root == "CEB511Message") {
        res.set_content(kAccepted, "application/xml");
        return;
    }
    if (fail_after) {
        refused_by_fault++;
        res.status = 503;
        return;
    }
    res.set_content(kAccepted, "application/xml");
}

// Posts due receipts to the store, each in its own DxpMsg; keeps those that fail for later.
void SingleWindowSimulator::SendReceipts()
{
    std::unique_lock lock(mutex);
    while (!stopping) {
        int64_t now = NowMs();
        std::vector<Pending> due;
        for (size_t i = 0; i < pending.size();)
            if (pending[i].due_ms <= now) {
                due.push_back(pending[i]);
                pending.erase(pending.begin() + long(i));
            } else {
                i++;
            }
        if (due.empty()) {
            wake.wait_for(lock, std::chrono::milliseconds(20));
            continue;
        }
        lock.unlock();
        // As customs does: several receipts of one kind in one message (at most 100).
        std::vector<std::vector<Pending>> batches;
        for (const char* kind : {"order", "inventory", "withdrawal", "return", "tax_bill"}) {
            std::vector<Pending> batch;
            for (const Pending& p : due)
                if (p.receipt.message == kind) {
                    batch.push_back(p);
                    if (batch.size() == 100) { batches.push_back(batch); batch.clear(); }
                }
            if (!batch.empty()) batches.push_back(batch);
        }
        std::vector<Pending> failed;
        for (const std::vector<Pending>& batch : batches) {
            std::vector<CebReceipt> receipts;
            std::vector<TaxBill> tax_bills;
            for (const Pending& p : batch) receipts.push_back(p.receipt);
            for (const Pending& p : batch)
                if (p.receipt.message == "tax_bill") tax_bills.push_back(p.bill);
            DxpEnvelope e;
            e.cop_msg_id = NewMessageGuid();
            e.sender_id = "DXPEDCCEB0000002"; // customs' import exchange id, as its receipts name it
            e.receiver_ids = {"BONDSTORE"};
            e.created_at = UnixNow();
            const std::string& kind = receipts[0].message;
            e.msg_type = kind == "order"        ? "CEB312Message"
                         : kind == "inventory"  ? "CEB622Message"
                         : kind == "withdrawal" ? "CEB624Message"
                         : kind == "return"     ? "CEB626Message"
                                                : "CEB816Message";
            e.data = kind == "tax_bill" ? CebTaxBillsXml(tax_bills, NewMessageGuid()) : CebReceiptsXml(receipts, NewMessageGuid());
            HttpTarget target = SplitUrl(o.receipts_url);
            httplib::Client c(target.base);
            c.set_connection_timeout(std::chrono::seconds(2));
            c.set_read_timeout(std::chrono::seconds(10));
            auto r = c.Post(target.path,
                            {{"Authorization", "Bearer " + o.receipt_token}},
                            signatures.signing() ? signatures.Sign(DxpMsgXml(e)) : DxpMsgXml(e), "application/xml");
            if (r && r->status == 200) {
                std::lock_guard count(mutex);
                if (kind == "tax_bill") tax_bills_sent += int64_t(receipts.size());
                else receipts_sent += int64_t(receipts.size());
            } else {
                for (Pending again : batch) {
                    again.due_ms = NowMs() + 500; // the store is away: customs keeps them and tries again
                    failed.push_back(again);
                }
                if (r && r->status != 500)
                    std::fprintf(stderr, "bondstore-single-window: the store refused a receipt (%d): %s\n", r->status, r->body.c_str());
            }
        }
        lock.lock();
        for (const Pending& p : failed) pending.push_back(p);
    }
}

std::string SingleWindowSimulator::Stats()
{
    std::lock_guard lock(mutex);
    SingleWindowStats stats;
    stats.received = received;
    stats.unique = int64_t(deliveries.size());
    for (const auto& [guid, n] : deliveries) stats.duplicates += n - 1;
    stats.invalid = invalid;
    stats.refused_by_fault = refused_by_fault;
    stats.rejected_quota = rejected_quota;
    stats.receipts_sent = receipts_sent;
    stats.receipts_pending = int64_t(pending.size());
    stats.payments = int64_t(payments.size());
    stats.waybills = int64_t(waybills.size());
    stats.held = int64_t(held.size());
    stats.rejected_mismatch = rejected_mismatch;
    stats.returns = int64_t(returned.size());
    stats.tax_bills = tax_bills_sent;
    return SingleWindowStatsToJson(stats);
}

} // namespace bondstore
