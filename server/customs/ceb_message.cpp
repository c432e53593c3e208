#include "server/customs/ceb_message.h"

#include "server/base/bytes.h"
#include "server/base/china_time.h"

#include "core/base/decimal.h"
#include "core/customs/customs_codes.h"

#include <cstdio>

namespace bondstore {

namespace {

// --- XML text -----------------------------------------------------------------------------------

} // namespace

std::string XmlText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\r': out += "&#13;"; break; // kept through parsing, as any other character
        default: out += c;
        }
    }
    return out;
}

namespace {

// Elements of namespace ceb, one per line, in the order the schema's sequences require.
struct CebWriter {
    std::string xml;
    int depth = 0;
    void Indent() { xml.append(size_t(depth), '\t'); }
    void Open(const char* name)
    {
        Indent();
        xml += "<ceb:" + std::string(name) + ">\n";
        depth++;
    }
    void Close(const char* name)
    {
        depth--;
        Indent();
        xml += "</ceb:" + std::string(name) + ">\n";
    }
    void Field(const char* name, std::string_view value)
    {
        Indent();
        xml += "<ceb:" + std::string(name) + ">" + XmlText(value) + "</ceb:" + std::string(name) + ">\n";
    }
    // An optional element: left out when there is nothing to say.
    void Optional(const char* name, std::string_view value)
    {
        if (!value.empty()) Field(name, value);
    }
    // How every declaration's head begins: its guid, a new declaration (appType 1) made at `at`,
    // declared rather than staged (appStatus 2: the signature is required, and present).
    void DeclarationStart(const std::string& guid, int64_t at)
    {
        Field("guid", guid);
        Field("appType", "1");
        Field("appTime", CebTime(at));
        Field("appStatus", "2");
    }
    // BaseTransfer for a party that transmits its own messages (a payment company, a carrier).
    void OwnTransfer(const std::string& code, const std::string& name, const std::string& dxp_id)
    {
        Open("BaseTransfer");
        Field("copCode", code);
        Field("copName", name);
        Field("dxpMode", "DXP");
        Field("dxpId", dxp_id);
        Close("BaseTransfer");
    }
};

// Amounts in yuan, exactly ("123.45"; decimal(19,5) in the schema).
std::string Yuan(Money m) { return FormatYuan(m); }

std::string Multiply(Decimal d, int64_t qty) { return FormatDecimal(Decimal{d.units * qty, d.scale}); }

std::string ZhTitle(const Product& p)
{
    const std::string* zh = p.title.Find(kCustomsLocale);
    return zh ? *zh : std::string();
}

// gmodel (C..510): brand, specification and content as customs reads them: "品牌：X；规格：800g".
std::string Gmodel(const Product& p)
{
    const CustomsUnit* unit = FindUnitBySymbol(p.legal_unit);
    std::string spec = FormatDecimal(p.legal_qty) + (unit && !unit->name_zh.empty() ? std::string(unit->name_zh) : p.legal_unit);
    std::string out;
    if (!p.brand.empty()) out = "品牌：" + p.brand + "；";
    return out + "规格：" + spec;
}

std::string Open(const char* root, const std::string& guid)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ceb:" + std::string(root) + " guid=\"" + guid +
           "\" version=\"1.0\" xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\">\n";
}

void BaseTransfer(CebWriter& w, const CustomsConfig& c)
{
    w.Open("BaseTransfer");
    w.Field("copCode", c.transfer.code);
    w.Field("copName", c.transfer.name);
    w.Field("dxpMode", "DXP");
    w.Field("dxpId", c.dxp_id);
    w.Close("BaseTransfer");
}

const CustomsParty* Enterprise(const CebOrder& o, const CustomsConfig& c, std::string* error)
{
    auto it = c.merchants.find(o.merchant);
    if (it == c.merchants.end()) {
        *error = "merchant '" + o.merchant + "' has no customs registration (ebcCode) in the customs configuration";
        return nullptr;
    }
    return &it->second;
}

} // namespace

