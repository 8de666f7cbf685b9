#pragma once

// The fair value of every listed asset (seeded random walk) and each venue's
// mean-reverting premium over it, so that cross-venue spreads wider than
// both venues' fees open now and then. Deterministic given the seed and the
// number of steps.

#include <cstdint>
#include <vector>

#include "tools/karb-sim/rng.hpp"
#include "tools/karb-sim/types.hpp"

namespace karb::sim {

class price_model {
public:
  /// `steps_per_sec`: how many step() calls make one simulated second.
  price_model(uint64_t seed, size_t venues, int steps_per_sec);

  /// Advances every fair price and premium by one step.
  void step();

  /// Fair price of market `m` (index into markets()).
  decimal fair(size_t m) const { return fair_[m]; }
  /// Venue mid: fair * (1 + premium + shift).
  decimal mid(size_t venue, size_t m) const;
  /// Current premium of a venue over fair, in basis points (incl. shift).
  double premium_bp(size_t venue, size_t m) const;

  /// Adds a constant offset to one venue's mids (fault "shift_mid").
  void set_shift_bp(size_t venue, int bp) { shift_bp_[venue] = bp; }
  int shift_bp(size_t venue) const { return shift_bp_[venue]; }
  /// Adds an offset to one market's mid on one venue (on top of the
  /// venue's; fault "shift_mid" with a "market").
  void set_market_shift_bp(size_t venue, size_t m, int bp) {
    market_shift_bp_[venue][m] = bp;
  }

  uint64_t steps() const { return steps_; }

  /// Stationary std-dev of each premium, bp; reversion rate per second.
  static constexpr double premium_std_bp = 6.0;
  static constexpr double premium_theta = 0.1;

private:
  rng rng_;
  double dt_;
  uint64_t steps_ = 0;
  std::vector<decimal> fair_;
  std::vector<std::vector<double>> premium_; ///< [venue][market], bp
  std::vector<int> shift_bp_;
  std::vector<std::vector<int>> market_shift_bp_; ///< [venue][market]
};

} // namespace karb::sim
