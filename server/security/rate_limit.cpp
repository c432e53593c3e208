#include "server/security/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace bondstore {

void RateLimit::Set(const std::string& kind, RateRule rule)
{
    std::lock_guard lock(mutex_);
    rules_[kind] = rule;
}

int64_t RateLimit::Take(std::string_view kind, std::string_view client, Clock::time_point now)
{
    if (off_) return 0;
    std::lock_guard lock(mutex_);
    auto rule = rules_.find(kind);
    if (rule == rules_.end() || rule->second.per_minute <= 0) return 0;
    const RateRule& r = rule->second;
    const double per_second = r.per_minute / 60.0;
    std::string key;
    key.reserve(kind.size() + 1 + client.size());
    key.append(kind).append(1, '\x1f').append(client);
    auto [it, fresh] = buckets_.try_emplace(std::move(key));
    Bucket& b = it->second;
    if (fresh) b = {r.burst, now};
    double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(r.burst, b.tokens + std::max(0.0, elapsed) * per_second);
    b.at = now;
    int64_t wait = 0;
    if (b.tokens >= 1) b.tokens -= 1;
    else wait = std::max<int64_t>(1, int64_t(std::ceil((1 - b.tokens) / per_second)));
    if (now - swept_ > std::chrono::minutes(1)) Sweep(now);
    return wait;
}

void RateLimit::Sweep(Clock::time_point now)
{
    swept_ = now;
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        std::string_view kind(it->first);
        kind = kind.substr(0, kind.find('\x1f'));
        auto rule = rules_.find(kind);
        bool full = rule == rules_.end() ||
                    it->second.tokens + std::chrono::duration<double>(now - it->second.at).count() * rule->second.per_minute / 60.0 >=
                        rule->second.burst;
        it = full ? buckets_.erase(it) : std::next(it);
    }
}

} // namespace bondstore
