#pragma once

// The arbitrage engine's bookkeeping (seed 002 §3.3 ArbitrageEngine): rank
// and filter scanned opportunities, keep the live ones by direction, and
// tell which were newly found and which expired. Pure.
//
// An opportunity is "found" when its direction appears (not on every
// refresh of a live one) and "expired" when a scan no longer has it or its
// valid_until has passed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "messages/arbitrage.hpp"

namespace karb::strategy {

/// Best first: expected profit, then liquidity, then id (stable).
std::vector<arbitrage_opportunity>
rank(std::vector<arbitrage_opportunity> xs);

/// Keeps those with expected profit >= `min_profit` and liquidity score
/// >= `min_liquidity`.
std::vector<arbitrage_opportunity>
filter(std::vector<arbitrage_opportunity> xs, decimal min_profit,
       double min_liquidity = 0.0);

/// The direction key of an opportunity (metadata "direction").
std::string direction_of(const arbitrage_opportunity& x);

struct tracker_update {
  std::vector<arbitrage_opportunity> found;
  std::vector<arbitrage_opportunity> expired;
};

class opportunity_tracker {
public:
  /// Replaces the live set with `scanned` (ranked); reports changes.
  tracker_update update(std::vector<arbitrage_opportunity> scanned,
                        int64_t now_ns);

  /// Drops live opportunities whose valid_until has passed.
  std::vector<arbitrage_opportunity> expire(int64_t now_ns);

  /// The live opportunities, best first.
  const std::vector<arbitrage_opportunity>& live() const { return live_; }

  /// Up to `n` of the best live opportunities.
  std::vector<arbitrage_opportunity> top(size_t n) const;

  uint64_t found_count() const { return found_count_; }
  uint64_t expired_count() const { return expired_count_; }

private:
  std::vector<arbitrage_opportunity> live_;
  uint64_t found_count_ = 0;
  uint64_t expired_count_ = 0;
};

} // namespace karb::strategy
