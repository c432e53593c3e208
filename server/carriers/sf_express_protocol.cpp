#include "server/carriers/sf_express_protocol.h"

#include "server/base/bytes.h"

#include <openssl/evp.h>

#include <cstdio>

namespace bondstore {

std::string JavaUrlEncode(std::string_view text)
{
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '*' || c == '_') {
            out += char(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string SfMsgDigest(std::string_view msg_data, std::string_view timestamp, std::string_view checkword)
{
    std::string signed_text = JavaUrlEncode(std::string(msg_data) + std::string(timestamp) + std::string(checkword));
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(signed_text.data(), signed_text.size(), d, &n, EVP_md5(), nullptr);
    return Base64(d, n);
}

namespace {
// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
constexpr int64_t kChinaOffset = 8 * 3600;
} // namespace

std::string SfTime(int64_t unix_seconds)
{
    int64_t t = unix_seconds + kChinaOffset;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400, secs = t - days * 86400;
    // Civil from days (Hinnant).
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", int(y + (m <= 2)), int(m), int(d), int(secs / 3600), int(secs / 60 % 60),
                  int(secs % 60));
    return buf;
}

std::optional<int64_t> ParseSfTime(std::string_view text)
{
    int y, mo, d, h, mi, s;
    char tail;
    std::string copy(text);
    if (copy.size() != 19 || std::sscanf(copy.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) != 6) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || y < 1970) return std::nullopt;
    return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - kChinaOffset;
}

TrackingStage SfStage(std::string_view op)
{
    if (op == "50") return TrackingStage::PickedUp;
    if (op == "30" || op == "31" || op == "99") return TrackingStage::InTransit;
    if (op == "44") return TrackingStage::OutForDelivery;
    if (op == "80") return TrackingStage::Delivered;
    if (op == "33" || op == "70") return TrackingStage::Exception;
    if (op == "648") return TrackingStage::Returned;
    return TrackingStage::Other;
}

} // namespace bondstore
