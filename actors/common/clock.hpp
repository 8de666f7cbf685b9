#pragma once

// The node's one clock, as int64 nanoseconds (the unit every message
// carries). Steady time is the actor's clock, so it is virtual under CAF's
// test coordinator. Wall time is `wall_ns()`; an actor whose wall time
// tests must fix or move (day boundaries, latency against venue stamps,
// request signing) carries a `wall_clock` in its setup instead, which
// reads `wall_ns()` unless a source was injected.

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <utility>

namespace karb {

/// The actor's clock (virtual under the test coordinator), as steady ns.
template <class Self>
int64_t steady_ns(Self* self) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           self->clock().now().time_since_epoch())
    .count();
}

/// The system wall clock, ns since the Unix epoch.
inline int64_t wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

/// Injectable wall time, ns since the Unix epoch: `wall_ns()` by default,
/// or any `int64_t()` source a test assigns (a fixed instant, or one that
/// follows virtual time).
class wall_clock {
public:
  wall_clock() = default;

  template <class Source>
    requires(!std::same_as<std::remove_cvref_t<Source>, wall_clock>
             && std::is_invocable_r_v<int64_t, Source&>)
  wall_clock(Source source) : source_(std::move(source)) {
    // nop
  }

  /// Now, in ns since the Unix epoch.
  int64_t operator()() const {
    return source_ ? source_() : wall_ns();
  }

  /// Now, in ms since the Unix epoch (venue nonces and token timestamps).
  int64_t ms() const {
    return (*this)() / 1'000'000;
  }

private:
  std::function<int64_t()> source_;
};

} // namespace karb
