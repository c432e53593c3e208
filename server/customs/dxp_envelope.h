// DxpEnvelope: the single window's transport envelope (SPEC.md §3.1; the terminal schema
// ceb_terminal_202205.xsd): a business message travels base64-encoded in Data, with who sends it,
// to whom, when, and a CopMsgId the receiver de-duplicates by (Bondstore uses the message's guid).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bondstore {

struct DxpEnvelope {
    std::string cop_msg_id;                // ≤ 255
    std::string sender_id;                 // ≤ 16
    std::vector<std::string> receiver_ids; // 1–5, each ≤ 16
    int64_t created_at = 0;                // CreatTime, China time
    std::string msg_type;                  // "CEB311Message", …
    std::string data;                      // the business message (decoded)
};

// Where envelopes go: "http://host:port/path" as the client's base ("http://host:port") and the
// path ("/path", "/" when none) — the relay's gateway, the simulator's receipts URL.
struct HttpTarget {
    std::string base, path;
};
HttpTarget SplitUrl(const std::string& url);

// <dxp:DxpMsg ver="1.0" …>; the caller keeps the lengths (ParseCustomsConfigJson checks dxp_id
// against SenderId's 16).
std::string DxpMsgXml(const DxpEnvelope& envelope);

// An envelope from XML, or nothing with `error`: kNotDxpMsg when the root is something else, or
// what is wrong with it (a field missing, Data not base64).
inline constexpr const char* kNotDxpMsg = "not a DxpMsg envelope";
std::optional<DxpEnvelope> ParseDxpMsg(std::string_view xml, std::string* error);

} // namespace bondstore
