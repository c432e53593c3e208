// WeChat Pay's signing rules (../shared/payments/SPEC.md §1.3, §1.4, §2.1), shared by the adapter
// (wechat_pay.h), which signs requests and verifies answers and notifications, and the local fake
// (wechat_pay_fake.h), which does the opposite. The strings are built byte for byte as the
// published algorithm says: the test vectors in tests/server/wechat_pay_test.cpp are WeChat's own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

// APIv3 request: "METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n" (every line ends in \n, the last too).
std::string WeChatRequestMessage(std::string_view method, std::string_view path_and_query, std::string_view timestamp,
                                 std::string_view nonce, std::string_view body);
// APIv3 answer or notification: "TIMESTAMP\nNONCE\nBODY\n", the body exactly as received.
std::string WeChatAnswerMessage(std::string_view timestamp, std::string_view nonce, std::string_view body);

// The Authorization header of an APIv3 request: scheme WECHATPAY2-SHA256-RSA2048 and five items.
struct WeChatAuthorization {
    std::string mchid, nonce_str, timestamp, serial_no, signature;
};
constexpr const char* kWeChatAuthScheme = "WECHATPAY2-SHA256-RSA2048";
std::string WeChatAuthorizationHeader(const WeChatAuthorization& a);
// The items in any order, each once, quoted; nothing if the header is not that.
std::optional<WeChatAuthorization> ParseWeChatAuthorization(std::string_view header);

// SDKs refuse an answer or notification whose timestamp is 5 minutes or more from now.
constexpr int64_t kWeChatClockSkewSeconds = 300;
bool WeChatTimestampFresh(std::string_view timestamp, int64_t now);

// APIv2 (the customs declaration): fields sent as <xml><key>value</key>…</xml>, signed over
// "k1=v1&k2=v2…&key=API_V2_KEY" — `sign` and empty values left out, keys in byte order —
// with MD5 or HMAC-SHA256, as upper-case hex.
using WeChatV2Fields = std::map<std::string, std::string>;
std::string WeChatV2SignString(const WeChatV2Fields& fields);
std::string WeChatV2Sign(const WeChatV2Fields& fields, std::string_view key, std::string_view sign_type /* MD5, HMAC-SHA256 */);
// Whether `fields` carry a `sign` that is theirs under `key` (sign_type from the fields, default MD5).
bool WeChatV2Verify(const WeChatV2Fields& fields, std::string_view key);
std::string WeChatV2Xml(const WeChatV2Fields& fields);
// A flat <xml> document of text elements; nothing if it is anything else (a DOCTYPE, nesting,
// repeated keys).
std::optional<WeChatV2Fields> ParseWeChatV2Xml(std::string_view xml);

} // namespace bondstore
