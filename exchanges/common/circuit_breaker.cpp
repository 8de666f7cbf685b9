#include "exchanges/common/circuit_breaker.hpp"

namespace karb {

bool circuit_breaker::allow(clock_time now) {
  state_ = current(now);
  return state_ != state::open;
}

void circuit_breaker::record_success() {
  state_ = state::closed;
  failures_ = 0;
}

void circuit_breaker::record_failure(clock_time now) {
  ++failures_;
  bool trial_failed = current(now) == state::half_open;
  if (trial_failed || (state_ == state::closed && failures_ >= threshold_)) {
    state_ = state::open;
    opened_at_ = now;
    ++times_opened_;
  }
}

circuit_breaker::state circuit_breaker::current(clock_time now) const {
  if (state_ == state::open && now >= opened_at_ + cool_down_)
    return state::half_open;
  return state_;
}

std::string to_string(circuit_breaker::state s) {
  switch (s) {
    case circuit_breaker::state::closed:
      return "closed";
    case circuit_breaker::state::open:
      return "open";
    case circuit_breaker::state::half_open:
      return "half_open";
  }
  return "invalid";
}

} // namespace karb
