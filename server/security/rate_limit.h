// RateLimit: how often one client may ask for what costs the store something — a checkout (it
// reserves stock), a quote, a search, a kiosk's sealed order, a kiosk enrollment. A token bucket
// per client and kind: `per_minute` tokens a minute, up to `burst` at once. Past it the route
// answers 429 with Retry-After (http/json_reply.h). In memory, per server: several servers behind
// one front each allow their share (the front's own limit_req caps the sum).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bondstore {

struct RateRule {
    double per_minute = 0; // 0: no limit
    double burst = 1;
};

class RateLimit {
public:
    using Clock = std::chrono::steady_clock;

    // The rule for each kind ("checkout", "quote", …); kinds without one are not limited.
    void Set(const std::string& kind, RateRule rule);
    // Off: every Take succeeds (tests that measure throughput, a front that limits instead).
    void TurnOff() { off_ = true; }

    // Takes a token for `client` and `kind`. 0 when allowed; else the seconds until one is free.
    int64_t Take(std::string_view kind, std::string_view client, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point at;
    };
    void Sweep(Clock::time_point now); // drops buckets that are full again (caller holds mutex_)
    std::map<std::string, RateRule, std::less<>> rules_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_; // kind + '\x1f' + client
    Clock::time_point swept_;
    bool off_ = false;
};

} // namespace bondstore
