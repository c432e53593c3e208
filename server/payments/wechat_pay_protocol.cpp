#include "server/payments/wechat_pay_protocol.h"

#include "server/payments/payment_crypto.h"

#include "core/formats/xml_reader.h"

#include <charconv>

namespace bondstore {

std::string WeChatRequestMessage(std::string_view method, std::string_view path_and_query, std::string_view timestamp,
                                 std::string_view nonce, std::string_view body)
{
    std::string s;
    s.reserve(method.size() + path_and_query.size() + timestamp.size() + nonce.size() + body.size() + 5);
    for (std::string_view part : {method, path_and_query, timestamp, nonce, body}) {
        s += part;
        s += '\n';
    }
    return s;
}

std::string WeChatAnswerMessage(std::string_view timestamp, std::string_view nonce, std::string_view body)
{
    std::string s;
    for (std::string_view part : {timestamp, nonce, body}) {
        s += part;
        s += '\n';
    }
    return s;
}

std::string WeChatAuthorizationHeader(const WeChatAuthorization& a)
{
    return std::string(kWeChatAuthScheme) + " mchid=\"" + a.mchid + "\",nonce_str=\"" + a.nonce_str + "\",timestamp=\"" + a.timestamp +
           "\",serial_no=\"" + a.serial_no + "\",signature=\"" + a.signature + "\"";
}

std::optional<WeChatAuthorization> ParseWeChatAuthorization(std::string_view h)
{
    std::string_view scheme = kWeChatAuthScheme;
    if (h.substr(0, scheme.size()) != scheme || h.size() <= scheme.size() || h[scheme.size()] != ' ') return std::nullopt;
    h.remove_prefix(scheme.size() + 1);
    WeChatAuthorization a;
    std::map<std::string_view, std::string*> slots = {{"mchid", &a.mchid}, {"nonce_str", &a.nonce_str}, {"timestamp", &a.timestamp},
                                                      {"serial_no", &a.serial_no}, {"signature", &a.signature}};
    size_t seen = 0;
    while (!h.empty()) {
        while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
        size_t eq = h.find('=');
        if (eq == std::string_view::npos || eq + 1 >= h.size() || h[eq + 1] != '"') return std::nullopt;
        std::string_view key = h.substr(0, eq);
        size_t close = h.find('"', eq + 2);
        if (close == std::string_view::npos) return std::nullopt;
        auto slot = slots.find(key);
        if (slot == slots.end() || !slot->second->empty()) return std::nullopt; // unknown or repeated
        *slot->second = std::string(h.substr(eq + 2, close - eq - 2));
        if (slot->second->empty()) return std::nullopt;
        seen++;
        h.remove_prefix(close + 1);
        if (!h.empty()) {
            if (h.front() != ',') return std::nullopt;
            h.remove_prefix(1);
        }
    }
    if (seen != slots.size()) return std::nullopt;
    return a;
}

bool WeChatTimestampFresh(std::string_view timestamp, int64_t now)
{
    int64_t t = 0;
    auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
    if (ec != std::errc() || end != timestamp.data() + timestamp.size() || timestamp.empty()) return false;
    int64_t d = now - t;
    return d < kWeChatClockSkewSeconds && d > -kWeChatClockSkewSeconds;
}

std::string WeChatV2SignString(const WeChatV2Fields& fields)
{
    std::string s;
    for (const auto& [k, v] : fields) { // std::map: byte order of the keys
        if (k == "sign" || v.empty()) continue;
        if (!s.empty()) s += '&';
        s += k;
        s += '=';
        s += v;
    }
    return s;
}

std::string WeChatV2Sign(const WeChatV2Fields& fields, std::string_view key, std::string_view sign_type)
{
    std::string temp = WeChatV2SignString(fields) + "&key=" + std::string(key);
    return sign_type == "HMAC-SHA256" ? HmacSha256UpperHex(key, temp) : Md5UpperHex(temp);
}

bool WeChatV2Verify(const WeChatV2Fields& fields, std::string_view key)
{
    auto sign = fields.find("sign");
    if (sign == fields.end() || sign->second.empty()) return false;
    auto type = fields.find("sign_type");
    std::string_view sign_type = type == fields.end() || type->second.empty() ? "MD5" : std::string_view(type->second);
    if (sign_type != "MD5" && sign_type != "HMAC-SHA256") return false;
    return SameSecret(WeChatV2Sign(fields, key, sign_type), sign->second);
}

std::string WeChatV2Xml(const WeChatV2Fields& fields)
{
    std::string xml = "<xml>";
    for (const auto& [k, v] : fields) {
        if (v.empty()) continue;
        xml += "<" + k + ">";
        // CDATA as WeChat's own examples write values; "]]>" inside a value is split across two sections.
        std::string value = v;
        for (size_t at = 0; (at = value.find("]]>", at)) != std::string::npos; at += 15) value.replace(at, 3, "]]]]><![CDATA[>");
        xml += "<![CDATA[" + value + "]]>";
        xml += "</" + k + ">";
    }
    xml += "</xml>";
    return xml;
}

std::optional<WeChatV2Fields> ParseWeChatV2Xml(std::string_view xml)
{
    XmlReader r(xml);
    WeChatV2Fields fields;
    std::string key, text;
    bool in_root = false;
    for (;;) {
        XmlReader::Event e = r.Next();
        if (e == XmlReader::Event::Error) return std::nullopt;
        if (e == XmlReader::Event::End) break;
        if (e == XmlReader::Event::StartElement) {
            if (r.depth() == 1) {
                if (r.name() != "xml" || in_root) return std::nullopt;
                in_root = true;
            } else if (r.depth() == 2) {
                key = r.name();
                text.clear();
            } else {
                return std::nullopt; // no nesting in APIv2 messages
            }
        } else if (e == XmlReader::Event::Text) {
            if (r.depth() != 2) return std::nullopt;
            text += r.text();
        } else if (e == XmlReader::Event::EndElement && r.depth() == 1) {
            if (!fields.emplace(key, text).second) return std::nullopt;
        }
    }
    if (!in_root) return std::nullopt;
    return fields;
}

} // namespace bondstore
