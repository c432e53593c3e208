#include "server/customs/xml_document.h"

#include <libxml/parser.h>

#include <iconv.h>

#include <cctype>
#include <memory>

namespace bondstore {

namespace {

// The encoding the XML declaration names, lower-cased; "" if there is no declaration or it names none.
std::string DeclaredEncoding(std::string_view xml, size_t* value_at, size_t* value_size)
{
    size_t start = xml.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    if (xml.substr(start, 5) != "<?xml") return {};
    size_t end = xml.find("?>", start);
    if (end == std::string_view::npos) return {};
    std::string_view decl = xml.substr(start, end - start);
    size_t at = decl.find("encoding");
    if (at == std::string_view::npos) return {};
    at = decl.find_first_not_of(" \t\r\n", at + 8);
    if (at == std::string_view::npos || decl[at] != '=') return {};
    at = decl.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string_view::npos || (decl[at] != '"' && decl[at] != '\'')) return {};
    size_t close = decl.find(decl[at], at + 1);
    if (close == std::string_view::npos) return {};
    *value_at = start + at + 1;
    *value_size = close - at - 1;
    std::string name(decl.substr(at + 1, close - at - 1));
    for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

struct IconvClose {
    void operator()(iconv_t* cd) const
    {
        iconv_close(*cd);
        delete cd;
    }
};

// GB18030 bytes as UTF-8; nothing if they are not GB18030.
std::optional<std::string> Gb18030ToUtf8(std::string_view in)
{
    iconv_t raw = iconv_open("UTF-8", "GB18030");
    if (raw == iconv_t(-1)) return std::nullopt;
    std::unique_ptr<iconv_t, IconvClose> cd(new iconv_t(raw));
    std::string out(in.size() * 2 + 16, '\0'); // a GB character is 2 or 4 bytes, its UTF-8 3 or 4
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    if (iconv(*cd, &src, &src_left, &dst, &dst_left) == size_t(-1) || src_left != 0) return std::nullopt;
    out.resize(out.size() - dst_left);
    return out;
}

} // namespace

std::optional<std::string> XmlAsUtf8(std::string_view xml, std::string* error)
{
    size_t at = 0, size = 0;
    std::string encoding = DeclaredEncoding(xml, &at, &size);
    if (encoding.empty() || encoding == "utf-8" || encoding == "utf8") return std::string(xml);
    if (encoding != "gb2312" && encoding != "gbk" && encoding != "gb18030" && encoding != "cp936") {
        *error = "encoding \"" + encoding.substr(0, 40) + "\" is not accepted (UTF-8, GB2312, GBK, GB18030)";
        return std::nullopt;
    }
    // GB2312 ⊂ GBK ⊂ GB18030: a document that says GB2312 but uses a GBK character (as real names
    // do) still reads right.
    std::optional<std::string> text = Gb18030ToUtf8(xml);
    if (!text) {
        *error = "not " + encoding + " text, as its declaration says";
        return std::nullopt;
    }
    // The declaration now says what the bytes are.
    if (!DeclaredEncoding(*text, &at, &size).empty()) text->replace(at, size, "UTF-8");
    return text;
}

XmlDoc ParseXmlDocument(std::string_view xml, std::string* error, size_t max_bytes)
{
    if (xml.size() > max_bytes) {
        *error = "larger than " + std::to_string(max_bytes) + " bytes";
        return nullptr;
    }
    // A DTD is refused before libxml2 reads it, and again after (a DOCTYPE the quick look missed
    // still leaves an internal subset).
    if (xml.find("<!DOCTYPE") != std::string_view::npos) {
        *error = "a DOCTYPE is not accepted";
        return nullptr;
    }
    std::optional<std::string> utf8 = XmlAsUtf8(xml, error);
    if (!utf8) return nullptr;
    XmlDoc doc(xmlReadMemory(utf8->data(), int(utf8->size()), nullptr, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
    if (!doc || !xmlDocGetRootElement(doc.get())) {
        *error = "not well-formed XML";
        return nullptr;
    }
    if (doc->intSubset || doc->extSubset) {
        *error = "a DOCTYPE is not accepted";
        return nullptr;
    }
    return doc;
}

bool IsCebElement(const xmlNode* n, const char* name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name) && n->ns &&
           xmlStrEqual(n->ns->href, BAD_CAST "http://www.chinaport.gov.cn/ceb");
}

std::string NodeText(xmlNode* n)
{
    xmlChar* t = xmlNodeGetContent(n);
    std::string s = t ? reinterpret_cast<const char*>(t) : "";
    xmlFree(t);
    return s;
}

bool IsDigits(std::string_view s, size_t min, size_t max)
{
    if (s.size() < min || s.size() > max) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

} // namespace bondstore