std::string Ceb411Xml(const CebPayment& p)
{
    CebWriter w;
    w.xml = Open("CEB411Message", p.guid);
    w.depth = 1;
    w.Open("Payment");
    w.Open("PaymentHead");
    w.DeclarationStart(p.guid, p.declared_at);
    w.Field("payCode", p.pay_code);
    w.Field("payName", p.pay_name);
    w.Field("payTransactionId", p.pay_transaction_id);
    w.Field("orderNo", p.order_no);
    w.Field("ebpCode", p.ebp_code);
    w.Field("ebpName", p.ebp_name);
    w.Field("payerIdType", "1");
    w.Field("payerIdNumber", p.payer_id_number);
    w.Field("payerName", p.payer_name);
    w.Field("amountPaid", Yuan(p.amount_paid));
    w.Field("currency", "142");
    w.Field("payTime", CebTime(p.paid_at));
    w.Close("PaymentHead");
    w.Close("Payment");
    w.OwnTransfer(p.pay_code, p.pay_name, p.dxp_id);
    w.xml += "</ceb:CEB411Message>\n";
    return w.xml;
}

std::string Ceb511Xml(const CebWaybill& l)
{
    CebWriter w;
    w.xml = Open("CEB511Message", l.guid);
    w.depth = 1;
    w.Open("Logistics");
    w.Open("LogisticsHead");
    w.DeclarationStart(l.guid, l.declared_at);
    w.Field("logisticsCode", l.logistics_code);
    w.Field("logisticsName", l.logistics_name);
    w.Field("logisticsNo", l.logistics_no);
    w.Field("orderNo", l.order_no);
    w.Field("freight", Yuan(l.freight)); // the spec marks freight and insuredFee mandatory: "0" if none
    w.Field("insuredFee", Yuan(l.insured_fee));
    w.Field("currency", "142");
    w.Field("weight", FormatDecimal(Decimal{l.weight_g, 3}));
    w.Field("packNo", "1");
    if (!l.goods_info.empty()) w.Field("goodsInfo", l.goods_info);
    w.Field("consignee", l.consignee);
    w.Field("consigneeAddress", l.consignee_address);
    w.Field("consigneeTelephone", l.consignee_telephone);
    w.Close("LogisticsHead");
    w.Close("Logistics");
    w.OwnTransfer(l.logistics_code, l.logistics_name, l.dxp_id);
    w.xml += "</ceb:CEB511Message>\n";
    return w.xml;
}

std::string Ceb311Xml(const CebOrder& o, const CustomsConfig& c, std::string* error)
{
    const CustomsParty* ebc = Enterprise(o, c, error);
    if (!ebc) return {};
    // acturalPaid must equal what was paid (the payment voucher's amount): with no discounts and
    // no insurance at Bondstore's checkout it is goods + freight + tax. An order that broke this
    // would be declared wrongly: refused, never written.
    if (o.goods + o.freight + o.tax_total != o.amount_paid) {
        *error = "order " + o.order_no + ": goods + freight + tax (" + FormatYuan(o.goods + o.freight + o.tax_total) +
                 ") is not the amount paid (" + FormatYuan(o.amount_paid) + ")";
        return {};
    }
    CebWriter w;
    w.xml = Open("CEB311Message", o.guid);
    w.depth = 1;
    w.Open("Order");
    w.Open("OrderHead");
    w.Field("guid", o.guid);
    w.Field("appType", "1");
    w.Field("appTime", CebTime(o.declared_at));
    w.Field("appStatus", "2");
    w.Field("orderType", "I");
    w.Field("orderNo", o.order_no);
    w.Field("ebpCode", c.platform.code);
    w.Field("ebpName", c.platform.name);
    w.Field("ebcCode", ebc->code);
    w.Field("ebcName", ebc->name);
    // goodsValue = Σ totalPrice; acturalPaid = goodsValue + freight + taxTotal − discount (no
    // non-cash discounts at Bondstore), which is what the shopper paid.
    w.Field("goodsValue", Yuan(o.goods));
    w.Field("freight", Yuan(o.freight));
    w.Field("discount", "0");
    w.Field("taxTotal", Yuan(o.tax_total));
    w.Field("acturalPaid", Yuan(o.goods + o.freight + o.tax_total));
    w.Field("currency", "142");
    w.Field("buyerRegNo", o.buyer_reg_no);
    w.Field("buyerName", o.buyer.name);
    w.Field("buyerTelephone", o.buyer.phone);
    w.Field("buyerIdType", "1");
    w.Field("buyerIdNumber", o.buyer.id_number);
    w.Optional("payCode", o.pay_code);
    w.Optional("payName", o.pay_name);
    w.Optional("payTransactionId", o.payment_id);
    w.Field("consignee", o.consignee.name);
    w.Field("consigneeTelephone", o.consignee.phone);
    w.Field("consigneeAddress", o.consignee.address);
    w.Optional("consigneeDistrict", o.consignee.district);
    w.Close("OrderHead");
    for (size_t i = 0; i < o.lines.size(); i++) {
        const CebOrder::Line& l = o.lines[i];
        w.Open("OrderList");
        w.Field("gnum", std::to_string(i + 1));
        if (l.product.sku.size() <= 30) w.Field("itemNo", l.product.sku); // optional; C..30
        // The list's gname must equal this name (customs matches them): the declared goods' name.
        w.Field("itemName", CustomsName(l.product));
        w.Field("gmodel", Gmodel(l.product));
        w.Optional("barCode", l.product.barcode);
        w.Field("unit", l.product.unit_code);
        w.Field("qty", std::to_string(l.qty));
        w.Field("price", Yuan(l.price));
        w.Field("totalPrice", Yuan(l.total));
        w.Field("currency", "142");
        w.Field("country", l.product.origin_country);
        w.Close("OrderList");
    }
    w.Close("Order");
    BaseTransfer(w, c);
    w.xml += "</ceb:CEB311Message>\n";
    return w.xml;
}

