#include "server/payments/alipay_protocol.h"

#include "server/base/china_time.h"

#include "core/base/calendar_date.h"
#include "core/base/localized_text.h"

#include <cctype>

namespace bondstore {

std::string AlipaySignContent(const AlipayParams& params, bool notification)
{
    std::string out;
    for (const auto& [k, v] : params) { // std::map: keys in byte order
        if (k == "sign" || (notification && k == "sign_type") || v.empty()) continue;
        if (!out.empty()) out += '&';
        out += k;
        out += '=';
        out += v;
    }
    return out;
}

namespace {

// Every byte but the unreserved ones (RFC 3986: letters, digits, - _ . ~) as %XX.
void FormEncode(std::string_view s, std::string& out)
{
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
}

// %XX and '+' decoded; nothing if an escape is broken.
std::optional<std::string> FormDecode(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '+') out += ' ';
        else if (s[i] != '%') out += s[i];
        else {
            if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
                return std::nullopt;
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

} // namespace

std::string AlipayForm(const AlipayParams& params)
{
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out += '&';
        FormEncode(k, out);
        out += '=';
        FormEncode(v, out);
    }
    return out;
}

std::optional<AlipayParams> ParseAlipayForm(std::string_view form)
{
    AlipayParams params;
    size_t i = 0;
    while (i <= form.size() && !form.empty()) {
        size_t amp = form.find('&', i);
        std::string_view pair = form.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i);
        if (!pair.empty()) {
            size_t eq = pair.find('=');
            std::optional<std::string> k = FormDecode(pair.substr(0, eq));
            std::optional<std::string> v = FormDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
            if (!k || !v || k->empty() || !IsValidUtf8(*k) || !IsValidUtf8(*v)) return std::nullopt;
            if (!params.emplace(std::move(*k), std::move(*v)).second) return std::nullopt;
        }
        if (amp == std::string_view::npos) break;
        i = amp + 1;
    }
    return params;
}

std::string AlipayTime(int64_t unix_seconds)
{
    std::string t = ChinaClockText(unix_seconds, true); // "YYYY-MM-DDThh:mm:ss"
    t[10] = ' ';
    return t;
}

std::string AlipayMinute(int64_t unix_seconds) { return AlipayTime(unix_seconds).substr(0, 16); }

int64_t ParseAlipayTime(std::string_view text)
{
    // Exactly "dddd-dd-dd dd:dd" with ":dd" or not: digits where digits go, nothing else.
    static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
    if (text.size() != 16 && text.size() != 19) return -1;
    for (size_t i = 0; i < text.size(); i++)
        if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != kShape[i]) return -1;
    auto number = [&](size_t at, size_t digits) {
        int v = 0;
        for (size_t i = at; i < at + digits; i++) v = v * 10 + (text[i] - '0');
        return v;
    };
    int y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2);
    int s = text.size() == 19 ? number(17, 2) : 0;
    CalendarDate date{y, mo, d};
    if (!date.valid() || h > 23 || mi > 59 || s > 59) return -1;
    return int64_t(DaysSinceEpoch(date)) * 86400 + h * 3600 + mi * 60 + s - 8 * 3600; // Beijing is UTC+8
}

} // namespace bondstore
