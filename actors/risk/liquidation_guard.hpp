#pragma once

// The liquidation-distance guard (issue 16 item 5). Pure: the caller
// passes each position book and the steady time.
//
// A position with a liquidation price (> 0) and a mark (> 0) is at
// distance |mark - liquidation| / mark. Below the configured distance the
// guard asks for a reduce-only close of `reduce_fraction` of its size, on
// the side opposite to the position (sell closes a long, buy a short),
// with reason "liquidation_guard". The size is rounded up (toward the
// safer side) to the position's own precision, never coarser than 0.001,
// and never above the position: 0.5 of 0.015 BTC is 0.008, of 3 BTC 1.5,
// of 0.001 BTC (the venue's smallest lot) the whole 0.001. Execution
// still floors it to the venue's lot. A position is reduced at most once
// per cooldown (per venue, symbol and side), so a book that arrives every
// few seconds does not close it away while the first order works.
// Distance 0 turns the guard off.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "config/settings.hpp"
#include "messages/derivatives.hpp"
#include "messages/risk.hpp"

namespace karb::risk {

class liquidation_guard {
public:
  using time_point = std::chrono::steady_clock::time_point;

  /// The close requests `book` calls for now (each marks its cooldown).
  std::vector<close_request>
  scan(const position_book& book, time_point now,
       const config::liquidation_guard_settings& settings);

  /// Every position with a liquidation price, nearest first.
  static std::vector<liquidation_distance>
  distances(const position_book& book);

  int64_t closes() const { return closes_; }

private:
  using key = std::tuple<exchange, std::string, side>;
  std::map<key, time_point> last_close_;
  int64_t closes_ = 0;
};

/// The guard's size for reducing `amount` by `fraction` (see above).
decimal guard_size(decimal amount, double fraction);

} // namespace karb::risk
