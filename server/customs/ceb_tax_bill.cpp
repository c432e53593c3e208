#include "server/customs/ceb_tax_bill.h"

#include "server/customs/ceb_message.h"
#include "server/customs/xml_document.h"

#include "core/base/localized_text.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

namespace bondstore {

namespace {

// decimal(19,5), not negative.
bool Amount(const std::string& text, Decimal* out)
{
    DecimalParse d = ParseDecimal(text);
    if (!d.ok() || d.value.scale > 5) return false;
    *out = d.value;
    return true;
}

// One TaxHeadRd or TaxListRd: its fields by name (the first of each).
std::vector<std::pair<std::string, std::string>> Fields(xmlNode* n)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (xmlNode* f = n->children; f; f = f->next)
        if (f->type == XML_ELEMENT_NODE && IsCebElement(f, reinterpret_cast<const char*>(f->name)))
            out.emplace_back(reinterpret_cast<const char*>(f->name), NodeText(f));
    return out;
}

std::string Field(const std::vector<std::pair<std::string, std::string>>& fields, const char* name)
{
    for (const auto& [k, v] : fields)
        if (k == name) return v;
    return {};
}

std::string Yuan5(Decimal d) { return FormatDecimal(d); }

} // namespace

bool IsCebTaxBillMessage(std::string_view xml)
{
    std::string why;
    XmlDoc doc = ParseXmlDocument(xml, &why);
    return doc && IsCebElement(xmlDocGetRootElement(doc.get()), "CEB816Message");
}

CebTaxBillParse ParseCebTaxBills(std::string_view xml)
{
    CebTaxBillParse out;
    std::string why;
    XmlDoc doc = ParseXmlDocument(xml, &why);
    if (!doc) { out.error = "the message is " + why; return out; }
    xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!IsCebElement(root, "CEB816Message")) { out.error = "not a CEB816Message"; return out; }
    for (xmlNode* tax = root->children; tax && out.error.empty(); tax = tax->next) {
        if (!IsCebElement(tax, "Tax")) continue; // (a signature, BaseTransfer: not bills)
        std::string where = "Tax " + std::to_string(out.bills.size() + 1) + ": ";
        TaxBill b;
        bool head = false;
        for (xmlNode* part = tax->children; part && out.error.empty(); part = part->next) {
            if (IsCebElement(part, "TaxHeadRd")) {
                head = true;
                auto f = Fields(part);
                b.tax_no = Field(f, "taxNo");
                b.invt_no = Field(f, "invtNo");
                b.order_no = Field(f, "orderNo");
                b.return_time = Field(f, "returnTime");
                b.ent_duty_no = Field(f, "entDutyNo");
                std::string status = Field(f, "status");
                if (status != "1" && status != "2" && status != "3") out.error = where + "status is not 1, 2 or 3";
                else b.status = status[0] - '0';
                if (!Amount(Field(f, "customsTax"), &b.customs_tax) || !Amount(Field(f, "valueAddedTax"), &b.vat) ||
                    !Amount(Field(f, "consumptionTax"), &b.consumption_tax))
                    out.error = where + "customsTax, valueAddedTax and consumptionTax must be amounts (decimal 19,5)";
            } else if (IsCebElement(part, "TaxListRd")) {
                auto f = Fields(part);
                TaxBill::Line l;
                std::string gnum = Field(f, "gnum");
                if (!IsDigits(gnum, 1, 3)) { out.error = where + "a line's gnum is not a number"; break; }
                l.gnum = std::stoll(gnum);
                l.gcode = Field(f, "gcode");
                if (!Amount(Field(f, "taxPrice"), &l.tax_price) || !Amount(Field(f, "customsTax"), &l.customs_tax) ||
                    !Amount(Field(f, "valueAddedTax"), &l.vat) || !Amount(Field(f, "consumptionTax"), &l.consumption_tax))
                    out.error = where + "line " + gnum + ": taxPrice and the taxes must be amounts (decimal 19,5)";
                b.lines.push_back(std::move(l));
            }
        }
        if (!out.error.empty()) break;
        if (!head) { out.error = where + "no TaxHeadRd"; break; }
        if (b.invt_no.empty() || b.invt_no.size() > 18 || !IsValidUtf8(b.invt_no)) { out.error = where + "invtNo is missing or longer than 18"; break; }
        if (b.tax_no.empty() || b.tax_no.size() > 50 || !IsValidUtf8(b.tax_no)) { out.error = where + "taxNo is missing or longer than 50"; break; }
        if (b.order_no.size() > 60 || !IsValidUtf8(b.order_no) || b.ent_duty_no.size() > 50 || !IsValidUtf8(b.ent_duty_no)) {
            out.error = where + "orderNo or entDutyNo is too long";
            break;
        }
        if (!IsDigits(b.return_time, 17, 17)) { out.error = where + "returnTime is not YYYYMMDDhhmmssSSS"; break; }
        if (b.lines.size() > 99) { out.error = where + "more than 99 lines"; break; }
        out.bills.push_back(std::move(b));
    }
    if (out.error.empty() && out.bills.empty()) out.error = "no Tax in the message";
    if (!out.error.empty()) out.bills.clear();
    return out;
}

