#pragma once

// Per-group request budgets per second, as Upbit reports them in
// `Remaining-Req: group=default; min=1800; sec=29`. Over budget -> 429; a
// client that keeps going while refused gets blocked -> 418, with the block
// doubling on each repeat.

#include <map>
#include <string>
#include <utility>

#include "tools/karb-sim/rules.hpp"

namespace karb::sim {

struct limit_verdict {
  int status = 200;     ///< 200 allowed, 429 over budget, 418 blocked
  int remaining = 0;    ///< calls left in the current second
  std::string header;   ///< Remaining-Req value
  time_ms blocked_for_ms = 0;
  time_ms retry_after_ms = 0; ///< refused: when a retry can succeed
};

class rate_limiter {
public:
  /// Charges one request to (group, key) at time `now`.
  limit_verdict take(const limit_group& g, const std::string& key,
                     time_ms now);

  /// Refused requests within `abuse_window_ms` that trigger a block.
  static constexpr int abuse_threshold = 10;
  static constexpr time_ms abuse_window_ms = 10'000;
  static constexpr time_ms first_block_ms = 2'000;
  static constexpr time_ms max_block_ms = 60'000;

  bool enabled = true;

private:
  struct bucket {
    int64_t second = -1;
    int used = 0;
    int refused = 0;
    time_ms first_refused = 0;
    time_ms blocked_until = 0;
    time_ms last_block_ms = 0;
  };
  std::map<std::pair<std::string, std::string>, bucket> buckets_;
};

} // namespace karb::sim
