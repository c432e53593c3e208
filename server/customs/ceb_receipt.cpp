#include "server/customs/ceb_receipt.h"

#include "server/customs/ceb_message.h"
#include "server/customs/xml_document.h"

#include "core/base/localized_text.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace bondstore {

CebReceiptParse ParseCebReceipts(std::string_view xml)
{
    CebReceiptParse out;
    std::string why;
    XmlDoc doc = ParseXmlDocument(xml, &why);
    if (!doc) { out.error = "the message is " + why; return out; }
    xmlNode* root = xmlDocGetRootElement(doc.get());
    const char* item = nullptr;
    std::string message;
    if (IsCebElement(root, "CEB312Message")) { item = "OrderReturn"; message = "order"; }
    else if (IsCebElement(root, "CEB622Message")) { item = "InventoryReturn"; message = "inventory"; }
    else if (IsCebElement(root, "CEB624Message")) { item = "InvtCancelReturn"; message = "withdrawal"; }
    else if (IsCebElement(root, "CEB626Message")) { item = "InvtRefundReturn"; message = "return"; }
    else { out.error = "not a CEB312Message, CEB622Message, CEB624Message or CEB626Message"; return out; }

    for (xmlNode* n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (!IsCebElement(n, item)) continue; // (a signature, BaseTransfer: not receipts)
        CebReceipt r;
        r.message = message;
        std::string code, copno, orderno;
        for (xmlNode* f = n->children; f; f = f->next) {
            if (f->type != XML_ELEMENT_NODE) continue;
            if (IsCebElement(f, "guid")) r.guid = NodeText(f);
            else if (IsCebElement(f, "orderNo")) orderno = NodeText(f);
            else if (IsCebElement(f, "copNo")) copno = NodeText(f);
            else if (IsCebElement(f, "preNo")) r.pre_no = NodeText(f);
            else if (IsCebElement(f, "invtNo")) r.invt_no = NodeText(f);
            else if (IsCebElement(f, "returnStatus")) code = NodeText(f);
            else if (IsCebElement(f, "returnTime")) r.return_time = NodeText(f);
            else if (IsCebElement(f, "returnInfo")) r.info = NodeText(f);
        }
        r.order_no = message == "order" ? orderno : copno;
        std::string where = std::string(item) + " " + std::to_string(out.receipts.size() + 1) + ": ";
        bool negative = !code.empty() && code[0] == '-';
        if (!IsDigits(std::string_view(code).substr(negative ? 1 : 0), 1, 9)) { out.error = where + "returnStatus is not a number"; break; }
        r.code = std::stoll(code);
        if (r.guid.size() != 36) { out.error = where + "guid is not 36 characters"; break; }
        if (r.order_no.empty() || r.order_no.size() > 60) { out.error = where + (message == "order" ? "orderNo" : "copNo") + " is missing"; break; }
        if (!IsDigits(r.return_time, 17, 17)) { out.error = where + "returnTime is not YYYYMMDDhhmmssSSS"; break; }
        if (!IsValidUtf8(r.info) || CountCodePoints(r.info) > 1000) { out.error = where + "returnInfo is not valid text of at most 1000 characters"; break; }
        if (r.pre_no.size() > 18 || r.invt_no.size() > 18 || !IsValidUtf8(r.pre_no) || !IsValidUtf8(r.invt_no)) {
            out.error = where + "preNo or invtNo is longer than 18";
            break;
        }
        out.receipts.push_back(std::move(r));
    }
    if (out.error.empty() && out.receipts.empty()) out.error = std::string("no ") + item + " in the message";
    if (!out.error.empty()) out.receipts.clear();
    return out;
}

std::string CebReceiptsXml(const std::vector<CebReceipt>& receipts, const std::string& guid)
{
    std::string kind = receipts.empty() ? "order" : receipts[0].message;
    bool order = kind == "order";
    std::string root = order ? "CEB312Message" : kind == "inventory" ? "CEB622Message" : kind == "return" ? "CEB626Message" : "CEB624Message";
    std::string item = order ? "OrderReturn" : kind == "inventory" ? "InventoryReturn" : kind == "return" ? "InvtRefundReturn" : "InvtCancelReturn";
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ceb:" + root + " guid=\"" + guid +
                      "\" version=\"1.0\" xmlns:ceb=\"http://www.chinaport.gov.cn/ceb\">\n";
    for (const CebReceipt& r : receipts) {
        xml += "\t<ceb:" + item + ">\n\t\t<ceb:guid>" + r.guid + "</ceb:guid>\n";
        if (order) {
            xml += "\t\t<ceb:ebpCode>EBP</ceb:ebpCode>\n\t\t<ceb:ebcCode>EBC</ceb:ebcCode>\n\t\t<ceb:orderNo>" + XmlText(r.order_no) +
                   "</ceb:orderNo>\n";
        } else {
            // preNo: the e-port's pre-entry number, 18 characters.
            std::string pre = !r.pre_no.empty() ? r.pre_no : ("P" + r.order_no + "000000000000000000").substr(0, 18);
            xml += "\t\t<ceb:copNo>" + XmlText(r.order_no) + "</ceb:copNo>\n\t\t<ceb:preNo>" + XmlText(pre) + "</ceb:preNo>\n";
            if (!r.invt_no.empty()) xml += "\t\t<ceb:invtNo>" + XmlText(r.invt_no) + "</ceb:invtNo>\n";
        }
        xml += "\t\t<ceb:returnStatus>" + std::to_string(r.code) + "</ceb:returnStatus>\n\t\t<ceb:returnTime>" + r.return_time +
               "</ceb:returnTime>\n\t\t<ceb:returnInfo>" + XmlText(r.info) + "</ceb:returnInfo>\n";
        xml += "\t</ceb:" + item + ">\n";
    }
    return xml + "</ceb:" + root + ">\n";
}

} // namespace bondstore
