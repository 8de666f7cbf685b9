#include "tools/karb-sim/rate_limiter.hpp"

#include <algorithm>

namespace karb::sim {

limit_verdict rate_limiter::take(const limit_group& g, const std::string& key,
                                 time_ms now) {
  auto& b = buckets_[{g.name, key}];
  auto header = [&](int sec) {
    return "group=" + g.name + "; min=" + std::to_string(g.per_sec * 60)
           + "; sec=" + std::to_string(sec);
  };
  limit_verdict v;
  if (!enabled) {
    v.remaining = g.per_sec - 1;
    v.header = header(v.remaining);
    return v;
  }
  if (now < b.blocked_until) {
    v.status = 418;
    v.blocked_for_ms = b.blocked_until - now;
    v.retry_after_ms = v.blocked_for_ms;
    v.header = header(0);
    return v;
  }
  auto second = now / 1000;
  if (second != b.second) {
    b.second = second;
    b.used = 0;
  }
  if (b.used < g.per_sec) {
    ++b.used;
    v.remaining = g.per_sec - b.used;
    v.header = header(v.remaining);
    return v;
  }
  if (b.refused == 0 || now - b.first_refused > abuse_window_ms) {
    b.refused = 0;
    b.first_refused = now;
  }
  v.header = header(0);
  if (++b.refused >= abuse_threshold) {
    b.last_block_ms = b.last_block_ms == 0
                        ? first_block_ms
                        : std::min(b.last_block_ms * 2, max_block_ms);
    b.blocked_until = now + b.last_block_ms;
    b.refused = 0;
    v.status = 418;
    v.blocked_for_ms = b.last_block_ms;
    v.retry_after_ms = v.blocked_for_ms;
    return v;
  }
  v.status = 429;
  v.retry_after_ms = (second + 1) * 1000 - now; // the next second's budget
  return v;
}

} // namespace karb::sim
