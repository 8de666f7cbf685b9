#pragma once

// When a failed store write halts trading again, pure: at the first
// failure, then at most once per `every` while writes keep failing (so a
// failure storm sends one halt, and a node resumed by an operator while
// the disk is still broken is halted again at the next failure after it).

#include <chrono>
#include <optional>

namespace karb::store {

class halt_gate {
public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit halt_gate(std::chrono::nanoseconds every) : every_(every) {
    // nop
  }

  /// A write failed at `now`: whether to halt trading now.
  bool on_failure(time_point now) {
    if (last_ && now - *last_ < every_)
      return false;
    last_ = now;
    return true;
  }

private:
  std::chrono::nanoseconds every_;
  std::optional<time_point> last_;
};

} // namespace karb::store
