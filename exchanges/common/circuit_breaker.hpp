#pragma once

// The circuit breaker of seed 000 §4.2: `threshold` consecutive failures
// (5) open it for `cool_down` (5 minutes); after that one trial is allowed
// (half-open): success closes it, failure opens it again for a full
// cool-down. Pure: time is passed in.
//
//   closed --(failure #threshold)--> open --(cool_down elapsed)--> half_open
//   half_open --(success)--> closed ; half_open --(failure)--> open

#include <chrono>
#include <cstdint>
#include <string>

namespace karb {

class circuit_breaker {
public:
  using clock_time = std::chrono::steady_clock::time_point;
  enum class state : uint8_t { closed, open, half_open };

  explicit circuit_breaker(int threshold = 5,
                           std::chrono::milliseconds cool_down
                           = std::chrono::minutes{5})
    : threshold_(threshold), cool_down_(cool_down) {
    // nop
  }

  /// Whether an attempt may be made now (moves open -> half_open when due).
  bool allow(clock_time now);
  void record_success();
  void record_failure(clock_time now);

  /// The state as of `now` (an elapsed open breaker reads half_open).
  state current(clock_time now) const;
  int consecutive_failures() const { return failures_; }
  /// When an open breaker lets the next trial through.
  clock_time reopens_at() const { return opened_at_ + cool_down_; }
  int64_t times_opened() const { return times_opened_; }

private:
  int threshold_;
  std::chrono::milliseconds cool_down_;
  state state_ = state::closed;
  int failures_ = 0;
  int64_t times_opened_ = 0;
  clock_time opened_at_{};
};

std::string to_string(circuit_breaker::state s);

} // namespace karb
