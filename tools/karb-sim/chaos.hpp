#pragma once

// The "chaos" fault: each request in scope independently gets, with
// probability `share`, one reply fault drawn from a seeded generator, so
// that a soak test sees the same sequence again for the same seed and the
// same order of requests.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "tools/karb-sim/fault_scope.hpp"
#include "tools/karb-sim/rng.hpp"

namespace karb::sim {

enum class chaos_kind {
  none,
  gateway_error,        ///< processed, then a 502/503/504 proxy page
  gateway_error_before, ///< not processed, a 502/503/504 proxy page
  truncate_reply,       ///< processed, the body cut in half
  reset_after_accept,   ///< processed, then a TCP reset
  slow,                 ///< processed, the reply delayed 200..1500 ms
};

/// The names used in the request log and in `chaos_injected`.
std::string_view to_string(chaos_kind k);

/// One request's outcome.
struct chaos_draw {
  chaos_kind kind = chaos_kind::none;
  int status = 0; ///< gateway kinds: 502, 503 or 504
  int ms = 0;     ///< slow: the delay
};

struct chaos_state {
  bool on = false;
  double share = 0.2;
  uint64_t seed = 0;
  fault_scope scope = fault_scope::order;
  rng gen{0};
  std::map<std::string, int> injected; ///< by to_string(kind)

  /// Starts (or restarts) drawing from `seed`; the counts start over.
  void start(double share_, uint64_t seed_, fault_scope scope_);
  /// The outcome for the next request in scope (always consumes the same
  /// number of draws, whatever the outcome).
  chaos_draw draw();
  /// Counts an outcome that was applied to a reply.
  void count(chaos_kind k) { ++injected[std::string{to_string(k)}]; }
};

} // namespace karb::sim
