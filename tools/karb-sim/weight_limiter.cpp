#include "tools/karb-sim/weight_limiter.hpp"

#include <algorithm>

#include "tools/karb-sim/fault_reply.hpp"

namespace karb::sim {

weight_limits weight_limits_for(venue_kind v) {
  if (v == venue_kind::binance_usdm)
    return {2400, 300, 1200, 60'000, "X-MBX-ORDER-COUNT-1M", "1 MINUTE"};
  return {};
}

weight_verdict weight_limiter::take(int weight, bool order,
                                    const std::string& account, time_ms now) {
  weight_verdict v;
  auto minute = now / 60'000;
  if (minute != minute_) {
    minute_ = minute;
    used_ = 0;
  }
  auto refuse = [&](int status, int code, std::string msg, time_ms until) {
    v.status = status;
    v.code = code;
    v.msg = std::move(msg);
    v.retry_after_s = retry_after_seconds(until - now);
  };
  if (enabled && now < banned_until_) {
    refuse(418, -1003, "Way too much request weight used; IP banned until "
                         + std::to_string(banned_until_)
                         + ". Please use WebSocket Streams for live updates "
                           "to avoid bans.",
           banned_until_);
  } else if (enabled && now < retry_until_) { // ignored Retry-After: ban
    last_ban_ms_ = last_ban_ms_ == 0 ? first_ban_ms
                                     : std::min(last_ban_ms_ * 2, max_ban_ms);
    banned_until_ = now + last_ban_ms_;
    retry_until_ = 0;
    refuse(418, -1003, "Way too much request weight used; IP banned until "
                         + std::to_string(banned_until_)
                         + ". Please use WebSocket Streams for live updates "
                           "to avoid bans.",
           banned_until_);
  } else if (enabled && used_ + weight > limits_.weight_per_minute) {
    retry_until_ = (minute + 1) * 60'000;
    refuse(429, -1003, "Too much request weight used; current limit is "
                         + std::to_string(limits_.weight_per_minute)
                         + " request weight per 1 MINUTE. Please use "
                           "WebSocket Streams for live updates to avoid "
                           "polling the API.",
           retry_until_);
  } else {
    used_ += weight;
  }
  v.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(used_));
  if (!order || v.status != 200)
    return v;
  auto& w = orders_[account];
  auto short_window = now / 10'000;
  auto long_window = now / limits_.long_window_ms;
  if (short_window != w.short_window) {
    w.short_window = short_window;
    w.short_count = 0;
  }
  if (long_window != w.long_window) {
    w.long_window = long_window;
    w.long_count = 0;
  }
  if (enabled && w.short_count >= limits_.orders_short) {
    refuse(429, -1015, "Too many new orders; current limit is "
                         + std::to_string(limits_.orders_short)
                         + " orders per 10 SECOND.",
           (short_window + 1) * 10'000);
  } else if (enabled && w.long_count >= limits_.orders_long) {
    refuse(429, -1015, "Too many new orders; current limit is "
                         + std::to_string(limits_.orders_long) + " orders per "
                         + limits_.long_text + ".",
           (long_window + 1) * limits_.long_window_ms);
  } else {
    ++w.short_count;
    ++w.long_count;
  }
  v.headers.emplace_back("X-MBX-ORDER-COUNT-10S",
                         std::to_string(w.short_count));
  v.headers.emplace_back(limits_.long_header, std::to_string(w.long_count));
  return v;
}

http::response binance_ban_reply(time_ms left_ms, time_ms now) {
  http::response r;
  r.status = 418;
  r.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
  r.headers.emplace_back("Retry-After",
                         std::to_string(retry_after_seconds(left_ms)));
  r.body = R"({"code":-1003,"msg":"Way too much request weight used; IP banned until )"
           + std::to_string(now + left_ms)
           + R"(. Please use WebSocket Streams for live updates to avoid bans."})";
  return r;
}

} // namespace karb::sim
