// SF Express's open-platform rules (../shared/carriers/SPEC.md §1–§2, §6.3), shared by the adapter
// and the fake: the request signature, the times SF writes, and what its route codes mean.
#pragma once

#include "core/orders/order.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bondstore {

// Text URL-encoded as Java's URLEncoder does from UTF-8: A–Z a–z 0–9 . - * _ kept, space → '+',
// any other byte → %XX (upper-case hex). Not encodeURIComponent, not quote_plus (§2.1).
std::string JavaUrlEncode(std::string_view text);

// msgDigest = Base64(MD5(JavaUrlEncode(msgData + timestamp + checkword))), 24 characters.
std::string SfMsgDigest(std::string_view msg_data, std::string_view timestamp, std::string_view checkword);

// "YYYY-MM-DD hh:mm:ss", China time, as SF writes acceptTime; and back (nothing if malformed).
std::string SfTime(int64_t unix_seconds);
std::optional<int64_t> ParseSfTime(std::string_view text);

// What an opCode says (§6.3; SF's full table is not public: unknown codes are Other): 50 picked up,
// 30/31 between hubs, 44 out for delivery, 80 delivered, 33/70 an exception, 648 returned.
TrackingStage SfStage(std::string_view op_code);

// How long SF's gateway accepts a request's timestamp (milliseconds either way). SF does not
// publish its A1002 window (§1: unverified); the fake enforces this one and the adapter sends now.
constexpr int64_t kSfTimestampWindowMs = 15 * 60 * 1000;

} // namespace bondstore
