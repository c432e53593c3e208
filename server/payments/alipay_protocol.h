// Alipay's signing rules (../shared/payments/SPEC.md §3.2, §3.4), shared by the adapter
// (alipay.h), which signs requests and verifies answers and notifications, and the local fake
// (alipay_fake.h), which does the opposite. The content to sign is built byte for byte as the
// published algorithm says; tests/server/alipay_test.cpp checks it against vector V4 and the
// signature against the openssl command.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

// A request's or a notification's parameters (values decoded, as they are signed).
using AlipayParams = std::map<std::string, std::string>;

// "k1=v1&k2=v2…": `sign` and empty values left out, keys in byte order, values raw (not encoded).
// A notification also leaves out `sign_type` (§3.4); a request signs it.
std::string AlipaySignContent(const AlipayParams& params, bool notification);
// application/x-www-form-urlencoded in UTF-8, as requests go on the wire.
std::string AlipayForm(const AlipayParams& params);
// The fields of a form body or query string; nothing if it is malformed (bad escapes, a field twice,
// not UTF-8).
std::optional<AlipayParams> ParseAlipayForm(std::string_view form);

// Alipay's times, in Beijing: "yyyy-MM-dd HH:mm:ss" (timestamp, time_expire of precreate) and
// "yyyy-MM-dd HH:mm" (time_expire of wap.pay), and back (-1 if the text is not one).
std::string AlipayTime(int64_t unix_seconds);
std::string AlipayMinute(int64_t unix_seconds);
int64_t ParseAlipayTime(std::string_view text);

// Alipay refuses a request whose timestamp is far from its clock; so does the fake, with this margin.
constexpr int64_t kAlipayClockSkewSeconds = 600;

} // namespace bondstore
