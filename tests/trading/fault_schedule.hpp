#pragma once

// The long soak's faults: every tick one fault, drawn from a seed, on one
// of the simulator's six venues: a disconnect, a feed stall, a sequence
// gap (the venues with sequenced books), 429 replies, a burst of bad
// frames, slow replies. Pure: the same seed and tick give the same fault.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace karb::test {

/// The simulator's venues in the demo, in --venues order.
extern const std::vector<std::string> demo_sim_venues;

struct scheduled_fault {
  std::string kind;    ///< disconnect, stall, gap, http_429, bad_frames, slow
  nlohmann::json spec; ///< the body of the simulator's POST /fault
};

/// Tick `n`'s fault under `seed`. A bad_frames fault has its own seed and
/// a share of 0.2; the caller turns it off (share 0) at the next tick.
scheduled_fault draw_fault(uint64_t seed, uint64_t n);

/// The spec that ends a bad_frames burst on `venue`.
nlohmann::json bad_frames_off(const std::string& venue);

} // namespace karb::test