std::string CebTaxBillsXml(const std::vector<TaxBill>& bills, const std::string& guid)
{
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ceb:CEB816Message guid=\"" + guid +
                      "\" version=\"1.0\" xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\">\n";
    for (const TaxBill& b : bills) {
        xml += "\t<ceb:Tax>\n\t\t<ceb:TaxHeadRd>\n\t\t\t<ceb:guid>" + guid + "</ceb:guid>\n\t\t\t<ceb:returnTime>" + b.return_time +
               "</ceb:returnTime>\n\t\t\t<ceb:invtNo>" + XmlText(b.invt_no) + "</ceb:invtNo>\n\t\t\t<ceb:taxNo>" + XmlText(b.tax_no) +
               "</ceb:taxNo>\n\t\t\t<ceb:customsTax>" + Yuan5(b.customs_tax) + "</ceb:customsTax>\n\t\t\t<ceb:valueAddedTax>" + Yuan5(b.vat) +
               "</ceb:valueAddedTax>\n\t\t\t<ceb:consumptionTax>" + Yuan5(b.consumption_tax) + "</ceb:consumptionTax>\n\t\t\t<ceb:status>" +
               std::to_string(b.status) + "</ceb:status>\n";
        if (!b.ent_duty_no.empty()) xml += "\t\t\t<ceb:entDutyNo>" + XmlText(b.ent_duty_no) + "</ceb:entDutyNo>\n";
        if (!b.order_no.empty()) xml += "\t\t\t<ceb:orderNo>" + XmlText(b.order_no) + "</ceb:orderNo>\n";
        xml += "\t\t</ceb:TaxHeadRd>\n";
        for (const TaxBill::Line& l : b.lines)
            xml += "\t\t<ceb:TaxListRd>\n\t\t\t<ceb:gnum>" + std::to_string(l.gnum) + "</ceb:gnum>\n\t\t\t<ceb:gcode>" + XmlText(l.gcode) +
                   "</ceb:gcode>\n\t\t\t<ceb:taxPrice>" + Yuan5(l.tax_price) + "</ceb:taxPrice>\n\t\t\t<ceb:customsTax>" + Yuan5(l.customs_tax) +
                   "</ceb:customsTax>\n\t\t\t<ceb:valueAddedTax>" + Yuan5(l.vat) + "</ceb:valueAddedTax>\n\t\t\t<ceb:consumptionTax>" +
                   Yuan5(l.consumption_tax) + "</ceb:consumptionTax>\n\t\t</ceb:TaxListRd>\n";
        xml += "\t</ceb:Tax>\n";
    }
    return xml + "</ceb:CEB816Message>\n";
}

} // namespace bondstore
