#include "server/customs/dxp_envelope.h"

#include "server/base/china_time.h"
#include "server/customs/ceb_message.h"
#include "server/customs/xml_document.h"


#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

#include <cstdio>
#include <memory>

namespace bondstore {

namespace {

constexpr const char* kDxpNs = "http://www.chinaport.gov.cn/dxp";

std::string Text(xmlNode* n)
{
    xmlChar* t = xmlNodeGetContent(n);
    std::string s = t ? reinterpret_cast<const char*>(t) : "";
    xmlFree(t);
    return s;
}

bool Is(xmlNode* n, const char* name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name) && n->ns && xmlStrEqual(n->ns->href, BAD_CAST kDxpNs);
}

} // namespace

std::string DxpMsgXml(const DxpEnvelope& e)
{
    std::string b64(4 * ((e.data.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), reinterpret_cast<const unsigned char*>(e.data.data()),
                            int(e.data.size()));
    b64.resize(size_t(n));
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dxp:DxpMsg ver=\"1.0\" xmlns:dxp=\"http://www.chinaport.gov.cn/dxp\">\n"
                      "\t<dxp:TransInfo>\n\t\t<dxp:CopMsgId>" + XmlText(e.cop_msg_id) + "</dxp:CopMsgId>\n\t\t<dxp:SenderId>" +
                      XmlText(e.sender_id) + "</dxp:SenderId>\n\t\t<dxp:ReceiverIds>\n";
    for (const std::string& r : e.receiver_ids) xml += "\t\t\t<dxp:ReceiverId>" + XmlText(r) + "</dxp:ReceiverId>\n";
    xml += "\t\t</dxp:ReceiverIds>\n\t\t<dxp:CreatTime>" + ChinaClockText(e.created_at, true) + "</dxp:CreatTime>\n\t\t<dxp:MsgType>" +
           XmlText(e.msg_type) + "</dxp:MsgType>\n\t</dxp:TransInfo>\n\t<dxp:Data>" + b64 + "</dxp:Data>\n</dxp:DxpMsg>\n";
    return xml;
}

std::optional<DxpEnvelope> ParseDxpMsg(std::string_view xml, std::string* error)
{
    std::string why;
    XmlDoc doc = ParseXmlDocument(xml, &why);
    if (!doc && why == "a DOCTYPE is not accepted") { *error = why; return std::nullopt; }
    xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root || !Is(root, "DxpMsg")) { *error = kNotDxpMsg; return std::nullopt; }
    DxpEnvelope e;
    bool have_info = false, have_data = false;
    for (xmlNode* n = root->children; n; n = n->next) {
        if (Is(n, "TransInfo")) {
            have_info = true;
            for (xmlNode* f = n->children; f; f = f->next) {
                if (Is(f, "CopMsgId")) e.cop_msg_id = Text(f);
                else if (Is(f, "SenderId")) e.sender_id = Text(f);
                else if (Is(f, "MsgType")) e.msg_type = Text(f);
                else if (Is(f, "ReceiverIds"))
                    for (xmlNode* r = f->children; r; r = r->next)
                        if (Is(r, "ReceiverId")) e.receiver_ids.push_back(Text(r));
            }
        } else if (Is(n, "Data")) {
            have_data = true;
            std::string b64;
            for (char c : Text(n))
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') b64 += c;
            if (b64.size() % 4 != 0) { *error = "Data is not base64"; return std::nullopt; }
            std::string out(b64.size() / 4 * 3, '\0');
            int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(b64.data()),
                                         int(b64.size()));
            if (length < 0) { *error = "Data is not base64"; return std::nullopt; }
            size_t padding = b64.empty() ? 0 : (b64.back() == '=') + (b64.size() > 1 && b64[b64.size() - 2] == '=');
            out.resize(size_t(length) - padding);
            e.data = std::move(out);
        }
    }
    if (!have_info || !have_data || e.cop_msg_id.empty() || e.msg_type.empty()) {
        *error = "the DxpMsg lacks TransInfo (CopMsgId, MsgType) or Data";
        return std::nullopt;
    }
    return e;
}

HttpTarget SplitUrl(const std::string& url)
{
    size_t scheme_end = url.find("://");
    size_t path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    if (path_start == std::string::npos) return {url, "/"};
    return {url.substr(0, path_start), url.substr(path_start)};
}

} // namespace bondstore
