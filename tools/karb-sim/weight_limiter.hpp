#pragma once

// Binance request weight per IP per clock minute and order counts per
// account, with the venue's answers: over the weight budget -> 429 (-1003)
// with Retry-After until the minute ends; a request sent during that
// Retry-After period -> 418 IP ban (2 min, doubling on each repeat up to
// 3 days) with Retry-After = the ban left. Too many orders -> 429 (-1015).
// The router sees no IP addresses: one budget for all clients.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/types.hpp"

namespace karb::sim {

struct weight_limits {
  int weight_per_minute = 6000;
  int orders_short = 100;           ///< per 10 s
  int orders_long = 200'000;        ///< per `long_window_ms`
  time_ms long_window_ms = 86'400'000;
  std::string long_header = "X-MBX-ORDER-COUNT-1D";
  std::string long_text = "1 DAY"; ///< in the -1015 message
};

/// Spot: 6000/min, 100 orders/10 s, 200,000/day. USD-M: 2400/min, 300
/// orders/10 s, 1200/min.
weight_limits weight_limits_for(venue_kind v);

struct weight_verdict {
  int status = 200;      ///< 200, 429 or 418
  int code = 0;          ///< -1003 or -1015 when refused
  std::string msg;
  int64_t retry_after_s = 0;
  std::vector<http::header> headers; ///< X-MBX-USED-WEIGHT-1M, order counts
};

class weight_limiter {
public:
  explicit weight_limiter(weight_limits l) : limits_(std::move(l)) {}

  /// Charges `weight` (and one order for `account` when `order`).
  weight_verdict take(int weight, bool order, const std::string& account,
                      time_ms now);

  time_ms banned_until() const { return banned_until_; }
  const weight_limits& limits() const { return limits_; }

  static constexpr time_ms first_ban_ms = 120'000;
  static constexpr time_ms max_ban_ms = 3 * 86'400'000LL;

  bool enabled = true;

private:
  struct orders_window {
    int64_t short_window = -1, long_window = -1;
    int short_count = 0, long_count = 0;
  };

  weight_limits limits_;
  int64_t minute_ = -1;
  int used_ = 0;
  time_ms retry_until_ = 0;  ///< a 429's Retry-After period
  time_ms banned_until_ = 0;
  time_ms last_ban_ms_ = 0;
  std::map<std::string, orders_window> orders_;
};

/// Binance's 418 for a ban ending in `left_ms` (also the `ban` fault).
http::response binance_ban_reply(time_ms left_ms, time_ms now);

} // namespace karb::sim
