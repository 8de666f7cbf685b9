#pragma once

// Exponential backoff with jitter, as a pure value: the caller supplies the
// random draw, so tests are exact. delay(n) for the n-th consecutive failure
// (n >= 1) = min(cap, base * factor^(n-1)), then scaled by a jitter factor in
// [1 - jitter, 1].

#include <chrono>
#include <cstdint>

namespace karb {

struct backoff_policy {
  std::chrono::milliseconds base{500};
  std::chrono::milliseconds cap{30'000};
  double factor = 2.0;
  double jitter = 0.2; ///< fraction of the delay that may be removed at random
  int max_attempts = 0; ///< 0: unlimited (supervision); 3 for idempotent reads

  /// The delay before retry number `failures` (>= 1); `unit_random` in [0, 1).
  std::chrono::milliseconds delay(int failures, double unit_random) const;
  /// Whether another attempt is allowed after `attempts` tries.
  bool may_retry(int attempts) const {
    return max_attempts == 0 || attempts < max_attempts;
  }
};

} // namespace karb