std::string Ceb621Xml(const CebOrder& o, const CustomsConfig& c, std::string* error)
{
    if (!c.declare_inventory) {
        *error = "the customs configuration has no \"inventory\" section: Bondstore does not declare inventory lists";
        return {};
    }
    const CustomsParty* ebc = Enterprise(o, c, error);
    if (!ebc) return {};
    std::string when = CebTime(o.declared_at);
    int64_t gross_g = 0, net_g = 0;
    for (const CebOrder::Line& l : o.lines) {
        gross_g += l.product.weight_g * l.qty;
        net_g += NetWeightGrams(l.product) * l.qty;
    }

    CebWriter w;
    w.xml = Open("CEB621Message", o.guid);
    w.depth = 1;
    w.Open("Inventory");
    w.Open("InventoryHead");
    w.Field("guid", o.guid);
    w.Field("appType", "1");
    w.Field("appTime", when);
    w.Field("appStatus", "2"); // declare (not stage): the signature is required, and present
    w.Field("orderNo", o.order_no);
    w.Field("ebpCode", c.platform.code);
    w.Field("ebpName", c.platform.name);
    w.Field("ebcCode", ebc->code);
    w.Field("ebcName", ebc->name);
    w.Field("logisticsNo", o.waybill_no.empty() ? c.waybill_prefix + o.order_no : o.waybill_no);
    w.Field("logisticsCode", c.logistics.code);
    w.Field("logisticsName", c.logistics.name);
    if (o.order_no.size() <= 20) w.Field("copNo", o.order_no); // optional; C..20
    w.Field("assureCode", c.assure_code);
    w.Field("emsNo", c.ems_no);
    w.Field("ieFlag", "I");
    w.Field("declTime", when.substr(0, 8));
    w.Field("customsCode", c.customs_code);
    w.Field("portCode", c.port_code);
    w.Field("buyerIdType", "1");
    w.Field("buyerIdNumber", o.buyer.id_number);
    w.Field("buyerName", o.buyer.name);
    w.Field("buyerTelephone", o.buyer.phone);
    w.Field("consigneeAddress", o.consignee.address);
    w.Field("agentCode", c.agent.code);
    w.Field("agentName", c.agent.name);
    w.Field("areaCode", c.area.code);
    w.Field("areaName", c.area.name);
    w.Field("tradeMode", "1210");
    w.Field("trafMode", c.traf_mode);
    w.Field("country", "142"); // bonded imports: the goods leave a Chinese bonded zone
    w.Field("freight", Yuan(o.freight));
    w.Field("insuredFee", Yuan(o.insurance));
    w.Field("currency", "142");
    w.Field("packNo", "1");
    w.Field("grossWeight", FormatDecimal(Decimal{gross_g, 3}));
    w.Field("netWeight", FormatDecimal(Decimal{net_g, 3})); // the gross weight where the catalog has no net
    w.Close("InventoryHead");
    for (size_t i = 0; i < o.lines.size(); i++) {
        const CebOrder::Line& l = o.lines[i];
        const Product& p = l.product;
        w.Open("InventoryList");
        w.Field("gnum", std::to_string(i + 1)); // the order line's gnum
        // itemRecordNo: the account book's item, which bonded (1210) lists must name.
        w.Optional("itemRecordNo", p.item_record_no);
        if (p.sku.size() <= 20) w.Field("itemNo", p.sku); // optional; C..20 here
        w.Field("itemName", ZhTitle(p));                   // the name shoppers read
        w.Field("gcode", p.hs_code);
        w.Field("gname", CustomsName(p));                  // = the order's itemName
        w.Field("gmodel", Gmodel(p));
        w.Optional("barCode", p.barcode);
        w.Field("country", p.origin_country);
        w.Field("currency", "142");
        w.Field("qty", std::to_string(l.qty));
        w.Field("unit", p.unit_code);
        const CustomsUnit* unit1 = FindUnitBySymbol(p.legal_unit);
        w.Field("qty1", Multiply(p.legal_qty, l.qty));
        w.Field("unit1", unit1 ? std::string(unit1->code) : std::string());
        if (!p.second_unit.empty()) {
            const CustomsUnit* unit2 = FindUnitBySymbol(p.second_unit);
            w.Field("qty2", Multiply(p.second_qty, l.qty));
            w.Field("unit2", unit2 ? std::string(unit2->code) : std::string());
        }
        w.Field("price", Yuan(l.price));
        w.Field("totalPrice", Yuan(l.total));
        w.Close("InventoryList");
    }
    w.Close("Inventory");
    BaseTransfer(w, c);
    w.xml += "</ceb:CEB621Message>\n";
    return w.xml;
}

namespace {

// The head a withdrawal (InvtCancel) and a return (InvtRefundHead) share: the list's keys as the
// CEB621 sent them, customs' numbers, the buyer, the agent, the reason.
bool ListActionHead(CebWriter& w, const CebOrder& o, const CustomsConfig& c, const std::string& reason, std::string* error)
{
    const CustomsParty* ebc = Enterprise(o, c, error);
    if (!ebc) return false;
    if (o.invt_no.empty()) {
        *error = "order " + o.order_no + ": customs has not numbered its list yet (no invtNo)";
        return false;
    }
    w.DeclarationStart(o.guid, o.declared_at);
    w.Field("customsCode", c.customs_code);
    w.Field("orderNo", o.order_no);
    w.Field("ebpCode", c.platform.code);
    w.Field("ebpName", c.platform.name);
    w.Field("ebcCode", ebc->code);
    w.Field("ebcName", ebc->name);
    w.Field("logisticsNo", o.waybill_no.empty() ? c.waybill_prefix + o.order_no : o.waybill_no);
    w.Field("logisticsCode", c.logistics.code);
    w.Field("logisticsName", c.logistics.name);
    if (o.order_no.size() <= 20) w.Field("copNo", o.order_no); // the key customs' answer comes back by
    w.Optional("preNo", o.pre_no);
    w.Field("invtNo", o.invt_no);
    w.Field("buyerIdType", "1");
    w.Field("buyerIdNumber", o.buyer.id_number);
    w.Field("buyerName", o.buyer.name);
    w.Field("buyerTelephone", o.buyer.phone);
    w.Field("agentCode", c.agent.code);
    w.Field("agentName", c.agent.name);
    w.Field("reason", reason);
    return true;
}

} // namespace

std::string Ceb623Xml(const CebOrder& o, const CustomsConfig& c, const std::string& reason, std::string* error)
{
    CebWriter w;
    w.xml = Open("CEB623Message", o.guid);
    w.depth = 1;
    w.Open("InvtCancel");
    if (!ListActionHead(w, o, c, reason, error)) return {};
    w.Close("InvtCancel");
    BaseTransfer(w, c);
    w.xml += "</ceb:CEB623Message>\n";
    return w.xml;
}

std::string Ceb625Xml(const CebOrder& o, const CustomsConfig& c, const std::string& reason, std::string* error)
{
    CebWriter w;
    w.xml = Open("CEB625Message", o.guid);
    w.depth = 1;
    w.Open("InvtRefund");
    w.Open("InvtRefundHead");
    if (!ListActionHead(w, o, c, reason, error)) return {};
    w.Close("InvtRefundHead");
    for (size_t i = 0; i < o.lines.size(); i++) {
        const CebOrder::Line& l = o.lines[i];
        w.Open("InvtRefundList");
        w.Field("gnum", std::to_string(i + 1)); // the list's line, as the CEB621 numbered it
        w.Field("gcode", l.product.hs_code);
        w.Field("gname", CustomsName(l.product));
        w.Field("qty", std::to_string(l.qty));
        w.Field("unit", l.product.unit_code);
        w.Close("InvtRefundList");
    }
    w.Close("InvtRefund");
    BaseTransfer(w, c);
    w.xml += "</ceb:CEB625Message>\n";
    return w.xml;
}

std::string NewMessageGuid() { return NewUuid(); }

std::string CebTime(int64_t t) { return ChinaClockText(t); }

} // namespace bondstore
